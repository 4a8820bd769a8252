// Where the failure side's null sits (JudgeOptions.failNullShare, shared/judge/README.md): the test
// asks "worse than the baseline by more than half the tolerance", and a halt also needs the estimate
// past the whole tolerance. Checked by simulation with known truth: the promise on healthy canaries
// holds under noise the count model does not know (persistent per-cohort noise), where a null at
// equality breaks it (the negative control); a canary worse by less than half the tolerance is halted
// at most α of the time; and the same data are caught more often than with the null at the margin.
import { describe, expect, it } from 'vitest';
import { binomial, JudgeOptions, lookAtGate, normal, seededRandom, type Gate, type GateInput, type ObservationAt, type TestState } from '../../shared/index.ts';
import { Gate as GateSchema } from '../../shared/gates/types.ts';

const ALPHA = 0.05;
const LOOKS = 120;
const ROLLOUTS = 300;
/** α plus three Monte Carlo standard errors of a share of ROLLOUTS. */
const WITHIN_ALPHA = ALPHA + 3 * Math.sqrt((ALPHA * (1 - ALPHA)) / ROLLOUTS);
const seg = { region: '', device: '', tenant: '' };
const gate = (g: GateInput): Gate => GateSchema.parse(g);
const errors = gate({ id: 'errors', kind: 'relative', metric: 'error_rate', op: 'lte', factor: 1.25, minSamples: 1 });
const crashFree = gate({ id: 'crash-free', kind: 'threshold', metric: 'crash_free_users', op: 'gte', value: 99.5, minSamples: 1 });

type Interval = (k: number, random: () => number) => ObservationAt[];

/** The share of ROLLOUTS the real lookAtGate fails at some look, the state carried between looks. */
function failedShare(g: Gate, makeInterval: () => Interval, failNullShare: number): number {
  const options = JudgeOptions.parse({ alpha: ALPHA, minEvidence: 1, failNullShare });
  let failed = 0;
  for (let i = 0; i < ROLLOUTS; i += 1) {
    const random = seededRandom(5000 + i);
    const interval = makeInterval();
    let tests: Record<string, TestState> | undefined;
    for (let k = 1; k <= LOOKS; k += 1) {
      const looked = lookAtGate({ gate: g, observations: interval(k, random), tests, stageStartedAt: 0, lookAt: k * 60_000, budget: { gates: 1, gatedStages: 1 }, options });
      tests = looked.tests;
      if (looked.result.outcome === 'fail') {
        failed += 1;
        break;
      }
    }
  }
  return failed / ROLLOUTS;
}

const percent = (n: number, p: number, random: () => number): number => (100 * binomial(random, n, Math.min(1, p))) / n;

/**
 * Errors at 1 % with 1,000 canary and 10,000 baseline requests a minute, the canary at `ratio`. With
 * `persistence`, each cohort's rate also wanders by its own AR(1) factor (log-sd `sd`, lag-one
 * correlation `persistence`): other hosts, a warmer cache — noise a per-interval dispersion cannot see.
 */
function errorIntervals(ratio: number, persistence = 0, sd = 0): () => Interval {
  return () => {
    let zc: number | null = null;
    let zb: number | null = null;
    const step = (z: number | null, random: () => number): number => (z === null ? sd * normal(random) : persistence * z + sd * Math.sqrt(1 - persistence ** 2) * normal(random));
    return (k, random) => {
      zc = step(zc, random);
      zb = step(zb, random);
      const drift = (z: number) => Math.exp(z - (sd * sd) / 2);
      return [
        { cohort: 'canary', segment: seg, t: k * 60_000, value: percent(1000, 0.01 * ratio * drift(zc), random), weight: 1000 },
        { cohort: 'baseline', segment: seg, t: k * 60_000, value: percent(10_000, 0.01 * drift(zb), random), weight: 10_000 },
      ];
    };
  };
}

describe('the failure side of two rates, its null at half the tolerance', () => {
  it('keeps healthy canaries within α under persistent per-cohort noise, where a null at equality does not (negative control)', () => {
    const noisy = errorIntervals(1, 0.9, 0.12);
    expect(failedShare(errors, noisy, 0.5)).toBeLessThanOrEqual(WITHIN_ALPHA);
    expect(failedShare(errors, noisy, 0)).toBeGreaterThan(WITHIN_ALPHA);
  });

  it('halts at most α of canaries worse by less than half the tolerance (×1.1 against ×1.25), which a null at equality halts more often', () => {
    const slightlyWorse = errorIntervals(1.1);
    const atHalf = failedShare(errors, slightlyWorse, 0.5);
    expect(atHalf).toBeLessThanOrEqual(WITHIN_ALPHA);
    expect(failedShare(errors, slightlyWorse, 0)).toBeGreaterThan(atHalf);
  });

  it('catches a canary just past the tolerance (×1.5 on 300 requests a minute) in nearly every rollout, where the null at the margin misses one in six', () => {
    const small = (): Interval => (k, random) => [
      { cohort: 'canary', segment: seg, t: k * 60_000, value: percent(300, 0.015, random), weight: 300 },
      { cohort: 'baseline', segment: seg, t: k * 60_000, value: percent(10_000, 0.01, random), weight: 10_000 },
    ];
    expect(failedShare(errors, small, 0.5)).toBeGreaterThanOrEqual(0.95);
    expect(failedShare(errors, small, 1)).toBeLessThan(0.9);
  });
});

/** Crashed users per minute: `users` in the canary at `canary`, and 8,000 in the baseline at `baseline` when there is one. */
function crashIntervals(canary: number, baseline: number | null, users = 800): () => Interval {
  return () => (k, random) => {
    const rows: ObservationAt[] = [{ cohort: 'canary', segment: seg, t: k * 60_000, value: 100 - percent(users, canary, random), weight: users }];
    if (baseline !== null) rows.push({ cohort: 'baseline', segment: seg, t: k * 60_000, value: 100 - percent(8000, baseline, random), weight: 8000 });
    return rows;
  };
}

describe('the failure side of a threshold beside a baseline (crash-free users ≥ 99.5 %)', () => {
  it('halts at most α of canaries crashing as often as their baseline, both just inside the threshold (0.45 %)', () => {
    expect(failedShare(crashFree, crashIntervals(0.0045, 0.0045), 0.5)).toBeLessThanOrEqual(WITHIN_ALPHA);
  });

  it('catches a canary past the threshold and well past its baseline more often with the baseline than against the threshold alone', () => {
    const withBaseline = failedShare(crashFree, crashIntervals(0.0065, 0.003, 200), 0.5);
    const alone = failedShare(crashFree, crashIntervals(0.0065, null, 200), 0.5);
    expect(withBaseline).toBeGreaterThanOrEqual(0.9);
    expect(withBaseline).toBeGreaterThan(alone + 0.1);
  });
});
