// What the guard says when a stage is ready: the words a person reads on the timeline and in a
// backtest's decisions, which must not claim gates passed where there were none, or a soak of 0 s, and count a soak in the plan's units, as the override's list of what it skips does.
import { expect, it } from 'vitest';
import { guardStep, type GuardInput } from '../../shared/rollout/guardRules.ts';
import { unmetToAdvance, type GateResult, type Stage } from '../../shared/index.ts';

const NOW = Date.UTC(2026, 11, 3, 12);
const passing = { gateId: 'errors', outcome: 'pass' } as Partial<GateResult> as GateResult;

function input(over: { minSoakSeconds: number; results: GateResult[]; promotion: 'manual' | 'automatic' }): GuardInput {
  return {
    release: { status: 'rolling', stageIndex: 0, target: 'service', pausedMsTotal: 0, pausedAt: null, approvalRequestedAt: null },
    stage: { index: 0, label: '1%', exposurePct: 1, minSoakSeconds: over.minSoakSeconds, minSamples: 0, promotion: over.promotion, onFailure: 'pause', gates: [], startedAt: NOW - 7_200_000 },
    stageCount: 3,
    results: over.results,
    overridden: new Set(),
    canarySamples: 0,
    now: NOW,
  };
}

it('says a stage without gates has none to pass, and leaves out a soak of nothing', () => {
  expect(guardStep(input({ minSoakSeconds: 0, results: [], promotion: 'manual' }))).toEqual({ kind: 'request_approval', why: 'no gates to pass: ready to promote' });
});

it('names the soak a stage waited for in the plan’s own units', () => {
  expect(guardStep(input({ minSoakSeconds: 3_600, results: [passing], promotion: 'manual' })).why).toBe('all gates passed, after the minimum soak of 1h: ready to promote');
  expect(guardStep(input({ minSoakSeconds: 5_400, results: [passing], promotion: 'automatic' }))).toMatchObject({ kind: 'act', action: 'promote', why: 'all gates passed, after the minimum soak of 1h30m' });
});

it('counts a soak still under way in the same units, down to the second it has reached', () => {
  // The stage began two hours ago; a soak of 2h30m has 1h of it left.
  expect(guardStep(input({ minSoakSeconds: 9_000, results: [passing], promotion: 'automatic' }))).toEqual({ kind: 'none', why: 'soaking: 2h of 2h30m' });
  const justStarted = { ...input({ minSoakSeconds: 600, results: [passing], promotion: 'automatic' }) };
  justStarted.stage = { ...justStarted.stage, startedAt: NOW - 95_500 };
  expect(guardStep(justStarted).why).toBe('soaking: 1m35s of 10m');
});

it('writes the soak a promote would skip in the same units as the guard, a short one to the second', () => {
  const stages: Stage[] = [{ index: 0, label: '1%', exposurePct: 1, minSoakSeconds: 90, minSamples: 0, promotion: 'manual', onFailure: 'pause', gates: [], startedAt: NOW - 45_400 }];
  const unmet = (over: Partial<Stage>) => unmetToAdvance({ action: 'promote', stages: [{ ...stages[0]!, ...over }], stageIndex: 0, results: [], overridden: new Set(), canarySamples: 0, now: NOW });
  expect(unmet({})).toEqual(['soak 45s of 1m30s']);
  expect(unmet({ minSoakSeconds: 86_400, startedAt: NOW - 4_380_000 })).toEqual(['soak 1h13m of 1d']);
});
