import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initialConnection, newReleaseInput, newReleaseProblems, planSummary, readPlan, usesBaselineVersion, type NewReleaseFields } from '../../renderer/features/releases/newReleaseInput.ts';
import type { ConnectionView } from '../../shared/domain/connections.ts';

const DEMO_PLAN = fs.readFileSync('scripts/demo/checkout-plan.yaml', 'utf8');

const conn = (id: string): ConnectionView => ({
  id,
  name: id,
  config: { kind: 'prometheus', baseUrl: 'http://127.0.0.1:9090', auth: 'none' },
  secrets: [],
  createdAt: 1,
  updatedAt: 1,
  version: 1,
  lastTest: null,
});

const fields = (over: Partial<NewReleaseFields> = {}): NewReleaseFields => ({
  name: 'checkout 1.4.0',
  app: 'checkout',
  version: '1.4.0',
  target: 'play',
  planSource: 'yaml',
  yaml: DEMO_PLAN,
  connection: 'my-prom',
  baselineVersion: '1.3.9',
  ...over,
});

describe('the new release form', () => {
  it('creates on the default plan without a plan or a baseline', () => {
    expect(newReleaseInput(fields({ planSource: 'default', baselineVersion: '', connection: '' }), null)).toEqual({
      ok: true,
      input: { name: 'checkout 1.4.0', app: 'checkout', version: '1.4.0', target: 'play' },
    });
  });

  it('creates on the demo plan read from YAML: its target, the connection chosen here, the baseline version', () => {
    const check = newReleaseInput(fields(), [conn('my-prom')]);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.input).toMatchObject({ target: 'service', baselineVersion: '1.3.9', plan: { name: 'checkout canary on Prometheus', metrics: { connection: 'my-prom' } } });
    expect(Object.keys(check.input.plan?.metrics?.queries ?? {})).toEqual(['error_rate', 'p95_latency_ms', 'kpi_conversion']);
  });

  it('asks for the baseline version when the mapping uses $baselineVersion, and for a connection', () => {
    expect(newReleaseInput(fields({ baselineVersion: ' ', connection: '' }), [])).toEqual({
      ok: false,
      problems: {
        connection: 'Add a connection in Settings ▸ Connections first.',
        baselineVersion: 'The plan compares the canary with $baselineVersion: give the version running as baseline, e.g. 1.3.9.',
      },
    });
    const literal = DEMO_PLAN.replace('baseline: $baselineVersion', 'baseline: 1.3.9');
    const mappingOf = (yaml: string) => {
      const read = readPlan(yaml);
      return read?.ok ? read.plan.metrics : undefined;
    };
    expect(usesBaselineVersion(mappingOf(DEMO_PLAN))).toBe(true);
    expect(usesBaselineVersion(mappingOf(literal))).toBe(false);
    expect(newReleaseInput(fields({ yaml: literal, baselineVersion: '' }), [conn('my-prom')]).ok).toBe(true);
  });

  it('names the line of a plan that cannot be read, and asks for one when the box is empty', () => {
    const bad = readPlan(DEMO_PLAN.replace('interval: 60s', 'interval: soon'));
    expect(bad).toMatchObject({ ok: false, issues: [{ path: 'metrics.interval', message: 'a duration such as 30m, 1h30m or 2d' }] });
    expect(bad?.ok === false ? bad.issues[0]?.line : null).toBe(DEMO_PLAN.split('\n').findIndex((l) => l.includes('interval: 60s')) + 1);
    expect(readPlan('  ')).toBeNull();
    expect(newReleaseInput(fields({ yaml: '' }), null)).toEqual({ ok: false, problems: { yaml: 'Paste a plan, or load one from a file.' } });
  });

  it('starts from the connection the file names when it is saved, else the only one', () => {
    const mapping = readPlan(DEMO_PLAN);
    const m = mapping?.ok ? mapping.plan.metrics : undefined;
    expect(initialConnection(m, [conn('a'), conn('local-prometheus')])).toBe('local-prometheus');
    expect(initialConnection(m, [conn('a')])).toBe('a');
    expect(initialConnection(m, [conn('a'), conn('b')])).toBe('');
    expect(initialConnection(undefined, [conn('a')])).toBe('');
  });

  it('says what the plan does in a line', () => {
    const read = readPlan(DEMO_PLAN);
    expect(read?.ok ? planSummary(read.plan) : null).toBe('“checkout canary on Prometheus” for service: 4 stages (1% → 10% → 50% → 100%); reads error_rate, p95_latency_ms, kpi_conversion through a connection.');
  });

  it('puts the host’s refusals beside the connection and the baseline version', () => {
    expect(
      newReleaseProblems([
        { path: 'plan.metrics.connection', message: 'no such connection' },
        { path: 'baselineVersion', message: 'the version running as baseline, e.g. 1.3.2' },
        { path: 'plan.stages.0.exposure', message: 'exposure must not go down' },
        { path: '(input)', message: 'something else' },
      ]),
    ).toEqual({
      fields: {
        connection: 'This is not a saved connection: choose one, or add it in Settings ▸ Connections.',
        baselineVersion: 'The plan compares the canary with $baselineVersion: give the version running as baseline, e.g. 1.3.9.',
        yaml: 'stages.0.exposure: exposure must not go down',
      },
      rest: [{ path: '(input)', message: 'something else' }],
    });
  });
});
