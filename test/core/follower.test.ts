import { describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.ts';
import { DEMO_MOBILE_ID, DEMO_SERVICE_ID } from '../../electron/core/demo/seed.ts';
import type { PushEvent, ReleaseDetail } from '../../shared/index.ts';
import { operator } from '../support/core.ts';
import { tempDir } from '../support/tmp.ts';

function host(dataDir: string, hostLabel: string): { core: Core; pushes: PushEvent[] } {
  const core = createCore({ dataDir, version: 't', demo: true, simulateEveryMs: 50, followEveryMs: 30, hostLabel, log: () => {} });
  const pushes: PushEvent[] = [];
  core.subscribe((event) => pushes.push(event));
  return { core, pushes };
}

async function decide(core: Core, action: string, reason: string): Promise<string> {
  const decided = await core.invoke('decide', { releaseId: DEMO_SERVICE_ID, action, reason }, operator);
  if (!decided.ok) throw new Error(decided.error.message);
  return (decided.value as ReleaseDetail).decisions[0]!.id;
}

describe('two hosts on one data folder', () => {
  it("push to each one's subscribers the decisions taken on the other and the samples the lease holder's simulator stores", async () => {
    const dir = tempDir();
    const owner = host(dir, 'owner');
    const other = host(dir, 'other');
    expect(owner.core.lease.held && !other.core.lease.held).toBe(true);

    const paused = await decide(owner.core, 'pause', 'paused on the owner');
    await vi.waitFor(() => expect(other.pushes).toContainEqual({ type: 'decision.recorded', decision: expect.objectContaining({ id: paused, action: 'pause' }) }), { timeout: 10_000 });
    expect(other.pushes).toContainEqual({ type: 'release.changed', releaseId: DEMO_SERVICE_ID });

    const resumed = await decide(other.core, 'resume', 'resumed on the other host');
    await vi.waitFor(() => expect(owner.pushes).toContainEqual({ type: 'decision.recorded', decision: expect.objectContaining({ id: resumed, action: 'resume' }) }), { timeout: 10_000 });

    // The other host runs no simulator, yet its charts hear of new samples.
    await vi.waitFor(() => expect(other.pushes.some((e) => e.type === 'samples.arrived' && e.releaseIds.includes(DEMO_MOBILE_ID))).toBe(true), { timeout: 10_000 });
    expect(other.core.simulator.running).toBe(false);
    other.core.close();
    owner.core.close();
  });
});
