import { describe, expect, it } from 'vitest';
import type { Fault, ReleaseDetail, ReleaseSegments } from '../../shared/index.ts';
import { operatorCore } from '../support/core.ts';

async function serviceRelease() {
  const { core, clock, call, attempt } = operatorCore();
  const created = await call<ReleaseDetail>('createRelease', { name: 'api 1', app: 'api', version: '1.0.0', target: 'service' });
  const releaseId = created.release.id;
  await call('decide', { releaseId, action: 'start', reason: 'go live', monitor: 'dana' });
  return { core, clock, call, attempt, releaseId };
}

describe('simulator faults target segments that exist', () => {
  it('refuses a region the simulated traffic does not have, a dimension it has none of, and a release that is not simulated', async () => {
    const { core, clock, call, attempt, releaseId } = await serviceRelease();
    const refused = await attempt('injectFault', { releaseId, metric: 'error_rate', segment: { region: 'mars-1', device: 'tablet' }, factor: 2 });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('invalid_input');
      expect(refused.error.issues).toEqual([
        { path: 'segment.region', message: 'no region "mars-1" in the simulated traffic; choose one of: ap-south, eu-west, us-east' },
        { path: 'segment.device', message: 'the simulated traffic has no devices; leave it empty for all' },
      ]);
    }
    expect(await call<Fault[]>('listFaults', { releaseId })).toEqual([]);
    const accepted = await call<Fault>('injectFault', { releaseId, metric: 'error_rate', segment: { region: 'eu-west' }, factor: 2 });
    expect(accepted.segment).toEqual({ region: 'eu-west', device: '', tenant: '' });
    // Pushed to, the release is no longer simulated: a fault there would be listed and change nothing.
    await call('ingestSamples', { samples: [{ releaseId, cohort: 'canary', metric: 'error_rate', t: clock.t, value: 0.5, weight: 100 }] });
    const pushed = await attempt('injectFault', { releaseId, metric: 'error_rate', factor: 2 });
    expect(pushed.ok ? null : [pushed.error.code, pushed.error.message]).toEqual(['illegal_action', "This release's numbers come from pushed samples; a fault changes only simulated data."]);
    expect(await call<Fault[]>('listFaults', { releaseId })).toHaveLength(1);
    core.close();
  });

  it('lists the keys recorded per metric and dimension and the keys the simulator plays', async () => {
    const { core, clock, call, releaseId } = await serviceRelease();
    expect((await call<ReleaseSegments>('getSegmentKeys', { releaseId })).recorded).toEqual([]);
    core.simulator.tick(clock.advance(2000));
    const keys = await call<ReleaseSegments>('getSegmentKeys', { releaseId });
    expect(keys.simulated).toEqual({ region: ['ap-south', 'eu-west', 'us-east'], device: [], tenant: [] });
    expect(keys.recorded.find((r) => r.metric === 'p95_latency_ms' && r.dimension === 'region')?.keys).toEqual(['ap-south', 'eu-west', 'us-east']);
    expect(keys.recorded.filter((r) => r.dimension !== 'region')).toEqual([]);
    core.close();
  });
});
