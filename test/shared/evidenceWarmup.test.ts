// A gate's warm-up: the first stretch of each stage is not judged. Orders counted in the minute they
// happen, over the sessions started that minute, read low for a canary whose sessions have just begun
// (its orders are still to come): a healthy canary then looks worse at every stage's start (audit 7,
// D1). Left out by time alone, those minutes cannot halt it; a real regression still fails after.
import { describe, expect, it } from 'vitest';
import { carryTests, DEFAULT_JUDGE_OPTIONS, lookAtGate, type Gate, type ObservationAt, type TestState } from '../../shared/index.ts';

const MINUTE = 60_000;
const START = Date.UTC(2026, 11, 2, 9);
const total = { region: '', device: '', tenant: '' };
const gateOf = (warmup?: string): Gate => ({ id: 'conversion', kind: 'kpi', metric: 'kpi_conversion', op: 'gte', points: 0.5, segments: [], minSamples: 1, ...(warmup ? { warmup } : {}) });

/** Share of a session's orders placed within k minutes of its start: lag geometric, mean 3 minutes. */
const placedWithin = (k: number): number => 1 - (2 / 3) ** k;

/**
 * Looks once a minute over two stages of `minutes` each, carrying the tests across the change as the
 * guard does. Sessions per minute: canary 20,000 then 100,000, baseline 380,000 then 300,000, steady
 * long before; orders in a minute come from the sessions of the minutes before, so right after the
 * ramp the canary's orders are still those of its smaller traffic and the baseline's of its larger.
 */
function replay(gate: Gate, minutes: number, rate = 0.05) {
  let tests: Record<string, TestState> | undefined;
  const outcomes: string[] = [];
  const summaries: string[] = [];
  const ramp = START + minutes * MINUTE;
  const sessions = (cohort: 'canary' | 'baseline', i: number): number => (cohort === 'canary' ? (i <= minutes ? 20_000 : 100_000) : i <= minutes ? 380_000 : 300_000);
  const conversion = (cohort: 'canary' | 'baseline', i: number): number => {
    const r = cohort === 'canary' ? rate : 0.05;
    let orders = 0;
    for (let j = i - 120; j <= i; j += 1) orders += sessions(cohort, j) * r * (placedWithin(i - j + 1) - placedWithin(i - j));
    return (100 * orders) / sessions(cohort, i);
  };
  for (let i = 1; i <= 2 * minutes; i += 1) {
    const t = START + i * MINUTE;
    const stageStartedAt = i <= minutes ? START : ramp;
    if (i === minutes + 1) tests = carryTests(tests!, ramp, 2);
    const observations: ObservationAt[] = (['canary', 'baseline'] as const).map((cohort) => ({ cohort, segment: total, t, value: conversion(cohort, i), weight: sessions(cohort, i) }));
    const looked = lookAtGate({ gate, observations, tests, stageStartedAt, lookAt: t, budget: { gates: 1, gatedStages: 2 }, options: DEFAULT_JUDGE_OPTIONS });
    tests = looked.tests;
    outcomes.push(looked.result.outcome);
    summaries.push(looked.result.summary);
  }
  const firstFail = outcomes.indexOf('fail');
  return { outcomes, summaries, firstFail: firstFail < 0 ? null : firstFail + 1 };
}

describe("a gate's warm-up", () => {
  it('halts a healthy canary whose conversion lags at the stage start without one (the negative control)', () => {
    const r = replay(gateOf(), 40);
    // Failed in the minutes after the ramp, not in the steady stage before it.
    expect(r.firstFail).not.toBeNull();
    expect(r.firstFail!).toBeGreaterThan(40);
    expect(r.firstFail!).toBeLessThanOrEqual(50);
  });

  it('leaves the lagging minutes out with a 10m warm-up: the healthy canary is never failed, and passes', () => {
    const r = replay(gateOf('10m'), 40);
    expect(r.firstFail).toBeNull();
    expect(r.outcomes.slice(0, 10)).toEqual(Array(10).fill('no_data'));
    expect(r.outcomes.slice(40, 50)).toEqual(Array(10).fill('no_data'));
    expect(r.outcomes[39]).toBe('pass');
    expect(r.outcomes.at(-1)).toBe('pass');
    expect(r.summaries[43]).toBe('Checkout conversion ≥ baseline − 0.5 points: no data — warming up: the first 10m of each stage is not judged (6m left)');
  });

  it('still fails a real regression, after the warm-up', () => {
    const r = replay(gateOf('10m'), 40, 0.04);
    expect(r.firstFail).not.toBeNull();
    expect(r.firstFail!).toBeGreaterThan(10);
    expect(r.firstFail!).toBeLessThanOrEqual(40);
  });
});
