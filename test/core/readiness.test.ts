import { describe, expect, it } from 'vitest';
import { insertSamples } from '../../electron/core/metrics/store.ts';
import { SERVICE_PROFILE } from '../../electron/core/simulator/profiles.ts';
import { defaultPlan, seededRandom, simulateTick, type PlanReadiness, type ReleaseDetail } from '../../shared/index.ts';
import { operatorCore } from '../support/core.ts';
import { dataFile } from '../support/dataFile.ts';

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

  it('names a missing release', async () => {
    const { attempt } = operatorCore();
    const r = await attempt('getPlanReadiness', { releaseId: 'nope' });
    expect(r.ok ? null : r.error.code).toBe('not_found');
  });
});
