import { describe, expect, it } from 'vitest';
import { defaultPlan, type LoggedEvent, type ReleaseDetail } from '../../shared/index.ts';
import { operatorCore } from '../support/core.ts';

const override = { reasonCode: 'known_issue' as const, expiresInMinutes: 60 };

/** A Google Play rollout at its 20 % stage, halted. */
async function haltedPlay() {
  const { core, clock, call, attempt } = operatorCore();
  const created = await call<ReleaseDetail>('createRelease', { name: 'app 4.3.0', app: 'app', version: '4.3.0', target: 'play', plan: defaultPlan('play') });
  const releaseId = created.release.id;
  await call('decide', { releaseId, action: 'start', reason: 'go live', monitor: 'dana' });
  for (let i = 0; i < 2; i++) await call('decide', { releaseId, action: 'promote', reason: 'hotfix', override });
  clock.advance(60_000);
  await call('decide', { releaseId, action: 'halt', reason: 'crash spike in tablets' });
  return { core, call, attempt, releaseId };
}

describe('decide: a halted Google Play rollout resumes at a fraction', () => {
  it('resumes at the fraction given, records it in the decision and the event log, and the next promote goes by the plan', async () => {
    const { core, call, releaseId } = await haltedPlay();
    const resumed = await call<ReleaseDetail>('decide', { releaseId, action: 'resume', reason: 'fix confirmed, re-verify small', exposurePct: 2.5 });
    expect(resumed.release).toMatchObject({ status: 'rolling', stageLabel: '20%', exposurePct: 2.5, chosenExposurePct: 2.5 });
    const decision = resumed.decisions.find((d) => d.action === 'resume');
    expect(decision?.evidence?.exposure).toEqual({ from: 20, to: 2.5, chosen: 2.5 });
    const events = await call<LoggedEvent[]>('listEvents', { query: 'resume' });
    expect(events[0]?.payload).toMatchObject({ action: 'resume', exposurePct: 2.5, exposureFrom: 20 });
    const listed = await call<{ id: string; exposurePct: number }[]>('listReleases', {});
    expect(listed.find((r) => r.id === releaseId)?.exposurePct).toBe(2.5);

    const promoted = await call<ReleaseDetail>('decide', { releaseId, action: 'promote', reason: 'all good', override });
    expect(promoted.release).toMatchObject({ stageLabel: '50%', exposurePct: 50, chosenExposurePct: null });
    core.close();
  });

  it('refuses a fraction at or above the next stage, naming the field, and changes nothing', async () => {
    const { core, attempt, call, releaseId } = await haltedPlay();
    const refused = await attempt('decide', { releaseId, action: 'resume', reason: 'go big', exposurePct: 50 });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('invalid_input');
      expect(refused.error.issues).toEqual([{ path: 'exposurePct', message: 'resume below 50 %, the next stage (50%); to go that far, resume and then promote' }]);
    }
    expect((await call<ReleaseDetail>('getRelease', { releaseId })).release).toMatchObject({ status: 'halted', exposurePct: 20 });
    core.close();
  });

  it('asks for an override above the stage’s own exposure before its soak is met', async () => {
    const { core, attempt, releaseId } = await haltedPlay();
    const refused = await attempt('decide', { releaseId, action: 'resume', reason: 'widen it', exposurePct: 35 });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('override_required');
      expect(refused.error.message).toContain('To resume at 35 % anyway');
    }
    const accepted = await attempt('decide', { releaseId, action: 'resume', reason: 'widen it', exposurePct: 35, override });
    expect(accepted.ok && (accepted.value as ReleaseDetail).release.exposurePct).toBe(35);
    core.close();
  });

  it('refuses a fraction for a service canary, which resumes where its stage is', async () => {
    const { core, call, attempt } = operatorCore();
    const created = await call<ReleaseDetail>('createRelease', { name: 'api 1', app: 'api', version: '1.0.0', target: 'service' });
    const releaseId = created.release.id;
    await call('decide', { releaseId, action: 'start', reason: 'go live', monitor: 'dana' });
    await call('decide', { releaseId, action: 'pause', reason: 'look closer' });
    const refused = await attempt('decide', { releaseId, action: 'resume', reason: 'carry on', exposurePct: 0.5 });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('illegal_action');
      expect(refused.error.message).toContain('a service canary resumes at its stage');
    }
    core.close();
  });
});
