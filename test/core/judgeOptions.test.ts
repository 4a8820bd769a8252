// The judge's options travel with the plan: set in YAML, kept with the release, shown on export, and
// used by the guard's tests (the α a gate is judged at comes from them).
import { expect, it } from 'vitest';
import { defaultPlan, planToYaml, type GateStatus, type PlanView, type ReleaseDetail } from '../../shared/index.ts';
import { operatorCore } from '../support/core.ts';

it('keeps a plan’s judge options from YAML to the guard’s boundaries, and exports them', async () => {
  const { core, clock, call } = operatorCore();
  const plan = { ...defaultPlan('service'), judge: { alpha: 0.03, passAlpha: 0.1, tau: 1.5, minEvidence: 10, segmentBudget: 8, failNullShare: 0.25 } };
  const created = await call<ReleaseDetail>('createRelease', { name: 'api', app: 'api', version: '2', target: 'service', plan });
  const releaseId = created.release.id;
  const view = await call<PlanView>('getPlan', { releaseId });
  expect(view.plan.judge).toMatchObject({ alpha: 0.03, passAlpha: 0.1, failNullShare: 0.25 });
  expect(view.yaml).toMatch(/judge:\n\s+alpha: 0\.03/);
  expect(view.yaml).toMatch(/failNullShare: 0\.25/);

  // Edited as YAML: a stricter α reaches the gates' boundaries at the next look.
  await call('updatePlan', { releaseId, yaml: planToYaml({ ...plan, judge: { ...plan.judge, alpha: 0.003 } }) });
  await call('decide', { releaseId, action: 'start', reason: 'go live', monitor: 'dana' });
  for (let i = 0; i < 5; i += 1) core.simulator.tick(clock.advance(2000));
  core.guard.check([releaseId]);
  const status = await call<GateStatus>('getGateStatus', { releaseId });
  const errors = status.results.find((r) => r.gateId === 'errors')!;
  // 3 gates, half of a gate's α to its total: 0.003 / 3 / 2.
  expect(errors.total.evidence?.alpha).toBeCloseTo(0.003 / 3 / 2, 12);
  expect(errors.total.evidence?.passBoundary).toBeCloseTo(Math.log(1 / 0.1), 12);
  core.close();
});
