import { describe, expect, it } from 'vitest';
import { guardStep, transition, type Release, type Stage } from '../../shared/index.ts';

const NOW = 1_800_000_000_000;
const ended = (status: Release['status']) => ({ status, stageIndex: 1, target: 'service' as const, pausedMsTotal: 0, pausedAt: null });
const stage: Stage = { index: 1, label: '1%', exposurePct: 1, minSoakSeconds: 0, minSamples: 0, promotion: 'automatic', onFailure: 'rollback', gates: [], startedAt: NOW };

describe('what a person reads about a release’s state', () => {
  it('says "rolled back" in the guard’s next step, never the enum', () => {
    const step = guardStep({ release: { ...ended('rolled_back'), approvalRequestedAt: null }, stage, stageCount: 3, results: [], overridden: new Set(), canarySamples: 0, now: NOW });
    expect(step.why).toBe('release is rolled back');
  });

  it('words a refused action and the ones allowed instead', () => {
    const refused = transition({ release: { ...ended('halted'), pausedAt: NOW - 1000 }, stageCount: 3, action: 'pause', now: NOW });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toBe('cannot pause a release that is halted (allowed now: resume, roll back, complete)');
    const after = transition({ release: ended('rolled_back'), stageCount: 3, action: 'rollback', now: NOW });
    expect(after.ok).toBe(false);
    if (!after.ok) expect(after.error.message).toBe('cannot roll back a release that is rolled back (allowed now: none)');
  });
});
