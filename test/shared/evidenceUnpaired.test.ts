// A gate that has rows but compared none says which cohort it lacks: a silent baseline read "no canary
// value yet" while the canary reported every 10 s, and the guard's next step read "waiting for more
// data" once it stopped waiting for the pushed rows (audit 4, #1).
import { describe, expect, it } from 'vitest';
import { JudgeOptions, lookAtGate, type Gate, type GateInput, type GateResult, type ObservationAt } from '../../shared/index.ts';
import { Gate as GateSchema } from '../../shared/gates/types.ts';
import { guardStep } from '../../shared/rollout/guardRules.ts';

const MINUTE = 60_000;
const seg = { region: '', device: '', tenant: '' };
const options = JudgeOptions.parse({});
const latency: Gate = GateSchema.parse({ id: 'latency', kind: 'relative', metric: 'p95_latency_ms', op: 'lte', factor: 1.2, minSamples: 1 } satisfies GateInput);
const errors: Gate = GateSchema.parse({ id: 'errors', kind: 'relative', metric: 'error_rate', op: 'lte', factor: 1.25, minSamples: 1 } satisfies GateInput);

const row = (cohort: 'canary' | 'baseline', t: number): ObservationAt => ({ cohort, segment: seg, t, value: 1, weight: 2000 });

/** Five minutes of looks, each on the rows `at(m)` gives for minute m. */
function judged(gate: Gate, at: (m: number) => ObservationAt[]): GateResult {
  let tests;
  let result: GateResult | undefined;
  for (let m = 1; m <= 5; m += 1) {
    const looked = lookAtGate({ gate, observations: at(m), tests, stageStartedAt: 0, lookAt: m * MINUTE, budget: { gates: 1, gatedStages: 1 }, options });
    tests = looked.tests;
    result = looked.result;
  }
  return result!;
}

function step(result: GateResult) {
  return guardStep({
    release: { status: 'rolling', stageIndex: 0, target: 'service', pausedMsTotal: 0, pausedAt: null, approvalRequestedAt: null },
    stage: { index: 0, label: '10%', exposurePct: 10, minSoakSeconds: 0, minSamples: 0, promotion: 'manual', onFailure: 'pause', gates: [latency], startedAt: 0 },
    stageCount: 3,
    results: [result],
    overridden: new Set(),
    canarySamples: 0,
    now: 5 * MINUTE,
  });
}

describe('a gate with rows but nothing compared', () => {
  for (const gate of [latency, errors]) {
    it(`${gate.id}: the canary alone names the silent baseline, on the card and in the next step`, () => {
      const result = judged(gate, (m) => [row('canary', m * MINUTE)]);
      expect(result.outcome).toBe('no_data');
      expect(result.summary).toMatch(/: no data — no baseline rows to compare with the canary's 5 intervals yet$/);
      expect(step(result).why).toMatch(/^gates no data: waiting for the baseline's (p95 latency|Error rate) rows: the canary's 5 intervals have none to compare with$/);
    });
  }

  it('the baseline alone names the silent canary', () => {
    const result = judged(latency, (m) => [row('baseline', m * MINUTE)]);
    expect(result.summary).toMatch(/no data — no canary rows yet \(the baseline has sent 5 intervals\)$/);
    expect(step(result).why).toBe("gates no data: waiting for the canary's p95 latency rows");
  });

  it('both cohorts on clocks that never meet say so, rather than that either is missing', () => {
    const result = judged(latency, (m) => [row('canary', m * MINUTE - 40_000), row('baseline', m * MINUTE - 10_000)]);
    expect(result.outcome).toBe('no_data');
    expect(result.summary).toMatch(/the canary's 5 intervals and the baseline's 5 intervals never fall in the same interval, so none can be compared$/);
  });

  it('cohorts that report from different regions, never one they share, say so (blue/green by region)', () => {
    const at = (cohort: 'canary' | 'baseline', region: string, t: number): ObservationAt => ({ ...row(cohort, t), segment: { region, device: '', tenant: '' } });
    const result = judged(latency, (m) => [at('canary', 'ap-south', m * MINUTE), at('baseline', 'eu-west', m * MINUTE)]);
    expect(result.outcome).toBe('no_data');
    expect(result.summary).toMatch(/no data — the canary's and the baseline's rows fall in no region, device and tenant they share \(5 intervals\), so none can be compared$/);
    expect(step(result).why).toBe('gates no data: waiting for p95 latency rows of both cohorts from a region, device and tenant they share');
  });

  it('a canary on too few requests to be a p95 is there, not missing: no claim that it sent no rows', () => {
    for (const region of ['', 'eu-west']) {
      const at = (cohort: 'canary' | 'baseline', t: number, weight: number): ObservationAt => ({ ...row(cohort, t), segment: { region, device: '', tenant: '' }, weight });
      const result = judged(latency, (m) => [at('canary', m * MINUTE, 5), at('baseline', m * MINUTE, 2000)]);
      expect(result.outcome).toBe('no_data');
      expect(result.summary).toMatch(/no data — no canary value yet$/);
      expect(step(result).why).toBe('gates no data: waiting for more data');
    }
  });

  it('nothing at all keeps the plain words, and a paired minute none of these', () => {
    const nothing = judged(latency, () => []);
    expect(nothing.summary).toMatch(/no data — no canary value yet$/);
    expect(step(nothing).why).toBe('gates no data: waiting for more data');
    const paired = judged(latency, (m) => [row('canary', m * MINUTE), row('baseline', m * MINUTE)]);
    expect(paired.summary).not.toMatch(/rows|never fall/);
  });
});
