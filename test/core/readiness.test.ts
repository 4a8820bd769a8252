import { describe, expect, it } from 'vitest';
import { insertSamples } from '../../electron/core/metrics/store.ts';
import { SERVICE_PROFILE } from '../../electron/core/simulator/profiles.ts';
import { defaultPlan, seededRandom, simulateTick, type PlanReadiness, type ReleaseDetail } from '../../shared/index.ts';
import { operatorCore } from '../support/core.ts';
import { dataFile } from '../support/dataFile.ts';
import { MINUTES, minutes, windowed, type Minute } from '../support/overlap.ts';

const TICK_MS = 10_000;

describe('plan readiness', () => {
  it('says traffic is unknown for a release with no samples, then reads it off the baseline the metric source sends before the start', async () => {
    const { core, call, clock } = operatorCore();
    const created = await call<ReleaseDetail>('createRelease', { name: 'api', app: 'api', version: '1', target: 'service', plan: defaultPlan('service') });
    const releaseId = created.release.id;

    const unknown = await call<PlanReadiness>('getPlanReadiness', { releaseId });
    expect(unknown.traffic).toBeNull();
    expect(unknown.source).toMatchObject({ kind: 'unknown', text: 'no samples of this release in the last hour' });
    expect(unknown.stages[0]).toMatchObject({ minutesToDecide: null, canDecideWithinSoak: null });

    // Before the start only the stable version runs: 30 min of baseline, a tick every 10 s.
    const random = seededRandom(3);
    const start = clock.t;
    for (let t = start; t < start + 30 * 60_000; t += TICK_MS) {
      insertSamples(dataFile(core.dataDir, { write: true }), simulateTick({ releaseId, profile: SERVICE_PROFILE, t, exposurePct: 0, random }).filter((s) => s.cohort === 'baseline'));
    }
    clock.advance(30 * 60_000);
    const seen = await call<PlanReadiness>('getPlanReadiness', { releaseId });
    expect(seen.source.kind).toBe('observed');
    expect(seen.source.text).toBe('this release’s samples over the last 30 min');
    // Once they stop, the window is named by when it ended, not as the clock's last minutes.
    clock.advance(20 * 60_000);
    const later = await call<PlanReadiness>('getPlanReadiness', { releaseId });
    expect(later.source.text).toBe('this release’s samples over 30 min, the last of them 20 min ago');
    clock.advance(-20 * 60_000);
    // 3 regions × ≈ 1188 baseline requests (99 % of 1200, ± 20 %) per tick, 6 ticks a minute.
    expect(seen.traffic?.error_rate?.trialsPerMinute).toBeGreaterThan(19_000);
    expect(seen.traffic?.error_rate?.trialsPerMinute).toBeLessThan(24_000);
    expect(seen.traffic?.error_rate?.intervalsPerMinute).toBeCloseTo(6, 1);
    expect(seen.traffic?.p95_latency_ms?.quantile).not.toBeNull();
    // The internal stage (read as 1 %) cannot tell a 25 % rise in 0.4 % errors within 15 min; 50 % can.
    const byLabel = Object.fromEntries(seen.stages.map((s) => [s.label, s]));
    expect(byLabel['internal']).toMatchObject({ soakMinutes: 15, canDecideWithinSoak: false });
    expect(byLabel['internal']!.minutesToDecide).toBeGreaterThan(15);
    expect(byLabel['50%']).toMatchObject({ soakMinutes: 15, canDecideWithinSoak: true });
    expect(byLabel['100%']).toMatchObject({ canDecideWithinSoak: null, gates: [] });
  });

  it('before a release has samples, estimates from the same app’s last release that had any, and says so; never from another app', async () => {
    const { core, call, clock } = operatorCore();
    const create = async (name: string, app: string, version: string) =>
      (await call<ReleaseDetail>('createRelease', { name, app, version, target: 'service', plan: defaultPlan('service') })).release.id;
    const older = await create('api 1.0', 'api', '1.0');
    const random = seededRandom(5);
    const start = clock.t;
    for (let t = start; t < start + 20 * 60_000; t += TICK_MS) {
      insertSamples(dataFile(core.dataDir, { write: true }), simulateTick({ releaseId: older, profile: SERVICE_PROFILE, t, exposurePct: 10, random }));
    }
    // Two days on, the next release of the app, and one of another app.
    clock.advance(2 * 24 * 60 * 60_000);
    const next = await create('api 1.1', 'api', '1.1');
    const stranger = await create('web 3.0', 'web', '3.0');

    const borrowed = await call<PlanReadiness>('getPlanReadiness', { releaseId: next });
    expect(borrowed.source.kind).toBe('observed');
    expect(borrowed.source.text).toBe('api 1.0’s samples over its last 20 min (this release has none in the last hour)');
    expect(borrowed.traffic?.error_rate?.trialsPerMinute).toBeGreaterThan(19_000);
    expect(borrowed.stages.find((st) => st.label === 'internal')).toMatchObject({ canDecideWithinSoak: false });
    // The pre-flight says so before the start, instead of "traffic unknown".
    const preflight = await call<{ checks: { id: string; outcome: string; finding: string }[] }>('getPreflight', { releaseId: next });
    expect(preflight.checks.find((c) => c.id === 'evidence')).toMatchObject({ outcome: 'fail' });

    const none = await call<PlanReadiness>('getPlanReadiness', { releaseId: stranger });
    expect(none.traffic).toBeNull();
    expect(none.source.text).toBe('no samples of this release in the last hour');
  });

  it('says when a release’s pushed error_rate samples look like windows that overlap, and the pre-flight warns of it; independent minutes are not noted', async () => {
    const { call, clock } = operatorCore();
    const push = async (name: string, ms: readonly Minute[], from: number) => {
      const releaseId = (await call<ReleaseDetail>('createRelease', { name, app: name, version: '1', target: 'service', plan: defaultPlan('service') })).release.id;
      const samples = ms.flatMap((m, k) =>
        (['canary', 'baseline'] as const).map((cohort) => ({ releaseId, metric: 'error_rate', cohort, t: from + (k + 1) * 60_000, value: (100 * m[cohort].events) / m[cohort].trials, weight: m[cohort].trials })),
      );
      await call('ingestSamples', { samples });
      return releaseId;
    };
    const from = clock.t;
    const windows = await push('windows', windowed(minutes(21), 5), from);
    const independent = await push('minutes', minutes(21), from);
    clock.advance((MINUTES + 1) * 60_000);

    const noted = await call<PlanReadiness>('getPlanReadiness', { releaseId: windows });
    expect(noted.overlaps).toHaveLength(1);
    expect(noted.overlaps[0]!.metric).toBe('error_rate');
    expect(noted.overlaps[0]!.r).toBeGreaterThan(-0.25);
    expect(noted.overlaps[0]!.pairs).toBeGreaterThan(200);
    const preflight = await call<{ checks: { id: string; items: { subject: string; outcome: string; text: string }[] }[] }>('getPreflight', { releaseId: windows });
    expect(preflight.checks.find((c) => c.id === 'evidence')?.items).toContainEqual(expect.objectContaining({ subject: 'error_rate samples', outcome: 'warn' }));

    expect((await call<PlanReadiness>('getPlanReadiness', { releaseId: independent })).overlaps).toEqual([]);
  });

  it('names a missing release', async () => {
    const { attempt } = operatorCore();
    const r = await attempt('getPlanReadiness', { releaseId: 'nope' });
    expect(r.ok ? null : r.error.code).toBe('not_found');
  });
});
