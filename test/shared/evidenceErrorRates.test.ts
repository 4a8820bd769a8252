// The sequential tests' promises, checked by simulation with known truth: a healthy canary is
// failed at most α of the time over every look, a regression beyond the margin is caught, and the
// negative controls show the check can fail — untempered counts under overdispersion and a fixed
// test repeated at every look both exceed α on the same data.
import { describe, expect, it } from 'vitest';
import { binomial, lookAtGate, normal, seededRandom, type Gate, type GateInput, type ObservationAt, type TestState } from '../../shared/index.ts';
import { Gate as GateSchema } from '../../shared/gates/types.ts';
import { ALPHA, budget, LOOKS, options, ROLLOUTS, WITHIN_ALPHA } from '../support/alphaSimulation.ts';

const gate = (g: GateInput): Gate => GateSchema.parse(g);
const errors = gate({ id: 'errors', kind: 'relative', metric: 'error_rate', op: 'lte', factor: 1.25, minSamples: 1 });
const latencyGate = (factor: number): Gate => gate({ id: 'latency', kind: 'relative', metric: 'p95_latency_ms', op: 'lte', factor, minSamples: 1 });
const latency = latencyGate(1.1);
const seg = { region: '', device: '', tenant: '' };

interface Rollout {
  /** Observations of look k (one interval each). */
  interval(k: number, random: () => number): ObservationAt[];
}

/** Fails at any look? Runs the real lookAtGate over the looks, the state carried between them. */
function everFails(g: Gate, rollout: Rollout, seed: number, temper: boolean): boolean {
  const random = seededRandom(seed);
  let tests: Record<string, TestState> | undefined;
  for (let k = 1; k <= LOOKS; k += 1) {
    const looked = lookAtGate({ gate: g, observations: rollout.interval(k, random), tests, stageStartedAt: 0, lookAt: k * 60_000, budget, options, temper });
    tests = looked.tests;
    if (looked.result.outcome === 'fail') return true;
  }
  return false;
}

const share = (g: Gate, rollout: Rollout, temper = true): number => {
  let n = 0;
  for (let i = 0; i < ROLLOUTS; i += 1) if (everFails(g, rollout, 1000 + i, temper)) n += 1;
  return n / ROLLOUTS;
};

/** Errors from counts: canary 200 and baseline 2,000 requests a minute, a drifting base rate (1 % unless asked), and a per-interval rate noise (overdispersion) when asked. */
function errorRollout(ratio: number, overdispersion: number, rate0 = 0.01): Rollout {
  return {
    interval(k, random) {
      const base = rate0 * (1 + 0.5 * Math.sin(k / 15));
      const noisy = (p: number) => (overdispersion > 0 ? p * Math.exp(overdispersion * normal(random) - overdispersion ** 2 / 2) : p);
      const rate = (n: number, p: number) => (100 * binomial(random, n, Math.min(1, p))) / n;
      return [
        { cohort: 'canary', segment: seg, t: k * 60_000, value: rate(200, noisy(base * ratio)), weight: 200 },
        { cohort: 'baseline', segment: seg, t: k * 60_000, value: rate(2000, noisy(base)), weight: 2000 },
      ];
    },
  };
}

/** p95 per interval with heavy-tailed (Student-t, 3 d.f.) multiplicative noise, a drift both cohorts share. */
function latencyRollout(ratio: number): Rollout {
  const t3 = (random: () => number) => normal(random) / Math.sqrt((normal(random) ** 2 + normal(random) ** 2 + normal(random) ** 2) / 3);
  return {
    interval(k, random) {
      const level = 200 * (1 + 0.3 * Math.sin(k / 20));
      return [
        { cohort: 'canary', segment: seg, t: k * 60_000, value: level * ratio * Math.exp(0.15 * t3(random)), weight: 60 },
        { cohort: 'baseline', segment: seg, t: k * 60_000, value: level * Math.exp(0.05 * t3(random)), weight: 600 },
      ];
    },
  };
}

