import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.ts';
import { listDecisions } from '../../electron/core/repos/decisions.ts';
import { defaultPlan, durationSeconds, type Decision, type Plan, type ReleaseDetail } from '../../shared/index.ts';
import { FakeClock } from '../support/clock.ts';
import { tempDir } from '../support/tmp.ts';
import { dataFile } from '../support/dataFile.ts';

const operator = { actor: 'alice', role: 'operator' as const };
const TICK_MS = 2000;

async function setup(plan: Plan): Promise<{ core: Core; clock: FakeClock; releaseId: string }> {
  const clock = new FakeClock();
  const core = createCore({ dataDir: tempDir(), version: 't', now: clock.now, checkOutputs: true });
  const created = await core.invoke('createRelease', { name: 'api 1.0', app: 'api', version: '1.0', target: plan.target, plan }, operator);
  if (!created.ok) throw new Error(created.error.message);
  const releaseId = (created.value as ReleaseDetail).release.id;
  const started = await core.invoke('decide', { releaseId, action: 'start', reason: 'go live', monitor: 'dana' }, operator);
  if (!started.ok) throw new Error(started.error.message);
  return { core, clock, releaseId };
}

/** Ticks the simulator (which wakes the guard) until `until` holds or `maxTicks` pass; returns ticks used. */
function tickUntil(core: Core, clock: FakeClock, until: () => boolean, maxTicks: number): number {
  for (let i = 1; i <= maxTicks; i += 1) {
    core.simulator.tick(clock.advance(TICK_MS));
    if (until()) return i;
  }
  return -1;
}

/** The guard's decisions, oldest first, read back through the repository (and so through the evidence reader). */
const guardDecisions = (core: Core, releaseId: string): Decision[] => listDecisions(dataFile(core.dataDir), { releaseId, actor: 'guard', limit: 1000 }).reverse();
/** The service plan with its first stage at 10 %: at 1 % the simulator's regions are too thin to judge a p95 each. */
function tenPercentFirst(plan: Plan): Plan {
  return { ...plan, stages: plan.stages.map((s, i) => (i === 0 ? { ...s, label: '10%', exposure: 10 } : s.exposure < 10 ? { ...s, exposure: 10 } : s)) };
}

const statusOf = (core: Core, id: string): string => (dataFile(core.dataDir).prepare('SELECT status FROM releases WHERE id = ?').get(id) as { status: string }).status;

