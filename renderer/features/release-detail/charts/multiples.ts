import type { MetricName } from '../../../../shared/domain/metrics.ts';
import type { Dimension, Gate, GateResult } from '../../../../shared/gates/types.ts';

export interface SegmentChoice {
  metric: MetricName;
  dimension: Dimension;
}

const firstDimension = (gate: Gate | undefined, result?: GateResult): Dimension => gate?.segments[0] ?? result?.segments[0]?.dimension ?? 'region';

/**
 * Which segments to compare when the user has not chosen: the failing gate's metric (one that
 * judges segments first), else the first relative gate's, by the gate's first segment dimension.
 */
export function defaultSegmentChoice(results: readonly GateResult[], gates: readonly Gate[]): SegmentChoice | null {
  const byId = new Map(gates.map((g) => [g.id, g]));
  const failing = results.filter((r) => r.outcome === 'fail');
  const failed = failing.find((r) => r.segments.length > 0 || (byId.get(r.gateId)?.segments.length ?? 0) > 0) ?? failing[0];
  if (failed) return { metric: failed.metric, dimension: firstDimension(byId.get(failed.gateId), failed) };
  const relative = gates.find((g) => g.kind === 'relative');
  if (relative) return { metric: relative.metric, dimension: firstDimension(relative) };
  const any = gates[0];
  return any ? { metric: any.metric, dimension: firstDimension(any) } : null;
}

/** Keys of the segments failing a gate on this metric, in this dimension. */
export function breakingSegments(results: readonly GateResult[], choice: SegmentChoice): Set<string> {
  const keys = new Set<string>();
  for (const r of results) {
    if (r.metric !== choice.metric) continue;
    for (const s of r.segments) if (s.dimension === choice.dimension && s.outcome === 'fail') keys.add(s.key);
  }
  return keys;
}
