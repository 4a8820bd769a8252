import type { TimelineEntry } from '../../../shared/domain/views.ts';
import type { AppError } from '../../../shared/result.ts';
import { coalesce } from '../../lib/coalesce.ts';
import type { SliceCreator } from '../types.ts';

/** Whose timeline: a release's or a train's. */
export type TimelineSubject = { releaseId: string } | { trainId: string };

export const timelineKey = (subject: TimelineSubject): string => ('releaseId' in subject ? `release:${subject.releaseId}` : `train:${subject.trainId}`);

export interface TimelineSlice {
  timelineFor: TimelineSubject | null;
  timeline: { key: string; entries: TimelineEntry[] } | null;
  timelineError: AppError | null;
  openTimeline(subject: TimelineSubject): void;
  closeTimeline(): void;
  refreshTimeline(): Promise<void>;
}

export const createTimelineSlice: SliceCreator<TimelineSlice> = (client) => (set, get) => {
  const refresh = coalesce(async () => {
    const subject = get().timelineFor;
    if (!subject) return;
    const key = timelineKey(subject);
    const result = await client.getTimeline({ ...subject, limit: 500 });
    const now = get().timelineFor;
    if (!now || timelineKey(now) !== key) return;
    if (result.ok) set({ timeline: { key, entries: result.value }, timelineError: null });
    else set({ timelineError: result.error });
  });
  return {
    timelineFor: null,
    timeline: null,
    timelineError: null,
    openTimeline: (subject) => {
      const key = timelineKey(subject);
      const current = get().timelineFor;
      if (!current || timelineKey(current) !== key) set({ timelineFor: subject, timelineError: null, ...(get().timeline?.key === key ? {} : { timeline: null }) });
      void refresh();
    },
    closeTimeline: () => set({ timelineFor: null }),
    refreshTimeline: refresh,
  };
};
