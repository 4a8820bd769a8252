// A failure stands on the canary events that show it: a small canary far past a threshold is failed
// once it has shown minEvidence events, though the events its traffic would be allowed at the limit
// (users × 0.5 %) stay far below that minimum.
import { describe, expect, it } from 'vitest';
import { DEFAULT_JUDGE_OPTIONS, lookAtGate, type Gate, type ObservationAt, type TestState } from '../../shared/index.ts';

const MINUTE = 60_000;
const START = Date.UTC(2026, 11, 2, 9);
const gate: Gate = { id: 'crash-free', kind: 'threshold', metric: 'crash_free_users', op: 'gte', value: 99.5, segments: [], minSamples: 0 };
const total = { region: '', device: '', tenant: '' };

/** Looks once a minute over `minutes` intervals of `users` canary users with `crashed` of them crashed. */
function replay(minutes: number, users: number, crashed: number) {
  let tests: Record<string, TestState> | undefined;
  let outcome = 'no_data';
  for (let i = 1; i <= minutes; i += 1) {
    const t = START + i * MINUTE;
    const observations: ObservationAt[] = [
      { cohort: 'canary', segment: total, t, value: 100 * (1 - crashed / users), weight: users },
      { cohort: 'baseline', segment: total, t, value: 99.8, weight: 100 * users },
    ];
    const looked = lookAtGate({ gate, observations, tests, stageStartedAt: START, lookAt: t, budget: { gates: 1, gatedStages: 1 }, options: DEFAULT_JUDGE_OPTIONS });
    tests = looked.tests;
    outcome = looked.result.outcome;
  }
  return { outcome, expectedAtLimit: tests!.total!.sums.canaryTrials * 0.005, seen: tests!.total!.sums.canaryEvents };
}

describe('the minimum evidence for a failure', () => {
  it('fails a small canary that crashes eight times as often as the threshold allows, on the crashes it showed', () => {
    const r = replay(15, 40, 2);
    expect(r.expectedAtLimit).toBeLessThan(DEFAULT_JUDGE_OPTIONS.minEvidence);
    expect(r.seen).toBeGreaterThanOrEqual(DEFAULT_JUDGE_OPTIONS.minEvidence);
    expect(r.outcome).toBe('fail');
  });

  it('does not fail the same canary on fewer crashes than the minimum, however far past the threshold they are', () => {
    const r = replay(15, 40, 0.5);
    expect(r.seen).toBeLessThan(DEFAULT_JUDGE_OPTIONS.minEvidence);
    expect(r.outcome).not.toBe('fail');
  });
});
