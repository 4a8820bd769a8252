// Samples finer than a minute are pooled into the minute they end in (units.ts ▸ SAMPLE_BLOCK_MS).
// The tests take each interval for an independent draw: noise that lasts a minute, sampled every 15 s,
// would otherwise be read as four intervals' evidence with a quarter of the noise. Checked by
// simulation with known truth: healthy canaries stay within α when pooled and not when each 15 s
// sample counts alone (the negative control), and a real regression is still caught.
import { describe, expect, it } from 'vitest';
import { binomial, SAMPLE_BLOCK_MS, TOTAL, unitIntervals, type Gate, type GateInput, type ObservationAt } from '../../shared/index.ts';
import { METRICS } from '../../shared/domain/metrics.ts';
import { Gate as GateSchema } from '../../shared/gates/types.ts';
import { gamma } from '../../shared/sim/scenarios/draw.ts';
import { shareFailing, WITHIN_ALPHA } from '../support/alphaSimulation.ts';

const seg = { region: '', device: '', tenant: '' };
const errors: Gate = GateSchema.parse({ id: 'errors', kind: 'relative', metric: 'error_rate', op: 'lte', factor: 1.25, minSamples: 1 } satisfies GateInput);
const QUARTERS = 4;

/**
 * Errors at 1 % with 1,000 canary and 10,000 baseline requests a minute, the canary at `ratio`. Each
 * cohort's rate moves every minute by its own gamma factor (CV 0.7: a bad pod, a burst), and that
 * minute is reported as four 15 s samples, each a binomial draw at the minute's rate.
 */
function minute(k: number, ratio: number, random: () => number): ObservationAt[] {
  const rows: ObservationAt[] = [];
  for (const [cohort, requests, rate] of [['canary', 1000, 0.01 * ratio], ['baseline', 10_000, 0.01]] as const) {
    const p = Math.min(1, (rate * gamma(random, 2)) / 2);
    const n = requests / QUARTERS;
    for (let q = 1; q <= QUARTERS; q += 1) {
      rows.push({ cohort, segment: seg, t: (k - 1) * 60_000 + (q * 60_000) / QUARTERS, value: (100 * binomial(random, n, p)) / n, weight: n });
    }
  }
  return rows;
}

/** The share of ROLLOUTS the real lookAtGate fails at some look (one a minute, α = 5 %), the state carried between looks. */
const failedShare = (ratio: number, blockMs: number): number =>
  shareFailing(errors, (k, random) => minute(k, ratio, random), { seed: 7100, blocks: { ms: blockMs, anchor: 0 } });

describe('samples finer than a minute', () => {
  it('keep healthy canaries within α when pooled into minutes, and not when each 15 s sample counts alone (negative control)', () => {
    expect(failedShare(1, SAMPLE_BLOCK_MS)).toBeLessThanOrEqual(WITHIN_ALPHA);
    expect(failedShare(1, 0)).toBeGreaterThan(2 * WITHIN_ALPHA);
  });

  it('still catch a canary at twice the baseline’s errors under the same noise', () => {
    expect(failedShare(2, SAMPLE_BLOCK_MS)).toBeGreaterThanOrEqual(0.9);
  });

  it('pair cohorts sampled a few seconds apart within the same minute, and sum what a minute pooled', () => {
    const model = METRICS.error_rate.model;
    const rows: ObservationAt[] = [
      { cohort: 'canary', segment: seg, t: 55_000, value: 2, weight: 100 },
      { cohort: 'canary', segment: seg, t: 25_000, value: 0, weight: 100 },
      { cohort: 'baseline', segment: seg, t: 60_000, value: 1, weight: 1000 },
      { cohort: 'baseline', segment: seg, t: 61_000, value: 1, weight: 1000 },
    ];
    const pooled = unitIntervals(model, rows, [], { ms: SAMPLE_BLOCK_MS, anchor: 0 }).get(TOTAL)!;
    expect(pooled.map((i) => [i.t, i.canary?.trials ?? null, i.canary?.events ?? null, i.baseline?.trials ?? null])).toEqual([
      [60_000, 200, 2, 1000],
      [120_000, null, null, 1000],
    ]);
    // As each sample came, no canary interval has a baseline beside it: a two-rate test would see nothing.
    const asCame = unitIntervals(model, rows, []).get(TOTAL)!;
    expect(asCame.filter((i) => i.canary && i.baseline)).toEqual([]);
  });
});
