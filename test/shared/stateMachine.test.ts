import { describe, expect, it } from 'vitest';
import {
  Action,
  APP_STORE_PAUSE_BUDGET_MS,
  allowedActions,
  pauseBudgetLeftMs,
  ReleaseStatus,
  TargetKind,
  transition,
  type Release,
} from '../../shared/index.ts';

const NOW = 1_800_000_000_000;
const release = (over: Partial<Release>): Pick<Release, 'status' | 'stageIndex' | 'target' | 'pausedMsTotal' | 'pausedAt'> => ({
  status: 'rolling',
  stageIndex: 1,
  target: 'service',
  pausedMsTotal: 0,
  pausedAt: over.status === 'paused' || over.status === 'halted' ? NOW - 1000 : null,
  ...over,
});

/** The expected outcome of every action from every state, for a target that supports them all. */
const expected: Record<ReleaseStatus, Partial<Record<Action, ReleaseStatus>>> = {
  planned: { start: 'rolling' },
  rolling: { promote: 'rolling', pause: 'paused', halt: 'halted', rollback: 'rolled_back', complete: 'completed' },
  paused: { resume: 'rolling', halt: 'halted', rollback: 'rolled_back', complete: 'completed' },
  halted: { resume: 'rolling', rollback: 'rolled_back', complete: 'completed' },
  rolled_back: {},
  completed: {},
};

const unsupported: Record<TargetKind, Action[]> = { app_store: ['rollback', 'halt'], play: ['pause'], service: [], flag: [] };

describe('the rollout state machine', () => {
  for (const target of TargetKind.options) {
    for (const status of ReleaseStatus.options) {
      for (const action of Action.options) {
        const to = unsupported[target].includes(action) ? undefined : expected[status][action];
        it(`${target}: ${action} from ${status} → ${to ?? 'refused'}`, () => {
          const r = transition({ release: release({ target, status }), stageCount: 5, action, now: NOW });
          if (to === undefined) {
            expect(r.ok).toBe(false);
            if (!r.ok) {
              expect(r.error.code).toBe('illegal_action');
              expect(r.error.allowed).toEqual(allowedActions(release({ target, status }), 5, NOW));
              expect(r.error.message).toMatch(/allowed now: /);
            }
          } else {
            expect(r).toMatchObject({ ok: true, value: { status: to } });
          }
        });
      }
    }
  }

  it('moves promote to the next stage and refuses it at the last one', () => {
    expect(transition({ release: release({ stageIndex: 1 }), stageCount: 5, action: 'promote', now: NOW })).toMatchObject({ ok: true, value: { stageIndex: 2 } });
    const last = transition({ release: release({ stageIndex: 4 }), stageCount: 5, action: 'promote', now: NOW });
    expect(last.ok).toBe(false);
    if (!last.ok) expect(last.error.message).toMatch(/last stage.*complete/);
  });

  it('adds the time spent paused to the total when resuming', () => {
    const paused = release({ status: 'paused', pausedAt: NOW - 60_000, pausedMsTotal: 5_000 });
    expect(transition({ release: paused, stageCount: 5, action: 'resume', now: NOW })).toMatchObject({
      ok: true,
      value: { status: 'rolling', pausedAt: null, pausedMsTotal: 65_000 },
    });
  });

  it('refuses to pause an App Store release whose 30-day budget is used up, and reports what is left', () => {
    const spent = release({ target: 'app_store', pausedMsTotal: APP_STORE_PAUSE_BUDGET_MS });
    expect(pauseBudgetLeftMs(spent, NOW)).toBe(0);
    const r = transition({ release: spent, stageCount: 7, action: 'pause', now: NOW });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/30 days/);
    const paused = release({ target: 'app_store', status: 'paused', pausedAt: NOW - 1_000, pausedMsTotal: 0 });
    expect(pauseBudgetLeftMs(paused, NOW)).toBe(APP_STORE_PAUSE_BUDGET_MS - 1_000);
    expect(pauseBudgetLeftMs(release({ target: 'play' }), NOW)).toBeNull();
  });
});
