import { describe, expect, it } from 'vitest';
import { call, testHost } from '../support/webHost.ts';
import { dataFile } from '../support/dataFile.ts';

const releaseId = 'demo-checkout-api-2026-11';

/** One anchor, then more aliases to it than the reader allows. */
const manyAliases = `name: x\ntarget: service\na: &a x\nstages:\n${Array.from({ length: 101 }, () => '  - *a').join('\n')}\n`;

/** Billion laughs: each level is ten aliases of the one before, so a few lines expand to 10^9 nodes. */
function nestedAliases(levels: number): string {
  const lines = ['l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i <= levels; i += 1) lines.push(`l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(', ')}]`);
  return `name: x\ntarget: service\n${lines.join('\n')}\nstages: *l${levels}\n`;
}

describe('a plan in YAML that expands aliases without bound', async () => {
  const host = await testHost();
  const events = (): number => (dataFile(host.core.dataDir).prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;

  it.each([
    ['101 aliases of one anchor', manyAliases],
    ['nested aliases (billion laughs)', nestedAliases(8)],
  ])('%s is refused as invalid input naming the aliases, and nothing is written', async (_name, yaml) => {
    const before = events();
    const { status, body } = await call(host, 'updatePlan', { releaseId, yaml });
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toMatch(/alias/i);
    expect(body.error.issues).toEqual([expect.objectContaining({ path: '(yaml)', message: expect.stringMatching(/alias/i) })]);
    expect(events()).toBe(before);
  });

  it('still reads a plan that uses a few aliases', async () => {
    const created = await call(host, 'createRelease', { name: 'aliases', app: 'api', version: '1.0', target: 'service' });
    const yaml = ['name: Two steps', 'target: service', 'stages:', '  - label: half', '    exposure: 50', '    gates: &none []', '  - label: all', '    exposure: 100', '    gates: *none', ''].join('\n');
    const { status, body } = await call(host, 'updatePlan', { releaseId: (created.body.release as { id: string }).id, yaml });
    expect(status).toBe(200);
    expect((body.plan as { stages: unknown[] }).stages).toHaveLength(2);
  });
});
