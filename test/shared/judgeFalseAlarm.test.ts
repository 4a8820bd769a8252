// The guard judges every interval as samples arrive. With a fixed-sample test at α each time, a
// healthy canary is failed far more often than α over a rollout; the sequential test (mSPRT) must
// keep the share of healthy rollouts ever failed within α — and still catch a real regression.
//
// Each simulated rollout: 60 looks; before each, 5 new per-interval aggregates per cohort (p95
// latency around 200 ms, lognormal with 50 % noise). The judge's effect allowance is off
// (allowedIncrease 1), so only the statistics stand between noise and a false alarm. A rollout stops
// at its first failure, as the guard would halt it.
import { describe, expect, it } from 'vitest';
import { JudgeConfig, judge, normal, seededRandom, type SequentialState } from '../../shared/index.ts';

const ALPHA = 0.05;
const LOOKS = 60;
const PER_LOOK = 5;
const NOISE = 0.5;

const config = JudgeConfig.parse({
  metrics: [{ name: 'p95', direction: 'increase', effect: { measure: 'ratio', allowedIncrease: 1 }, minDataPoints: 10 }],
  alpha: ALPHA,
});

interface Outcome {
  failed: number;
  rollouts: number;
  /** The look at which each failed rollout first failed. */
  firstLooks: number[];
}

function simulate(rollouts: number, canaryFactor: number, sequential: boolean, seed: number): Outcome {
  const firstLooks: number[] = [];
  for (let r = 0; r < rollouts; r += 1) {
    const random = seededRandom(seed + r);
    const canary: number[] = [];
    const baseline: number[] = [];
    let state: SequentialState | null = null;
    for (let look = 1; look <= LOOKS; look += 1) {
      for (let i = 0; i < PER_LOOK; i += 1) {
        canary.push(200 * canaryFactor * Math.exp(NOISE * normal(random)));
        baseline.push(200 * Math.exp(NOISE * normal(random)));
      }
      const result = judge(config, { p95: { canary, baseline } }, sequential ? { look: { state } } : {});
      state = result.sequential?.state ?? null;
      if (result.outcome === 'fail') {
        firstLooks.push(look);
        break;
      }
    }
  }
  return { failed: firstLooks.length, rollouts, firstLooks };
}

/** The most a true rate of α would show in N trials, three standard errors up. */
const tolerance = (n: number): number => ALPHA + 3 * Math.sqrt((ALPHA * (1 - ALPHA)) / n);
const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? Number.NaN;

describe('repeated looks at a healthy canary', () => {
  const N = 400;

  it(`sequential (mSPRT): the share of ${N} healthy rollouts ever failed over ${LOOKS} looks stays within α = ${ALPHA}`, () => {
    const o = simulate(N, 1, true, 10_000);
    const rate = o.failed / o.rollouts;
    console.log(`false alarms, sequential: ${o.failed}/${o.rollouts} = ${(100 * rate).toFixed(1)} % (bound ${(100 * tolerance(N)).toFixed(1)} %)`);
    expect(rate).toBeLessThanOrEqual(tolerance(N));
  });

  it('naive: the same rollouts, a fixed-sample test at α at every look, fail far more often than α (so the check above can fail)', () => {
    const o = simulate(N, 1, false, 10_000);
    const rate = o.failed / o.rollouts;
    console.log(`false alarms, naive repeated testing: ${o.failed}/${o.rollouts} = ${(100 * rate).toFixed(1)} %`);
    expect(rate).toBeGreaterThan(tolerance(N));
  });
});

describe('repeated looks at a regressed canary', () => {
  it('catches a real 20 % rise in p95 in nearly every rollout, typically within a third of the looks', () => {
    const N = 150;
    const o = simulate(N, 1.2, true, 50_000);
    const rate = o.failed / o.rollouts;
    console.log(`power, 20 % shift: ${o.failed}/${o.rollouts} = ${(100 * rate).toFixed(1)} % caught; median first look ${median(o.firstLooks)} (${median(o.firstLooks) * PER_LOOK} samples per cohort)`);
    expect(rate).toBeGreaterThanOrEqual(0.9);
    expect(median(o.firstLooks)).toBeLessThanOrEqual(LOOKS / 3);
  });
});
