import { seededRandom, type BacktestRow, type MetricName } from '../../shared/index.ts';

export const REGIONS = ['us-east', 'eu-west', 'ap-south'] as const;

const LEVEL: Record<MetricName, number> = { error_rate: 0.5, p95_latency_ms: 200, crash_free_users: 99.9, kpi_conversion: 4, dependency_error_rate: 0.3, cpu_utilization: 40, memory_utilization: 55 };

export interface RecordingOptions {
  start: number;
  durationMs: number;
  tickMs: number;
  metrics: readonly MetricName[];
  /** Rows per cohort, region and tick stand for this many requests (the canary a quarter of it). */
  traffic?: number;
  /** Scales the canary's value where it returns more than 1: a regression (1 everywhere is healthy). */
  canaryFactor?: (metric: MetricName, region: string, t: number) => number;
  /** Cells per region: one row per region × device (none: one row per region). */
  devices?: readonly string[];
  /** Also a total row (no labels) per cohort, metric and tick. */
  totals?: boolean;
  seed?: number;
}

/**
 * A synthetic recording: canary and baseline per region (or region × device) and tick. Both cohorts
 * get the same values (one noise draw per tick, cell and metric), so a healthy recording is healthy
 * beyond any doubt and a regression is exactly the canary factor.
 */
export function recording(o: RecordingOptions): BacktestRow[] {
  const random = seededRandom(o.seed ?? 7);
  const traffic = o.traffic ?? 2000;
  const rows: BacktestRow[] = [];
  for (let t = o.start + o.tickMs; t <= o.start + o.durationMs; t += o.tickMs) {
    for (const metric of o.metrics) {
      const sums = { canary: [0, 0], baseline: [0, 0] };
      for (const region of REGIONS) {
        for (const device of o.devices ?? ['']) {
          const noise = 0.95 + 0.1 * random();
          // Crash-free users vary by their crashes, so the value stays a percent.
          const value = metric === 'crash_free_users' ? 100 - (100 - LEVEL[metric]) * noise : LEVEL[metric] * noise;
          for (const cohort of ['canary', 'baseline'] as const) {
            const v = cohort === 'canary' ? value * (o.canaryFactor?.(metric, region, t) ?? 1) : value;
            const weight = cohort === 'canary' ? traffic / 4 : traffic;
            rows.push({ t, cohort, metric, value: v, weight, region, device, tenant: '' });
            sums[cohort][0]! += v * weight;
            sums[cohort][1]! += weight;
          }
        }
      }
      if (o.totals) {
        for (const cohort of ['canary', 'baseline'] as const) {
          rows.push({ t, cohort, metric, value: sums[cohort][0]! / sums[cohort][1]!, weight: sums[cohort][1]!, region: '', device: '', tenant: '' });
        }
      }
    }
  }
  return rows;
}

/** Rows as the backtest's SAMPLES.csv writes them: t in epoch ms, an empty value for a missing one. */
/** The header of a samples file (the backtest's and ingest's format). */
export const SAMPLES_HEADER = 't,cohort,metric,value,weight,region,device,tenant';

export function samplesCsv(rows: readonly BacktestRow[]): string {
  const lines = rows.map((r) => [r.t, r.cohort, r.metric, r.value ?? '', r.weight, r.region, r.device, r.tenant].join(','));
  return [SAMPLES_HEADER, ...lines].join('\n') + '\n';
}