describe('the count test of two error rates', () => {
  it(`fails at most α = ${ALPHA} of healthy canaries over ${LOOKS} looks, drift and all`, () => {
    expect(share(errors, errorRollout(1, 0))).toBeLessThanOrEqual(WITHIN_ALPHA);
  });

  it('stays within α under overdispersed counts, where the same test without its robustness does not (negative control)', () => {
    const rollout = errorRollout(1, 1);
    expect(share(errors, rollout)).toBeLessThanOrEqual(WITHIN_ALPHA);
    // Without tempering and the per-interval cap, the binomial likelihood takes every noisy interval at face value.
    expect(share(errors, rollout, false)).toBeGreaterThan(WITHIN_ALPHA);
  });

  it('catches a canary at three times the baseline (beyond the ×1.25 margin) in nearly every rollout', () => {
    expect(share(errors, errorRollout(3, 0))).toBeGreaterThanOrEqual(0.95);
  });

  it('stays within α on a rare error (0.2 %: no canary error in most minutes, one in many), where such minutes are not capped', () => {
    const rare = errorRollout(1, 1, 0.002);
    expect(share(errors, rare)).toBeLessThanOrEqual(WITHIN_ALPHA);
    expect(share(errors, rare, false)).toBeGreaterThan(WITHIN_ALPHA);
    expect(share(errors, errorRollout(4, 1, 0.002))).toBeGreaterThanOrEqual(0.9);
  });
});

describe('the sign test of two p95 latencies', () => {
  it(`fails at most α = ${ALPHA} of healthy canaries with heavy-tailed noise`, () => {
    expect(share(latency, latencyRollout(1))).toBeLessThanOrEqual(WITHIN_ALPHA);
  });

  it('fails most rollouts whose canary is truly past the margin (×1.1 against ×1.0): the check is not vacuous', () => {
    expect(share(latencyGate(1), latencyRollout(1.1))).toBeGreaterThan(0.5);
  });

  it('catches a p95 at 1.5 × the baseline (beyond ×1.1) in nearly every rollout', () => {
    expect(share(latency, latencyRollout(1.5))).toBeGreaterThanOrEqual(0.95);
  });
});

describe('the count test of one rate against a threshold (crash-free users ≥ 99.5 %)', () => {
  const crashFree = gate({ id: 'crash-free', kind: 'threshold', metric: 'crash_free_users', op: 'gte', value: 99.5, minSamples: 1 });
  const crashRollout = (crashRate: number): Rollout => ({
    interval(k, random) {
      const users = 800;
      return [{ cohort: 'canary', segment: seg, t: k * 60_000, value: 100 - (100 * binomial(random, users, crashRate)) / users, weight: users }];
    },
  });

  it('fails at most α of canaries sitting exactly on the threshold (0.5 % crashed), the hardest healthy case', () => {
    expect(share(crashFree, crashRollout(0.005))).toBeLessThanOrEqual(WITHIN_ALPHA);
  });

  it('fails canaries crashing three times as often as the threshold allows in nearly every rollout', () => {
    expect(share(crashFree, crashRollout(0.015))).toBeGreaterThanOrEqual(0.95);
  });
});

/** CPU use per interval, averaged over a few pods: a level with noise, a daily swing both cohorts share. */
function cpuRollout(ratio: number): Rollout {
  return {
    interval(k, random) {
      const level = 40 * (1 + 0.25 * Math.sin(k / 25));
      return [
        { cohort: 'canary', segment: seg, t: k * 60_000, value: Math.min(100, level * ratio * Math.exp(0.1 * normal(random))), weight: 2 },
        { cohort: 'baseline', segment: seg, t: k * 60_000, value: level * Math.exp(0.05 * normal(random)), weight: 20 },
      ];
    },
  };
}

describe('a level (CPU use) judged by paired intervals', () => {
  const cpu = gate({ id: 'cpu', kind: 'relative', metric: 'cpu_utilization', op: 'lte', factor: 1.2, minSamples: 1 });

  it(`fails at most α = ${ALPHA} of canaries using the same CPU as the baseline, even on one or two pods`, () => {
    expect(share(cpu, cpuRollout(1))).toBeLessThanOrEqual(WITHIN_ALPHA);
  });

  it('fails nearly every canary using 50 % more CPU than its baseline (the check is not vacuous)', () => {
    expect(share(cpu, cpuRollout(1.5))).toBeGreaterThan(0.9);
  });
});
