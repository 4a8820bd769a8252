import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.ts';
import { defaultPlan, type Decision, type ReleaseDetail } from '../../shared/index.ts';
import { FakeClock } from '../support/clock.ts';
import { tempDir } from '../support/tmp.ts';

const operator = { actor: 'alice', role: 'operator' as const };
const override = { reasonCode: 'business_critical' as const, expiresInMinutes: 60 };

/** A service canary just started: its internal stage has soaked for a minute and judged nothing yet. */
async function justStarted(): Promise<{ core: Core; releaseId: string }> {
  const clock = new FakeClock();
  const core = createCore({ dataDir: tempDir(), version: 't', now: clock.now, checkOutputs: true });
  const created = await core.invoke('createRelease', { name: 'api 1.0', app: 'api', version: '1.0', target: 'service', plan: defaultPlan('service') }, operator);
  if (!created.ok) throw new Error(created.error.message);
  const releaseId = (created.value as ReleaseDetail).release.id;
  const started = await core.invoke('decide', { releaseId, action: 'start', reason: 'go live', monitor: 'dana' }, operator);
  if (!started.ok) throw new Error(started.error.message);
  clock.advance(60_000);
  return { core, releaseId };
}

async function detailOf(core: Core, releaseId: string): Promise<ReleaseDetail> {
  const detail = await core.invoke('getRelease', { releaseId }, operator);
  if (!detail.ok) throw new Error(detail.error.message);
  return detail.value as ReleaseDetail;
}

describe('going on before the guard would', () => {
  it('refuses a promote before the soak, samples and gates are met, naming what is unmet', async () => {
    const { core, releaseId } = await justStarted();
    const refused = await core.invoke('decide', { releaseId, action: 'promote', reason: 'looks fine to me' }, operator);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('override_required');
      expect(refused.error.message).toContain('soak 1m of 15m');
      expect(refused.error.allowed).toEqual(expect.arrayContaining(['soak 1m of 15m', 'samples 0 of 2,000', 'gate errors has no data']));
    }
    expect((await detailOf(core, releaseId)).release.stageIndex).toBe(0);
    core.close();
  });

  it('promotes with an override and records what was overridden in the decision’s evidence', async () => {
    const { core, releaseId } = await justStarted();
    const promoted = await core.invoke('decide', { releaseId, action: 'promote', reason: 'hotfix for an outage', override }, operator);
    expect(promoted.ok).toBe(true);
    const [decision] = (await detailOf(core, releaseId)).decisions.filter((d: Decision) => d.action === 'promote');
    expect(decision?.evidence?.override?.reasonCode).toBe('business_critical');
    expect(decision?.evidence?.override?.unmet).toContain('soak 1m of 15m');
    expect((await detailOf(core, releaseId)).release.stageLabel).toBe('1%');
    core.close();
  });

  it('refuses to complete from the internal stage without an override, and after one the release is at its last stage', async () => {
    const { core, releaseId } = await justStarted();
    const refused = await core.invoke('decide', { releaseId, action: 'complete', reason: 'ship it' }, operator);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('override_required');
      expect(refused.error.allowed).toContain('stages 1%, 10%, 50%, 100% skipped');
    }
    expect((await detailOf(core, releaseId)).release.status).toBe('rolling');
    const completed = await core.invoke('decide', { releaseId, action: 'complete', reason: 'ship it', override }, operator);
    expect(completed.ok).toBe(true);
    const { release } = await detailOf(core, releaseId);
    expect(release).toMatchObject({ status: 'completed', stageLabel: '100%', stageIndex: 4, exposurePct: 100 });
    core.close();
  });
});
