// How long until a gate can pass: every wait the test has counts, or the card says "< 1 min" while it holds.
import { describe, expect, it } from 'vitest';
import { newEProcess } from '../../shared/evidence/eprocess.ts';
import { minutesToPass, type NeedsInput } from '../../shared/evidence/needs.ts';
import { emptySums } from '../../shared/evidence/state.ts';

/** A count test three one-minute intervals in, with plenty of traffic and events, the canary like its baseline. */
function threeMinutesIn(intervals: number): NeedsInput {
  const sums = { ...emptySums(), pairs: intervals, residualCount: intervals, canaryTrials: 90_000, canaryEvents: 455, baselineTrials: 900_000, baselineEvents: 4550 };
  return {
    test: { kind: 'two_rate', sums, carriedEvidence: 0, eprocess: newEProcess(0, 4) },
    margin: 1.25,
    estimate: 1,
    sign: 1,
    dispersion: 1,
    passBoundary: 3,
    minEvidence: 10,
    evidence: 455,
    minSamples: 2000,
    elapsedMinutes: intervals,
  };
}

describe('how long a rate gate needs to pass', () => {
  it('waits for the ten intervals that show the counts’ noise, which no traffic shortens', () => {
    expect(minutesToPass(threeMinutesIn(3)).minutes).toBeCloseTo(7, 9);
    expect(minutesToPass(threeMinutesIn(10)).minutes).toBe(0);
  });

  it('says a canary past the limit cannot pass but can still fail', () => {
    expect(minutesToPass({ ...threeMinutesIn(10), estimate: 1.4 })).toEqual({ minutes: null, why: 'past the limit: it cannot pass, and fails once its evidence is enough', kind: 'failing' });
  });

  it('reads a canary of next to no events as its baseline, never as a rate of zero that takes forever', () => {
    const quiet = threeMinutesIn(10);
    quiet.test.sums = { ...quiet.test.sums, canaryEvents: 0, canaryTrials: 174 };
    // 174 canary trials beside 0.5 % baseline errors: under one event expected, so none seen says nothing.
    const needs = minutesToPass({ ...quiet, estimate: 0, evidence: 0.87 });
    expect(needs.minutes).not.toBeNull();
    expect(needs.minutes!).toBeLessThan(7 * 24 * 60);
    expect(needs.minutes!).toBeCloseTo(minutesToPass({ ...quiet, estimate: 1, evidence: 0.87 }).minutes!, 9);
  });
});
