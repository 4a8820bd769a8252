import { z } from 'zod';
import { METRICS, MetricName, SeriesPoint, type MetricSeries } from '../../../shared/domain/metrics.ts';
import { OverrideReasonCode } from '../../../shared/domain/views.ts';
import { Dimension, GateResult, Outcome, type SegmentCheck } from '../../../shared/gates/types.ts';
import { SourceStatus } from '../../../shared/sources/freshness.ts';
import { PreflightEvidence } from '../../../shared/domain/preflight.ts';

/**
 * A decision's evidence is stored as free-form JSON (the contract types it as a record), written
 * by whichever version of the core took it. Each part is read on its own and anything that does
 * not fit is left out, so an old or odd snapshot still shows what it can.
 */
const GatesPart = z.object({
  results: z.array(GateResult),
  verdict: Outcome.optional(),
  effective: Outcome.optional(),
  windowStart: z.number().optional(),
  windowEnd: z.number().optional(),
  canarySamples: z.number().optional(),
  step: z.object({ kind: z.string(), why: z.string().optional() }).optional(),
});

const OverridePart = z.object({ gateId: z.string(), reasonCode: OverrideReasonCode, expiresAt: z.number() });
const SeriesPart = z.object({ unit: z.string().optional(), points: z.array(SeriesPoint) });
const StagePart = z.object({ label: z.string(), exposurePct: z.number() });
const SegmentSeriesPart = z.object({ metric: MetricName, gateId: z.string(), dimension: Dimension, key: z.string(), unit: z.string().optional(), points: z.array(SeriesPoint) });

/** One segment's canary and baseline, kept where a gate failed in that segment. */
export interface EvidenceSegmentSeries extends MetricSeries {
  gateId: string;
  dimension: Dimension;
  key: string;
}

export interface EvidenceGates {
  results: GateResult[];
  verdict: Outcome | null;
  effective: Outcome | null;
  windowStart: number | null;
  windowEnd: number | null;
  canarySamples: number | null;
  why: string | null;
}

export interface Evidence {
  stage: { label: string; exposurePct: number } | null;
  gates: EvidenceGates | null;
  overrides: z.infer<typeof OverridePart>[];
  series: MetricSeries[];
  /** Where the numbers came from; null for snapshots taken before sources were recorded (all simulated then). */
  source: SourceStatus | null;
  /** Where a gate failed in one segment: that segment's series, for the metric's chart to show. */
  segmentSeries: EvidenceSegmentSeries[];
  /** A start's pre-flight: its checks, and who started anyway and why; null for any other decision. */
  preflight: PreflightEvidence | null;
}

export function readEvidence(evidence: Record<string, unknown>): Evidence {
  const stage = StagePart.safeParse(evidence.stage);
  const gates = GatesPart.safeParse(evidence.gates);
  const overrides = Array.isArray(evidence.overridesCreated) ? evidence.overridesCreated.map((o) => OverridePart.safeParse(o)).flatMap((r) => (r.success ? [r.data] : [])) : [];
  const seriesRecord = evidence.series !== null && typeof evidence.series === 'object' ? (evidence.series as Record<string, unknown>) : {};
  const series: MetricSeries[] = [];
  for (const [name, value] of Object.entries(seriesRecord)) {
    const metric = MetricName.safeParse(name);
    const part = SeriesPart.safeParse(value);
    if (!metric.success || !part.success) continue;
    const info = METRICS[metric.data];
    series.push({ metric: metric.data, label: info.label, unit: part.data.unit ?? info.unit, points: part.data.points });
  }
  const segmentSeries = Array.isArray(evidence.segmentSeries)
    ? evidence.segmentSeries.flatMap((raw) => {
        const part = SegmentSeriesPart.safeParse(raw);
        if (!part.success) return [];
        const { metric, unit, ...rest } = part.data;
        return [{ ...rest, metric, label: METRICS[metric].label, unit: unit ?? METRICS[metric].unit }];
      })
    : [];
  return {
    segmentSeries,
    stage: stage.success ? stage.data : null,
    gates: gates.success
      ? {
          results: gates.data.results,
          verdict: gates.data.verdict ?? null,
          effective: gates.data.effective ?? null,
          windowStart: gates.data.windowStart ?? null,
          windowEnd: gates.data.windowEnd ?? null,
          canarySamples: gates.data.canarySamples ?? null,
          why: gates.data.step?.why ?? null,
        }
      : null,
    overrides,
    series,
    source: SourceStatus.safeParse(evidence.source).data ?? null,
    preflight: PreflightEvidence.safeParse(evidence.preflight).data ?? null,
  };
}

export function failingSegments(result: GateResult): SegmentCheck[] {
  return result.segments.filter((s) => s.outcome === 'fail');
}
