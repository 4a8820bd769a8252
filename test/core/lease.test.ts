import { describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.ts';
import { BACKGROUND_LEASE, takeLease } from '../../electron/core/lease.ts';
import { openDatabase } from '../../electron/core/db/open.ts';
import type { LeaseInfo } from '../../shared/index.ts';
import { operator } from '../support/core.ts';
import { tempDir } from '../support/tmp.ts';

const LEASE = { ttlMs: 400, renewEveryMs: 50 };

function host(dataDir: string, hostLabel: string): { core: Core; samplePushes: () => number } {
  const core = createCore({ dataDir, version: 't', demo: true, simulateEveryMs: 30, lease: LEASE, hostLabel, log: () => {} });
  let pushes = 0;
  core.subscribe((event) => {
    if (event.type === 'samples.arrived') pushes += 1;
  });
  return { core, samplePushes: () => pushes };
}

async function leaseOf(core: Core): Promise<LeaseInfo> {
  const info = await core.invoke('getInfo', {}, operator);
  if (!info.ok) throw new Error(info.error.message);
  return (info.value as { lease: LeaseInfo }).lease;
}

describe('the host lease on one data folder', () => {
  it('lets only the first core run the simulator and guard; the second takes over when the first closes', async () => {
    const dir = tempDir();
    const first = host(dir, 'first host');
    const second = host(dir, 'second host');
    expect(await leaseOf(second.core)).toMatchObject({ owner: expect.stringContaining('first host'), here: false });
    expect(await leaseOf(first.core)).toMatchObject({ owner: expect.stringContaining('first host'), here: true });

    // Past the lease's first expiry, renewed by the first core all along: the second still only serves.
    const firstExpiry = first.core.lease.holder()!.expiresAt;
    await vi.waitFor(() => expect(first.core.lease.holder()!.expiresAt).toBeGreaterThan(firstExpiry + LEASE.ttlMs), { timeout: 10_000 });
    await vi.waitFor(() => expect(first.samplePushes()).toBeGreaterThan(3), { timeout: 10_000 });
    expect(second.samplePushes()).toBe(0);
    expect(second.core.simulator.running || second.core.guard.running).toBe(false);

    first.core.close();
    await vi.waitFor(() => expect(second.samplePushes()).toBeGreaterThan(0), { timeout: 10_000 });
    expect(await leaseOf(second.core)).toMatchObject({ owner: expect.stringContaining('second host'), here: true });
    expect(second.core.guard.running).toBe(true);
    second.core.close();
  });

  it('is taken over once a holder that never handed it back (a crashed host) lets it expire', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    expect(takeLease(db, BACKGROUND_LEASE, 'crashed host', Date.now(), LEASE.ttlMs)).toBe(true);
    db.close();
    const survivor = host(dir, 'survivor');
    expect(await leaseOf(survivor.core)).toMatchObject({ owner: 'crashed host', here: false });
    expect(survivor.core.simulator.running).toBe(false);
    await vi.waitFor(async () => expect(await leaseOf(survivor.core)).toMatchObject({ owner: expect.stringContaining('survivor'), here: true }), { timeout: 10_000 });
    await vi.waitFor(() => expect(survivor.samplePushes()).toBeGreaterThan(0), { timeout: 10_000 });
    survivor.core.close();
  });

  it('is never taken by a core opened without background work (a CLI command), so a host opened beside it runs that work', async () => {
    const dir = tempDir();
    const oneShot = createCore({ dataDir: dir, version: 't', guard: true, lease: LEASE, background: false, log: () => {} });
    expect(await leaseOf(oneShot)).toEqual({ owner: null, here: false, expiresAt: null });
    expect(oneShot.guard.running).toBe(false);
    const second = host(dir, 'web host');
    expect(await leaseOf(second.core)).toMatchObject({ owner: expect.stringContaining('web host'), here: true });
    expect(await leaseOf(oneShot)).toMatchObject({ owner: expect.stringContaining('web host'), here: false });
    second.core.close();
    oneShot.close();
  });
});
