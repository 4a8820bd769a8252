import { describe, expect, it } from 'vitest';
import { defaultPlan, durationSeconds, planFromYaml, planToYaml, TargetKind, type Plan } from '../../shared/index.ts';

const GOOD = `name: Checkout canary
target: service
stages:
  - label: internal
    exposure: 0
    minSoak: 10m
    minSamples: 100
    promotion: automatic
    onFailure: rollback
    gates:
      - id: latency
        kind: relative
        metric: p95_latency_ms
        op: lte
        factor: 1.1
        segments: [region]
  - label: all
    exposure: 100
`;

function issuesOf(text: string): { path: string; line?: number | undefined; message: string }[] {
  const r = planFromYaml(text);
  expect(r.ok).toBe(false);
  return r.ok ? [] : (r.error.issues ?? []);
}

describe('plans as YAML', () => {
  it('reads a plan, with defaults filled and durations understood', () => {
    const r = planFromYaml(GOOD);
    expect(r.ok).toBe(true);
    const plan = (r as { value: Plan }).value;
    expect(plan.stages).toHaveLength(2);
    expect(durationSeconds(plan.stages[0]!.minSoak)).toBe(600);
    expect(plan.stages[1]).toMatchObject({ promotion: 'manual', onFailure: 'pause', gates: [] });
    expect(plan.stages[0]!.gates[0]).toMatchObject({ kind: 'relative', factor: 1.1, minSamples: 50 });
  });

  it('names a stage left without a label by its exposure', () => {
    const r = planFromYaml(GOOD.replace('  - label: all\n    exposure: 100', '  - exposure: 100'));
    expect(r.ok).toBe(true);
    expect((r as { value: Plan }).value.stages.map((s) => s.label)).toEqual(['internal', '100%']);
  });

  it.each(TargetKind.options)('round-trips the default %s plan unchanged', (target) => {
    const plan = defaultPlan(target);
    const back = planFromYaml(planToYaml(plan));
    expect(back.ok).toBe(true);
    const again = (back as { value: Plan }).value;
    expect(again.stages.map((s) => durationSeconds(s.minSoak))).toEqual(plan.stages.map((s) => durationSeconds(s.minSoak)));
    expect({ ...again, stages: again.stages.map((s) => ({ ...s, minSoak: 0 })) }).toEqual({ ...plan, stages: plan.stages.map((s) => ({ ...s, minSoak: 0 })) });
  });

  it('gives the defaults of each platform', () => {
    expect(defaultPlan('play').stages.map((s) => s.exposure)).toEqual([1, 5, 20, 50, 100]);
    expect(defaultPlan('app_store').stages.map((s) => s.exposure)).toEqual([1, 2, 5, 10, 20, 50, 100]);
    expect(defaultPlan('service').stages.map((s) => s.label)).toEqual(['internal', '1%', '10%', '50%', '100%']);
  });

  it('names the line and field of a wrong value', () => {
    const [issue] = issuesOf(GOOD.replace('op: lte', 'op: less'));
    expect(issue).toMatchObject({ path: 'stages.0.gates.0.op', line: 14 });
  });

  it('refuses a judge.tau too small for the prior to hold any effect, and each option past its range, naming the range', () => {
    for (const tau of ['1e-300', '0.001', '0']) {
      const [issue] = issuesOf(`${GOOD}judge:\n  tau: ${tau}\n`);
      expect(issue).toMatchObject({ path: 'judge.tau', message: 'from 0.02 to 10: below 0.02, the smallest effect the mixture holds (a 2 % step), it changes nothing' });
    }
    // Every option names both ends of its range, whichever end was crossed.
    const messages = (judge: string) => issuesOf(`${GOOD}judge:\n${judge}\n`).map((i) => `${i.path}: ${i.message}`);
    expect(messages('  alpha: 1e-300')).toEqual(['judge.alpha: from 0.000001 to 0.2: a smaller rate leaves no halt within reach']);
    expect(messages('  alpha: 1')).toEqual(['judge.alpha: from 0.000001 to 0.2']);
    expect(messages('  tau: 11\n  passAlpha: 0\n  minEvidence: 2.5\n  segmentBudget: 0\n  failNullShare: -1')).toEqual([
      'judge.passAlpha: more than 0 and at most 0.5',
      'judge.tau: from 0.02 to 10',
      'judge.minEvidence: a whole number from 1 to 100000',
      'judge.segmentBudget: a whole number from 1 to 200',
      'judge.failNullShare: from 0 to 1',
    ]);
    const ok = planFromYaml(`${GOOD}judge:\n  tau: 0.02\n`);
    expect(ok.ok).toBe(true);
  });

  it('names the line of a missing field (its parent) and an unknown one', () => {
    const missing = issuesOf(GOOD.replace('        metric: p95_latency_ms\n', ''));
    expect(missing[0]).toMatchObject({ path: 'stages.0.gates.0.metric', line: 11 });
    const unknown = issuesOf(GOOD.replace('    minSamples: 100', '    minSamples: 100\n    colour: red'));
    expect(unknown[0]!.line).toBe(4);
    expect(unknown[0]!.message).toMatch(/colour/);
    // Inside a gate too: a misspelled minSamples had been dropped, and the gate judged on the default.
    const inGate = issuesOf(GOOD.replace('        factor: 1.1', '        factor: 1.1\n        minSampels: 100000'));
    expect(inGate[0]).toMatchObject({ path: 'stages.0.gates.0', line: 11 });
    expect(inGate[0]!.message).toMatch(/minSampels/);
  });

  it('names the line of broken YAML', () => {
    const [issue] = issuesOf('name: x\ntarget: service\nstages:\n  - label: "a\n    exposure: 1\n');
    expect(issue!.path).toBe('(yaml)');
    expect(issue!.line).toBeGreaterThanOrEqual(4);
  });

  it('names a repeated key by its name, and a file nested thousands deep as too deep, never in the parser’s own words', () => {
    const [dup] = issuesOf(`${GOOD}judge:\n  alpha: 0.01\n  alpha: 0.02\n`);
    expect(dup).toEqual({ path: '(yaml)', line: GOOD.split('\n').length + 2, column: 3, message: 'the key "alpha" appears twice in the same map' });
    const deep = issuesOf(`name: x\ntarget: service\nstages: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    expect(deep[0]!.message).toBe('the file is nested too deeply to read');
    const cut = issuesOf('name: x\ntarget: service\nstages: [\n');
    expect(cut[0]!.message).not.toMatch(/at line \d+/);
  });

  it('refuses exposures that go down and a plan that never reaches 100%', () => {
    const down = issuesOf(GOOD.replace('exposure: 0', 'exposure: 50').replace('exposure: 100', 'exposure: 10'));
    expect(down.map((i) => i.path)).toContain('stages.1.exposure');
    expect(down.find((i) => i.path === 'stages.1.exposure')!.line).toBe(18);
  });

  it('refuses a bad duration with its line', () => {
    const [issue] = issuesOf(GOOD.replace('minSoak: 10m', 'minSoak: ten minutes'));
    expect(issue).toMatchObject({ path: 'stages.0.minSoak', line: 6 });
  });

  it("reads a gate's warm-up and writes it back; refuses one past 6h, naming its line", () => {
    const text = GOOD.replace('        segments: [region]\n', '        segments: [region]\n        warmup: 5m\n');
    const r = planFromYaml(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.stages[0]!.gates[0]!.warmup).toBe('5m');
    const again = planFromYaml(planToYaml(r.value));
    expect(again.ok && again.value.stages[0]!.gates[0]!.warmup).toBe('5m');
    const [issue] = issuesOf(text.replace('warmup: 5m', 'warmup: 7h'));
    expect(issue).toMatchObject({ path: 'stages.0.gates.0.warmup', line: 17, message: 'a warm-up of at most 6h' });
  });
});