describe('the guard', () => {
  it('rolls a service canary back when one region breaches, and stores the evidence', async () => {
    const { core, clock, releaseId } = await setup(tenPercentFirst(defaultPlan('service')));
    // Soak the internal stage with healthy data; it stays put while gates pass but the soak is short.
    tickUntil(core, clock, () => false, 200);
    expect(statusOf(core, releaseId)).toBe('rolling');
    const injected = await core.invoke('injectFault', { releaseId, metric: 'p95_latency_ms', segment: { region: 'eu-west' }, factor: 1.6 }, operator);
    expect(injected.ok).toBe(true);
    const ticks = tickUntil(core, clock, () => statusOf(core, releaseId) !== 'rolling', 1000);
    expect(ticks).toBeGreaterThan(0);
    expect(statusOf(core, releaseId)).toBe('rolled_back');

    const [decision] = guardDecisions(core, releaseId);
    expect(decision).toMatchObject({ action: 'rollback', verdict: 'fail' });
    expect(decision!.reason).toMatch(/p95 latency.*eu-west/);
    const evidence = decision!.evidence!;
    const latency = evidence.gates!.results.find((r) => r.gateId === 'latency')!;
    expect(latency.outcome).toBe('fail');
    // The quantile gate was judged by its sequential sign test, which crossed its boundary in eu-west alone.
    const euWest = latency.segments.find((s) => s.key === 'eu-west')!;
    expect(euWest.evidence?.test).toBe('sign');
    expect(euWest.evidence!.logE).toBeGreaterThanOrEqual(euWest.evidence!.boundary);
    expect(latency.segments.filter((s) => s.outcome === 'fail').map((s) => s.key)).toEqual(['eu-west']);
    // The guard's sequential state it decided on is part of the evidence.
    expect(evidence.guardState!.looks).toBeGreaterThan(ticks);
    expect(Object.keys(evidence.guardState!.gates.latency!)).toEqual(expect.arrayContaining(['total', 'region=eu-west']));
    expect(Object.keys(evidence.series)).toContain('p95_latency_ms');
    // The segment where the gate failed is kept with it, so the evidence chart shows eu-west, not the total.
    const kept = evidence.segmentSeries;
    expect(kept.map(({ metric, gateId, dimension, key }) => ({ metric, gateId, dimension, key }))).toEqual([{ metric: 'p95_latency_ms', gateId: 'latency', dimension: 'region', key: 'eu-west' }]);
    const late = kept[0]!.points.slice(-20);
    const ratio = late.reduce((sum, p) => sum + p.canary! / p.baseline!, 0) / late.length;
    expect(ratio).toBeGreaterThan(1.4);
    core.close();
  });

  it('promotes an automatic stage once every gate passed for the minimum soak, and not before', async () => {
    const plan = defaultPlan('service');
    const { core, clock, releaseId } = await setup(plan);
    const soakTicks = durationSeconds(plan.stages[0]!.minSoak) / (TICK_MS / 1000);
    const ticks = tickUntil(core, clock, () => guardDecisions(core, releaseId).length > 0, soakTicks * 2);
    expect(ticks).toBeGreaterThanOrEqual(soakTicks);
    expect(guardDecisions(core, releaseId)[0]).toMatchObject({ action: 'promote', verdict: 'pass' });
    core.close();
  });

  it('asks for approval on a manual stage instead of promoting, once', async () => {
    const plan = defaultPlan('service');
    const manual: Plan = tenPercentFirst({ ...plan, stages: plan.stages.map((s) => ({ ...s, promotion: 'manual' as const, minSoak: 60 })) });
    const { core, clock, releaseId } = await setup(manual);
    const asks = () => dataFile(core.dataDir).prepare("SELECT COUNT(*) AS n FROM events WHERE kind = 'approval.requested' AND subject = ?").get(releaseId) as { n: number };
    expect(tickUntil(core, clock, () => asks().n > 0, 1500)).toBeGreaterThan(30);
    tickUntil(core, clock, () => false, 100);
    expect(statusOf(core, releaseId)).toBe('rolling');
    expect(guardDecisions(core, releaseId)).toEqual([]);
    const asked = dataFile(core.dataDir).prepare("SELECT COUNT(*) AS n FROM events WHERE kind = 'approval.requested' AND subject = ?").get(releaseId);
    expect(asked).toEqual({ n: 1 });
    const detail = await core.invoke('getRelease', { releaseId }, operator);
    expect(detail.ok && (detail.value as ReleaseDetail).release.approvalRequestedAt).not.toBeNull();
    core.close();
  });

  it('never promotes on inconclusive data: too few samples keep the stage where it is', async () => {
    const plan = defaultPlan('service');
    const thin: Plan = { ...plan, stages: plan.stages.map((s) => ({ ...s, minSoak: 10, gates: s.gates.map((g) => ({ ...g, minSamples: 10_000_000 })) })) };
    const { core, clock, releaseId } = await setup(thin);
    tickUntil(core, clock, () => false, 100);
    const status = await core.invoke('getGateStatus', { releaseId }, operator);
    expect(status.ok && (status.value as { verdict: string }).verdict).toBe('inconclusive');
    expect(guardDecisions(core, releaseId)).toEqual([]);
    expect(dataFile(core.dataDir).prepare('SELECT stage_index FROM releases WHERE id = ?').get(releaseId)).toEqual({ stage_index: 0 });
    core.close();
  });

  it('requires an override to resume against a failing gate, and then leaves the overridden gate alone until it expires', async () => {
    const plan = defaultPlan('service');
    const pausing: Plan = { ...plan, stages: plan.stages.map((s) => ({ ...s, onFailure: 'pause' as const, promotion: 'manual' as const })) };
    const { core, clock, releaseId } = await setup(pausing);
    await core.invoke('injectFault', { releaseId, metric: 'error_rate', factor: 3 }, operator);
    tickUntil(core, clock, () => statusOf(core, releaseId) === 'paused', 1000);
    expect(statusOf(core, releaseId)).toBe('paused');

    const refused = await core.invoke('decide', { releaseId, action: 'resume', reason: 'known noisy dependency' }, operator);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('override_required');
      expect(refused.error.allowed).toContain('errors');
    }
    expect(statusOf(core, releaseId)).toBe('paused');

    const resumed = await core.invoke('decide', { releaseId, action: 'resume', reason: 'known noisy dependency', override: { reasonCode: 'known_issue', expiresInMinutes: 30 } }, operator);
    expect(resumed.ok).toBe(true);
    tickUntil(core, clock, () => false, 100);
    expect(statusOf(core, releaseId)).toBe('rolling');
    // Past the expiry the failing gate counts again and the guard pauses.
    clock.advance(30 * 60 * 1000);
    tickUntil(core, clock, () => statusOf(core, releaseId) === 'paused', 1000);
    expect(statusOf(core, releaseId)).toBe('paused');
    expect(guardDecisions(core, releaseId).map((d) => d.action)).toEqual(['pause', 'pause']);
    core.close();
  });

  it('maps a failure action onto what the target can do: Play halts where the plan says pause', async () => {
    const plan = defaultPlan('play');
    const pausing: Plan = { ...plan, stages: plan.stages.map((s) => ({ ...s, onFailure: 'pause' as const })) };
    const { core, clock, releaseId } = await setup(pausing);
    await core.invoke('injectFault', { releaseId, metric: 'crash_free_users', segment: { device: 'tablet' }, factor: 0.97 }, operator);
    tickUntil(core, clock, () => statusOf(core, releaseId) !== 'rolling', 1500);
    expect(statusOf(core, releaseId)).toBe('halted');
    core.close();
  });
});

describe('reading gate status', () => {
  it('serves the guard’s last look and never advances its state, however often a page polls', async () => {
    const { core, clock, releaseId } = await setup(tenPercentFirst(defaultPlan('service')));
    tickUntil(core, clock, () => false, 20);
    const stateRow = () => dataFile(core.dataDir).prepare('SELECT state, updated_at FROM guard_state WHERE release_id = ?').get(releaseId);
    const before = stateRow();
    clock.advance(60_000);
    const viewer = { actor: 'wall', role: 'viewer' as const };
    const reads = await Promise.all([1, 2, 3].map(() => core.invoke('getGateStatus', { releaseId }, viewer)));
    expect(stateRow()).toEqual(before);
    const status = reads[0]!.ok ? (reads[0]!.value as { evaluatedAt: number }) : null;
    // The status is the look taken at the last tick, not a fresh judgement at the reader's time.
    expect(status?.evaluatedAt).toBe(clock.t - 60_000);
    core.close();
  });
});
