import { describe, expect, it } from 'vitest';
import { defaultPlan, DEFAULT_PHASES } from '../../shared/index.ts';
import { call, testHost } from '../support/webHost.ts';
import { dataFile } from '../support/dataFile.ts';

const releaseId = 'demo-checkout-api-2026-11';
const MANY = 130_000;
const zeros = Array.from({ length: MANY }, () => 0);

const gate = (i: number) => ({ id: `g${i}`, kind: 'threshold', metric: 'error_rate', op: 'lte', value: 1 });
const planWithGates = (gates: unknown[]) => ({ name: 'Huge', target: 'service', stages: [{ label: 'all', exposure: 100, gates }] });
const train = (over: Record<string, unknown>) => ({
  id: 'huge',
  name: 'Huge',
  app: 'api',
  target: 'service',
  cadenceDays: 7,
  firstKickoff: 0,
  phases: DEFAULT_PHASES,
  rotation: ['ana'],
  plan: defaultPlan('service'),
  ...over,
});

/** `{ "a": { "a": … 1 } }`, `levels` objects deep. */
function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i += 1) value = { a: value };
  return value;
}

describe('inputs too large or too deep to check', async () => {
  const host = await testHost();
  const events = (): number => (dataFile(host.core.dataDir).prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;

  // Each body stays under the 1 MiB limit, so the bounds of the schemas are what refuses it.
  it.each([
    ['130,000 gates that are not gates', 'updatePlan', { releaseId, plan: planWithGates(zeros) }, 'plan.stages.0.gates'],
    ['5,000 well-formed gates', 'updatePlan', { releaseId, plan: planWithGates(Array.from({ length: 5000 }, (_, i) => gate(i))) }, 'plan.stages.0.gates'],
    ['130,000 dimensions of one gate', 'updatePlan', { releaseId, plan: planWithGates([{ ...gate(0), segments: zeros }]) }, 'plan.stages.0.gates.0.segments'],
    ['one dimension 50,000 times', 'updatePlan', { releaseId, plan: planWithGates([{ ...gate(0), segments: Array.from({ length: 50_000 }, () => 'region') }]) }, 'plan.stages.0.gates.0.segments'],
    ['130,000 train phases that are not phases', 'saveTrain', train({ phases: zeros }), 'phases'],
    ['10,000 well-formed train phases', 'saveTrain', train({ phases: Array.from({ length: 10_000 }, () => ({ phase: 'validation', offsetDays: 1, owner: 'qa' })) }), 'phases'],
    ['a rotation of 130,000 people', 'saveTrain', train({ rotation: Array.from({ length: MANY }, () => 'a') }), 'rotation'],
    ['130,000 metrics that are not metrics', 'getMetricSeries', { releaseId, metrics: zeros }, 'metrics'],
    ['one metric asked for 50,000 times', 'getMetricSeries', { releaseId, metrics: Array.from({ length: 50_000 }, () => 'error_rate') }, 'metrics'],
  ])('%s: 400 invalid_input naming the array, nothing written', async (_name, method, input, path) => {
    const before = events();
    const { status, body } = await call(host, method, input);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.issues.map((i) => i.path)).toEqual([path]);
    expect(events()).toBe(before);
  });

  it('refuses a body nested deeper than 32 levels before checking its fields, over HTTP and in the core', async () => {
    const deep = { releaseId, plan: { ...planWithGates([]), extra: nested(40) } };
    const { status, body } = await call(host, 'updatePlan', deep);
    expect(status).toBe(400);
    expect(body.error).toEqual({ code: 'invalid_input', message: expect.stringMatching(/nested deeper than 32 levels/), issues: [{ path: '(input)', message: expect.stringMatching(/deeper than 32/) }] });
    const direct = await host.core.invoke('updatePlan', deep, { actor: 'alice', role: 'operator' });
    expect(direct).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/nested deeper than 32 levels/) } });
  });

  it('still takes a body nested as deep as a real plan', async () => {
    const created = await call(host, 'createRelease', { name: 'deep', app: 'api', version: '1.0', target: 'service' });
    const plan = planWithGates([{ ...gate(0), segments: ['region', 'device'] }]);
    const { status } = await call(host, 'updatePlan', { releaseId: (created.body.release as { id: string }).id, plan });
    expect(status).toBe(200);
  });
});
