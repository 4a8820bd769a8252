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

/** Per metric, the dimensions with samples recorded, in the order they are offered (region, device, tenant). */
export type SegmentsWithData = Map<MetricName, Dimension[]>;

const DIMENSION_ORDER: readonly Dimension[] = ['region', 'device', 'tenant'];

export function segmentsWithData(recorded: readonly { metric: MetricName; dimension: Dimension; keys: readonly string[] }[]): SegmentsWithData {
  const found: SegmentsWithData = new Map();
  for (const r of recorded) {
    if (r.keys.length === 0) continue;
    found.set(r.metric, [...(found.get(r.metric) ?? []), r.dimension]);
  }
  for (const [metric, dims] of found) found.set(metric, DIMENSION_ORDER.filter((d) => dims.includes(d)));
  return found;
}

/**
 * The choice moved to where there is data: its own metric and dimension when they have samples,
 * else another dimension of that metric, else the first metric with any; null when no segment has data.
 */
export function choiceWithData(choice: SegmentChoice, available: SegmentsWithData): SegmentChoice | null {
  const dims = available.get(choice.metric);
  if (dims?.includes(choice.dimension)) return choice;
  if (dims?.length) return { metric: choice.metric, dimension: dims[0]! };
  const [metric, other] = [...available].find(([, d]) => d.length > 0) ?? [];
  return metric && other ? { metric, dimension: other[0]! } : null;
}
