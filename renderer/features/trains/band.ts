import type { PhaseView, TrainRun } from '../../../shared/domain/trains.ts';

export interface BandSegment {
  phase: PhaseView;
  /** Percent of the run's span from its kickoff. */
  left: number;
  width: number;
}

export interface BandLayout {
  segments: BandSegment[];
  /** Where now falls on the band, in percent; null when the run is not under way. */
  today: number | null;
}

const clampPct = (v: number) => Math.max(0, Math.min(100, v));

/** A run laid out as a horizontal band: each phase a segment as long as it lasts, and a mark for today. */
export function bandLayout(run: Pick<TrainRun, 'kickoffAt' | 'endsAt' | 'phases'>, now: number): BandLayout {
  const span = Math.max(1, run.endsAt - run.kickoffAt);
  const pct = (t: number) => clampPct(((t - run.kickoffAt) / span) * 100);
  const segments = run.phases.map((phase) => {
    const left = pct(phase.startsAt);
    return { phase, left, width: Math.max(0, pct(phase.endsAt) - left) };
  });
  const today = now >= run.kickoffAt && now <= run.endsAt ? pct(now) : null;
  return { segments, today };
}

/** Cadence in words. */
export function cadenceText(days: number): string {
  if (days === 7) return 'Weekly';
  if (days === 14) return 'Every two weeks';
  return days === 1 ? 'Every day' : `Every ${days} days`;
}
