// A regression everywhere crosses first in the segment with the most traffic, while the others, each
// with less, have shown little yet: the stop named that one region (audit 6, F5; 12 % of the bench's
// global regressions). The rest of the traffic pooled shows it too, and then no segment is named.
import { describe, expect, it } from 'vitest';
import { restShows } from '../../shared/evidence/cause.ts';
import { Gate as GateSchema } from '../../shared/gates/types.ts';
import { JudgeOptions, lookAtGate, type Gate, type GateInput, type ObservationAt, type TestState } from '../../shared/index.ts';
import { binomial, seededRandom } from '../../shared/sim/random.ts';

const MINUTE = 60_000;
const options = JudgeOptions.parse({});
const errors: Gate = GateSchema.parse({ id: 'errors', kind: 'relative', metric: 'error_rate', op: 'lte', factor: 1.25, segments: ['region'], minSamples: 1 } satisfies GateInput);
/** One large region and three small ones, as real traffic often splits. */
const REGIONS: [string, number][] = [
  ['us-east', 0.7],
  ['eu-west', 0.1],
  ['ap-south', 0.1],
  ['sa-east', 0.1],
];
const CANARY_PER_MINUTE = 4000;
const BASELINE_RATE = 0.01;

/** A minute of error-rate rows per region: the canary's rate × `factor(region)` of its baseline's. */
function minute(t: number, random: () => number, factor: (region: string) => number): ObservationAt[] {
  return REGIONS.flatMap(([region, share]) => {
    const segment = { region, device: '', tenant: '' };
    const c = Math.round(CANARY_PER_MINUTE * share);
    const b = 20 * c;
    return [
      { cohort: 'canary' as const, segment, t, value: (100 * binomial(random, c, BASELINE_RATE * factor(region))) / c, weight: c },
      { cohort: 'baseline' as const, segment, t, value: (100 * binomial(random, b, BASELINE_RATE)) / b, weight: b },
    ];
  });
}

/** Looks a minute apart until the gate fails (two hours at most): the segment its cause names, or null; undefined when it never failed. */
function causeAtFailure(seed: number, factor: (region: string) => number): string | null | undefined {
  const random = seededRandom(seed);
  let tests: Record<string, TestState> | undefined;
  for (let m = 1; m <= 120; m += 1) {
    const looked = lookAtGate({ gate: errors, observations: minute(m * MINUTE, random, factor), tests, stageStartedAt: 0, lookAt: m * MINUTE, budget: { gates: 3, gatedStages: 4 }, options });
    tests = looked.tests;
    if (looked.result.outcome === 'fail') return looked.result.cause?.key ?? null;
  }
  return undefined;
}

const SEEDS = Array.from({ length: 40 }, (_, i) => 7_100 + i);

describe('a regression everywhere is not named as one segment', () => {
  it('names no region for ×1.5 errors in every region in most rollouts; one region is named in nearly every rollout where only it regressed (negative control)', () => {
    const everywhere = SEEDS.map((seed) => causeAtFailure(seed, () => 1.5));
    const caught = everywhere.filter((c) => c !== undefined);
    expect(caught.length).toBeGreaterThanOrEqual(36);
    // Without the rest of the traffic pooled, 'us-east' was named in 12 of these 40 (3 with it).
    expect(caught.filter((c) => c !== null).length).toBeLessThanOrEqual(6);
    const oneRegion = SEEDS.map((seed) => causeAtFailure(seed, (region) => (region === 'eu-west' ? 2.5 : 1)));
    expect(oneRegion.filter((c) => c === 'eu-west').length).toBeGreaterThanOrEqual(36);
  });
});

describe('restShows', () => {
  const sums = (canaryEvents: number, baselineEvents: number) => ({ canaryEvents, canaryTrials: 10_000, baselineEvents, baselineTrials: 200_000 });
  const rest = (canaryEvents: number, dispersion = 1) => ({ kind: 'two_rate' as const, margin: 1.25, failNullShare: 0.5, dispersion, sums: sums(canaryEvents, 2000) });

  it('reads the rest as showing the failure only past the margin and past a z of 2 against the failure null', () => {
    // Expected at equality: 100 canary events. At ×1.118 (the failure null) 111.8; z 2 needs about 134.
    expect(restShows(rest(160), 1)).toBe(true);
    expect(restShows(rest(120), 1)).toBe(false);
    // Past a z of 2 at dispersion 1, not at 3, where the counts are that much noisier than chance.
    expect(restShows(rest(140), 1)).toBe(true);
    expect(restShows(rest(140, 3), 1)).toBe(false);
    // Where lower is worse (a KPI), the same counts read the other way.
    expect(restShows(rest(160), -1)).toBe(false);
    expect(restShows(rest(60), -1)).toBe(true);
  });

  it('reads a threshold rest against the threshold rate itself', () => {
    const threshold = (canaryEvents: number) => ({ kind: 'one_rate' as const, margin: 0.005, failNullShare: 0.5, dispersion: 1, sums: sums(canaryEvents, 0) });
    // 50 expected at 0.5 %; z 2 needs about 64.
    expect(restShows(threshold(75), 1)).toBe(true);
    expect(restShows(threshold(58), 1)).toBe(false);
  });
});
