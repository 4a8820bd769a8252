import type { TimelineEntry } from '../../../shared/domain/views.ts';
import { localDay } from '../../lib/format.ts';
import { DAY_MS } from '../../../shared/time.ts';
import type { TimelineCategory } from './timelineWords.ts';

export interface TimelineDay {
  /** Local date, YYYY-MM-DD. */
  day: string;
  /** "Today", "Yesterday", "Tomorrow" or the date. */
  label: string;
  entries: TimelineEntry[];
}

const dayLabel = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/** Entries in time order (oldest first, ties keep the host's order), grouped by local day. */
export function groupTimeline(entries: readonly TimelineEntry[], now: number): TimelineDay[] {
  const sorted = entries.map((e, i) => [e, i] as const).sort((a, b) => a[0].at - b[0].at || a[1] - b[1]).map(([e]) => e);
  const today = localDay(now);
  const yesterday = localDay(now - DAY_MS);
  const tomorrow = localDay(now + DAY_MS);
  const days: TimelineDay[] = [];
  for (const entry of sorted) {
    const day = localDay(entry.at);
    let group = days.at(-1);
    if (!group || group.day !== day) {
      const label = day === today ? 'Today' : day === yesterday ? 'Yesterday' : day === tomorrow ? 'Tomorrow' : dayLabel.format(new Date(entry.at));
      group = { day, label, entries: [] };
      days.push(group);
    }
    group.entries.push(entry);
  }
  return days;
}

export const KIND_LABEL: Record<TimelineCategory, string> = {
  release: 'Release',
  stage: 'Stage',
  decision: 'Decision',
  approval: 'Approval',
  flag: 'Flag',
  fault: 'Fault',
  phase: 'Phase',
  train: 'Train',
};

export const KIND_ICON: Record<TimelineCategory, string> = {
  release: '■',
  stage: '▲',
  decision: '◆',
  approval: '✔',
  flag: '⚑',
  fault: '✖',
  phase: '◷',
  train: '●',
};
