// The overdispersion estimate clips each squared Pearson residual at χ²₁'s 0.999 quantile times the
// dispersion seen before the look (shared/judge/README.md ▸ Overdispersion). Checked by simulation:
// one broken interval (a baseline scrape that reported no errors in a minute of 10,000 requests) no
// longer inflates φ for the rest of the rollout, so a regression after it is still caught quickly;
// and healthy canaries whose baseline breaks that way in one minute of twenty, or whose counts are
// truly overdispersed, still fail at most α of the time.
import { describe, expect, it } from 'vitest';
import { binomial, JudgeOptions, lookAtGate, normal, seededRandom, type Gate, type GateInput, type ObservationAt, type TestState } from '../../shared/index.ts';
import { Gate as GateSchema } from '../../shared/gates/types.ts';

const ALPHA = 0.05;
const LOOKS = 120;
const ROLLOUTS = 300;
const WITHIN_ALPHA = ALPHA + 3 * Math.sqrt((ALPHA * (1 - ALPHA)) / ROLLOUTS);
const seg = { region: '', device: '', tenant: '' };
const errors: Gate = GateSchema.parse({ id: 'errors', kind: 'relative', metric: 'error_rate', op: 'lte', factor: 1.25, minSamples: 1 } satisfies GateInput);

interface Minute {
  canary: number;
  baseline: number;
}
/** Error counts of one minute: canary of 1,000 requests, baseline of 50,000 (a 2 % canary). */
const BASELINE = 50_000;
type Counts = (k: number, random: () => number) => Minute;

const rows = (k: number, m: Minute): ObservationAt[] => [
  { cohort: 'canary', segment: seg, t: k * 60_000, value: m.canary / 10, weight: 1000 },
  { cohort: 'baseline', segment: seg, t: k * 60_000, value: (100 * m.baseline) / BASELINE, weight: BASELINE },
];

interface Rollout {
  failedAt: number | null;
  dispersion: number;
  counts: Minute[];
}

function replay(counts: Counts, seed: number, looks = LOOKS): Rollout {
  const options = JudgeOptions.parse({ alpha: ALPHA, minEvidence: 1 });
  const random = seededRandom(seed);
  const seen: Minute[] = [];
  let tests: Record<string, TestState> | undefined;
  let failedAt: number | null = null;
  let dispersion = 1;
  for (let k = 1; k <= looks && failedAt === null; k += 1) {
    const m = counts(k, random);
    seen.push(m);
    const looked = lookAtGate({ gate: errors, observations: rows(k, m), tests, stageStartedAt: 0, lookAt: k * 60_000, budget: { gates: 1, gatedStages: 1 }, options });
    tests = looked.tests;
    dispersion = looked.result.total.evidence?.dispersion ?? 1;
    if (looked.result.outcome === 'fail') failedAt = k;
  }
  return { failedAt, dispersion, counts: seen };
}

/** The plain mean of squared Pearson residuals at the pooled ratio, shrunk as the guard shrinks it: what φ would be without the clip. */
function unclippedDispersion(counts: readonly Minute[]): number {
  const ce = counts.reduce((a, m) => a + m.canary, 0);
  const be = counts.reduce((a, m) => a + m.baseline, 0);
  const share = ce / 1000 / (ce / 1000 + be / BASELINE);
  let sq = 0;
  let n = 0;
  for (const m of counts) {
    const x = m.canary + m.baseline;
    if (x === 0) continue;
    sq += (m.canary - x * share) ** 2 / (x * share * (1 - share));
    n += 1;
  }
  return Math.max(1, (sq + 3) / (n + 3));
}

const errorsAt = (ratio: number, noise = 0, broken: (k: number, random: () => number) => boolean = () => false): Counts => (k, random) => {
  // Each cohort's own per-minute noise: what both share cancels in the conditional binomial.
  const p = (): number => (noise > 0 ? 0.01 * Math.exp(noise * normal(random) - noise ** 2 / 2) : 0.01);
  const canary = binomial(random, 1000, Math.min(1, p() * ratio));
  const baseline = binomial(random, BASELINE, p());
  return { canary, baseline: broken(k, random) ? 0 : baseline };
};

const shareOf = (rollouts: readonly Rollout[], p: (r: Rollout) => boolean): number => rollouts.filter(p).length / rollouts.length;
const replayMany = (counts: Counts, n = ROLLOUTS, looks = LOOKS): Rollout[] => Array.from({ length: n }, (_, i) => replay(counts, 9000 + i, looks));

describe('the overdispersion estimate, each residual clipped', () => {
  it('is not inflated for the rest of the rollout by one broken baseline minute, which the plain mean is (negative control)', () => {
    // A healthy canary: the rollout runs its 30 looks and φ is read at the last.
    const all = replayMany(errorsAt(1, 0, (k) => k === 5), 50, 30);
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    expect(median(all.map((r) => r.dispersion))).toBeLessThan(1.6);
    expect(median(all.map((r) => unclippedDispersion(r.counts)))).toBeGreaterThan(5);
    for (const r of all) expect(r.dispersion).toBeLessThan(unclippedDispersion(r.counts) / 2);
  });

  it('still catches a ×2 canary within 15 minutes of a broken baseline minute at its start', () => {
    const all = replayMany(errorsAt(2, 0, (k) => k === 3), 100);
    expect(shareOf(all, (r) => r.failedAt !== null && r.failedAt <= 18)).toBeGreaterThanOrEqual(0.95);
  });

  it('halts at most α of healthy canaries whose baseline reports no errors in one minute of twenty', () => {
    const all = replayMany(errorsAt(1, 0, (_, random) => random() < 0.05));
    expect(shareOf(all, (r) => r.failedAt !== null)).toBeLessThanOrEqual(WITHIN_ALPHA);
  });

  it('halts at most α of healthy canaries whose counts are strongly overdispersed (log-sd 0.3 a minute)', () => {
    const all = replayMany(errorsAt(1, 0.3));
    expect(shareOf(all, (r) => r.failedAt !== null)).toBeLessThanOrEqual(WITHIN_ALPHA);
    // The clip leaves true overdispersion alone: φ is read near its value (the canary's own noise alone, ≈ 1 + 0.09 · 10 events).
    expect(all.every((r) => r.dispersion > 1.4)).toBe(true);
  });
});
