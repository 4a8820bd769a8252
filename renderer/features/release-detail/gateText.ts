import type { GateStatus } from '../../../shared/domain/views.ts';
import { warmupSeconds, type Gate, type GateResult, type SegmentCheck } from '../../../shared/gates/types.ts';
import { formatDuration } from '../../../shared/plans/duration.ts';
import { ACTION_LABEL } from '../../lib/labels.ts';
import { formatRelative } from '../../lib/format.ts';

/** What else decides the gate: its segments, the samples it waits for, and its warm-up. */
export function gateScope(gate: Gate): string {
  const by = gate.segments.length ? `per ${gate.segments.join(' and ')}` : 'total only';
  const seconds = warmupSeconds(gate);
  const warmup = seconds === 0 ? '' : ` · first ${formatDuration(seconds)} of each stage not judged`;
  return `${by} · at least ${gate.minSamples} samples${warmup}`;
}

export const segmentTestId = (s: Pick<SegmentCheck, 'dimension' | 'key' | 'outcome'>): string =>
  s.outcome === 'fail' ? `segment-fail-${s.dimension}-${s.key}` : `segment-${s.dimension}-${s.key}`;

/** Gates failing now and not overridden: going on against them needs an override. */
export function failingGates(status: GateStatus | null | undefined): GateResult[] {
  if (!status) return [];
  const overridden = new Set(status.overrides.map((o) => o.gateId));
  return status.results.filter((r) => r.outcome === 'fail' && !overridden.has(r.gateId));
}

/** The guard's next step in a sentence. */
export function guardNextText(next: GateStatus['next']): string {
  const why = next.why.charAt(0).toUpperCase() + next.why.slice(1);
  if (next.kind === 'act' && next.action) return `Will ${ACTION_LABEL[next.action].toLowerCase()} now — ${next.why}`;
  if (next.kind === 'request_approval') return `Will ask for your approval — ${next.why}`;
  return why;
}

/** A look older than this is named by its age: while samples come, the guard looks every minute. */
const STALE_LOOK_MS = 5 * 60_000;

/** "(42 min ago; the guard looks when samples arrive)" beside an old look's time, or null for a recent one. */
export function lookAge(evaluatedAt: number, now: number): string | null {
  return now - evaluatedAt > STALE_LOOK_MS ? `(${formatRelative(evaluatedAt, now)}; the guard looks when samples arrive)` : null;
}
