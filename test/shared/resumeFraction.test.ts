import { describe, expect, it } from 'vitest';
import { defaultPlan, resumeFractionProblem, resumeRange, stagesOfPlan, transition, unmetToAdvance, type Stage } from '../../shared/index.ts';

const NOW = 1_800_000_000_000;
const playStages: Stage[] = stagesOfPlan(defaultPlan('play')).map((s, index) => ({ ...s, index, startedAt: index <= 2 ? NOW - 3_600_000 : null }));
const halted = { status: 'halted' as const, stageIndex: 2, target: 'play' as const, pausedMsTotal: 0, pausedAt: NOW - 60_000, chosenExposurePct: null };

describe('resuming a halted Google Play rollout at a fraction', () => {
  it('runs at the chosen fraction, keeps it through a halt and a plain resume, and goes by the plan again on promote', () => {
    const resumed = transition({ release: halted, stageCount: 5, action: 'resume', now: NOW, exposurePct: 7.5 });
    expect(resumed).toMatchObject({ ok: true, value: { status: 'rolling', stageIndex: 2, chosenExposurePct: 7.5 } });
    if (!resumed.ok) return;
    const haltedAgain = transition({ release: { ...halted, ...resumed.value, status: 'rolling' }, stageCount: 5, action: 'halt', now: NOW + 1 });
    expect(haltedAgain).toMatchObject({ ok: true, value: { status: 'halted', chosenExposurePct: 7.5 } });
    const plain = transition({ release: { ...halted, chosenExposurePct: 7.5 }, stageCount: 5, action: 'resume', now: NOW + 2 });
    expect(plain).toMatchObject({ ok: true, value: { chosenExposurePct: 7.5 } });
    const promoted = transition({ release: { ...halted, status: 'rolling', pausedAt: null, chosenExposurePct: 7.5 }, stageCount: 5, action: 'promote', now: NOW + 3 });
    expect(promoted).toMatchObject({ ok: true, value: { stageIndex: 3, chosenExposurePct: null } });
  });

  it('refuses a fraction on any other action and on targets that resume where their stage is', () => {
    const service = transition({ release: { ...halted, target: 'service' }, stageCount: 5, action: 'resume', now: NOW, exposurePct: 5 });
    expect(service.ok).toBe(false);
    if (!service.ok) expect(service.error.message).toContain('only a Google Play staged rollout resumes at a fraction you choose');
    const promote = transition({ release: { ...halted, status: 'rolling', pausedAt: null }, stageCount: 5, action: 'promote', now: NOW, exposurePct: 30 });
    expect(promote.ok).toBe(false);
    if (!promote.ok) expect(promote.error.message).toContain('only a resume can choose the fraction');
  });

  it('allows any fraction above 0 and below the next stage, in hundredths at most', () => {
    expect(resumeRange(playStages, 2)).toEqual({ planned: 20, below: 50, nextLabel: '50%' });
    const problem = (exposurePct: number, stageIndex = 2) => resumeFractionProblem({ target: 'play', stages: playStages, stageIndex, exposurePct });
    expect(problem(0.5)).toBeNull();
    expect(problem(35)).toBeNull();
    expect(problem(49.99)).toBeNull();
    expect(problem(0)).toBe('resume at more than 0 %');
    expect(problem(50)).toBe('resume below 50 %, the next stage (50%); to go that far, resume and then promote');
    expect(problem(12.345)).toContain('hundredths of a percent');
    expect(problem(99.5, 4)).toBeNull();
    expect(problem(100, 4)).toBe('to release to everyone, complete the release');
    expect(resumeFractionProblem({ target: 'app_store', stages: playStages, stageIndex: 2, exposurePct: 5 })).toContain('resumes at its stage');
  });

  it('asks for what a promote would need when the fraction is above the stage’s own exposure, and nothing below it', () => {
    const base = { action: 'resume' as const, stages: playStages, stageIndex: 2, results: [], overridden: new Set<string>(), canarySamples: 0, now: NOW };
    expect(unmetToAdvance({ ...base, exposurePct: 10 })).toEqual([]);
    expect(unmetToAdvance({ ...base, exposurePct: 30 })).toEqual(['soak 1h of 1d', 'samples 0 of 2,000']);
  });
});
