import { METRICS, MetricName, type MetricSeries } from '../../../shared/domain/metrics.ts';
import type { DecisionEvidence } from '../../../shared/domain/decisionEvidence.ts';
import type { Dimension, Gate, GateResult, SegmentCheck } from '../../../shared/gates/types.ts';
import { chartLimits, type ChartLimits } from '../release-detail/charts/limits.ts';

/** One segment's canary and baseline, kept where a gate failed in that segment. */
export interface EvidenceSegmentSeries extends MetricSeries {
  gateId: string;
  dimension: Dimension;
  key: string;
}

export interface EvidenceCharts {
  series: MetricSeries[];
  /** Where a gate failed in one segment: that segment's series, for the metric's chart to show. */
  segmentSeries: EvidenceSegmentSeries[];
}

const isMetric = (key: string): key is MetricName => MetricName.safeParse(key).success;

/** The series kept in the evidence, in the order the decider kept them, named as people read the metric. */
export function evidenceCharts(evidence: Pick<DecisionEvidence, 'series' | 'segmentSeries'>): EvidenceCharts {
  const series = Object.keys(evidence.series).filter(isMetric).flatMap((metric): MetricSeries[] => {
    const kept = evidence.series[metric];
    return kept ? [{ metric, label: METRICS[metric].label, unit: kept.unit, points: kept.points, ...(kept.gaps ? { gaps: kept.gaps } : {}) }] : [];
  });
  const segmentSeries = evidence.segmentSeries.map((s) => ({ ...s, label: METRICS[s.metric].label }));
  return { series, segmentSeries };
}

/**
 * The limits an evidence chart draws: those of the stage's gates on its metric, as the live chart drew
 * them then — for a failing segment's chart, only the gate that failed there. None when the evidence
 * kept no stage.
 */
export function evidenceLimits(gates: readonly Gate[] | null, metric: MetricName, failedGateId: string | null): ChartLimits {
  const drawn = (gates ?? []).filter((g) => failedGateId === null || g.id === failedGateId);
  return chartLimits(drawn, metric);
}

export function failingSegments(result: GateResult): SegmentCheck[] {
  return result.segments.filter((s) => s.outcome === 'fail');
}
