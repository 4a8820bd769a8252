// The overlap reading, checked by simulation with known truth: independent intervals (overdispersed,
// drifting, with a regression that begins mid-recording) are not taken for overlapping windows, rows
// that each sum the last 2 or 5 minutes are; and the negative control shows why it reads changes: the
// residuals' own lag-one correlation takes a mid-recording regression for overlap.
import { describe, expect, it } from 'vitest';
import { looksOverlapping, mantelHaenszelTerms, METRICS, serialReading, stratumScore, type ObservationAt } from '../../shared/index.ts';
import { minutes, MINUTES, windowed, type Minute } from '../support/overlap.ts';

const RUNS = 200;
const MIN = 60_000;
const model = METRICS.error_rate.model;
const blocks = { ms: MIN, anchor: 0 };
const total = { region: '', device: '', tenant: '' };

const rows = (ms: readonly Minute[]): ObservationAt[] =>
  ms.flatMap((m, k) => (['canary', 'baseline'] as const).map((cohort) => ({ cohort, segment: total, t: (k + 1) * MIN, value: (100 * m[cohort].events) / m[cohort].trials, weight: m[cohort].trials })));

const warned = (make: (seed: number) => Minute[]): number => {
  let n = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const reading = serialReading(model, rows(make(7000 + i)), blocks);
    if (reading && looksOverlapping(reading)) n += 1;
  }
  return n / RUNS;
};

/** What a reading of the residuals themselves (not their changes) would say: their lag-one correlation about the common ratio. */
function residualCorrelation(ms: readonly Minute[]): number {
  const strata = ms.map((m) => [{ canary: { ...m.canary, logSum: 0, rows: 1 }, baseline: { ...m.baseline, logSum: 0, rows: 1 } }]);
  const [num, den] = strata.reduce(([a, b], s) => { const [x, y] = mantelHaenszelTerms(s); return [a + x, b + y]; }, [0, 0]);
  const e = strata.map((s) => { const { u, v } = stratumScore(s, num / den); return u / Math.sqrt(v); });
  let cross = 0;
  let square = 0;
  e.forEach((x, k) => { square += x * x; if (k > 0) cross += x * e[k - 1]!; });
  return cross / square;
}

describe('serialReading: rows whose windows overlap', () => {
  it('reads independent intervals as such: z about N(0, 1), and almost never taken for overlap', () => {
    const zs: number[] = [];
    for (let i = 0; i < RUNS; i += 1) zs.push(serialReading(model, rows(minutes(7000 + i)), blocks)!.z);
    const mean = zs.reduce((a, b) => a + b, 0) / RUNS;
    const sd = Math.sqrt(zs.reduce((a, z) => a + (z - mean) ** 2, 0) / (RUNS - 1));
    expect(Math.abs(mean)).toBeLessThan(0.3);
    expect(sd).toBeGreaterThan(0.7);
    expect(sd).toBeLessThan(1.3);
    expect(warned((s) => minutes(s))).toBeLessThanOrEqual(0.01);
  });

  it('takes rows of the last 5 minutes, or of the last 2, for overlapping windows', () => {
    // Five-minute windows spread each quarter's correlation more (changes five minutes apart share a minute): 94 % in 240 minutes.
    expect(warned((s) => windowed(minutes(s), 5))).toBeGreaterThanOrEqual(0.9);
    expect(warned((s) => windowed(minutes(s), 2))).toBeGreaterThanOrEqual(0.95);
  });

  it('does not take a regression that begins mid-recording for overlap, where the residuals themselves would', () => {
    const late = (s: number): Minute[] => minutes(s, 4, MINUTES / 2);
    expect(warned(late)).toBeLessThanOrEqual(0.01);
    // Negative control: about one ratio, the step alone correlates the residuals past what overlap of two windows gives.
    const naive = Array.from({ length: 20 }, (_, i) => residualCorrelation(late(7000 + i))).sort((a, b) => a - b);
    expect(naive[10]).toBeGreaterThan(0.5);
  });

  it('reads nothing of quantiles, or of too few intervals', () => {
    expect(serialReading(METRICS.p95_latency_ms.model, rows(minutes(1)), blocks)).toBeNull();
    expect(serialReading(model, rows(minutes(1).slice(0, 20)), blocks)).toBeNull();
  });
});
