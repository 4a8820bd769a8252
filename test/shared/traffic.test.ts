import { describe, expect, it } from 'vitest';
import { estimateTraffic, metricTraffic, normal, SAMPLE_BLOCK_MS, seededRandom, type ObservationAt } from '../../shared/index.ts';

const cell = (region: string) => ({ region, device: '', tenant: '' });
const at = (t: number, cohort: 'canary' | 'baseline', value: number, weight: number, region = 'eu-west'): ObservationAt => ({ t, cohort, value, weight, segment: cell(region) });

describe('a release’s traffic, read off its samples', () => {
  it('counts both cohorts’ trials per minute and takes the value from the baseline alone', () => {
    // Ten intervals 10 s apart, two regions; the canary is broken (5 %), the baseline at 0.5 %.
    const observations = Array.from({ length: 10 }, (_, i) =>
      ['eu-west', 'us-east'].flatMap((region) => [at(i * 10_000, 'canary', 5, 10, region), at(i * 10_000, 'baseline', 0.5, 190, region)]),
    ).flat();
    const traffic = metricTraffic('error_rate', observations)!;
    expect(traffic.intervalsPerMinute).toBeCloseTo(6, 9);
    expect(traffic.trialsPerMinute).toBeCloseTo(400 * 6, 9);
    expect(traffic.baselineValue).toBeCloseTo(0.5, 9);
    expect(traffic.quantile).toBeNull();
  });

  it('counts intervals as the guard judges them: samples from outside pooled by the minute', () => {
    // Six minutes of 10 s samples: the guard pools them into six intervals, one a minute, the same trials.
    const observations = Array.from({ length: 36 }, (_, i) => [at((i + 1) * 10_000, 'canary', 1, 10), at((i + 1) * 10_000, 'baseline', 0.5, 190)]).flat();
    const pooled = metricTraffic('error_rate', observations, { ms: SAMPLE_BLOCK_MS, anchor: 0 })!;
    expect(pooled.intervalsPerMinute).toBeCloseTo(1, 9);
    // Six rows a minute behind each cohort: for a quantile, six samples of a sixth of the requests each.
    const latency = observations.map((o) => ({ ...o, value: 200 }));
    expect(metricTraffic('p95_latency_ms', latency, { ms: SAMPLE_BLOCK_MS, anchor: 0 })!.quantile!.rowsPerInterval).toBeCloseTo(6, 9);
    expect(pooled.trialsPerMinute).toBeCloseTo(200 * 6, 9);
    expect(metricTraffic('error_rate', observations)!.intervalsPerMinute).toBeCloseTo(6, 9);
  });

  it('recovers one request’s latency noise from the baseline’s interval-to-interval spread, drift and all', () => {
    const random = seededRandom(7);
    const c = 1.6;
    const observations = Array.from({ length: 400 }, (_, i) => {
      const n = 800 + (i % 5) * 100;
      // A slow daily curve under the noise: successive differences must not take it for noise.
      const level = 180 * (1 + 0.3 * Math.sin(i / 60));
      return at(i * 10_000, 'baseline', level * Math.exp((c / Math.sqrt(n)) * normal(random)), n);
    });
    const q = metricTraffic('p95_latency_ms', observations)!.quantile!;
    expect(q.requestsPerInterval).toBeCloseTo(1000, 9);
    expect(q.logSpread * Math.sqrt(q.requestsPerInterval)).toBeGreaterThan(c * 0.9);
    expect(q.logSpread * Math.sqrt(q.requestsPerInterval)).toBeLessThan(c * 1.1);
  });

  it('keeps a quantile’s cells where the total is pooled from them, and counts intervals too thin to be a p95', () => {
    // Three regions a minute; the canary's rows stand on 5 requests, too few for a p95, yet their minutes pass.
    const rows = (withTotals: boolean): ObservationAt[] =>
      Array.from({ length: 30 }, (_, i) => {
        const t = (i + 1) * 60_000;
        const cells = ['eu-west', 'us-east', 'ap-south'].flatMap((region, k) => [at(t, 'canary', 200, 5, region), at(t, 'baseline', 180 + i, 40 + 10 * k, region)]);
        return withTotals ? [...cells, { t, cohort: 'baseline' as const, value: 185, weight: 150, segment: cell('') }, { t, cohort: 'canary' as const, value: 200, weight: 15, segment: cell('') }] : cells;
      }).flat();
    const pooled = metricTraffic('p95_latency_ms', rows(false), { ms: SAMPLE_BLOCK_MS, anchor: 0 })!;
    expect(pooled.intervalsPerMinute).toBeCloseTo(1, 9);
    expect(pooled.trialsPerMinute).toBeCloseTo(165, 9);
    expect(pooled.quantile!.cells).toEqual([65, 55, 45]);
    expect(pooled.quantile!.rowsPerInterval).toBe(1);
    const totals = metricTraffic('p95_latency_ms', rows(true), { ms: SAMPLE_BLOCK_MS, anchor: 0 })!;
    expect(totals.quantile!.cells).toBeNull();
    expect(totals.trialsPerMinute).toBeCloseTo(165, 9);
  });

  it('knows nothing from a single interval, or from no samples at all', () => {
    expect(metricTraffic('error_rate', [at(0, 'baseline', 0.5, 100)])).toBeNull();
    expect(estimateTraffic(new Map([['error_rate', []]]))).toBeNull();
    const some = estimateTraffic(new Map([['error_rate', [at(0, 'baseline', 0.5, 100), at(60_000, 'baseline', 0.5, 100)]], ['p95_latency_ms', []]]));
    expect(Object.keys(some ?? {})).toEqual(['error_rate']);
    expect(some?.error_rate?.trialsPerMinute).toBeCloseTo(100, 9);
  });
});
