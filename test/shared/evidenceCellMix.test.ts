// A unit pooled from cells compares the cohorts where both have traffic, and a quantile's baseline at
// the canary's mix of them. A canary deployed in one region's cluster beside a baseline everywhere
// was held to the baseline of all regions: healthy in the slow region it was rolled back in every
// rollout, regressed in the fast region it was promoted at every stage (audit 6, F1).
import { describe, expect, it } from 'vitest';
import { JudgeOptions, lookAtGate, seededRandom, type Gate, type GateInput, type GateResult, type ObservationAt, type TestState } from '../../shared/index.ts';
import { Gate as GateSchema } from '../../shared/gates/types.ts';

const MINUTE = 60_000;
const options = JudgeOptions.parse({});
const gate = (input: GateInput): Gate => GateSchema.parse(input);
const latency = gate({ id: 'latency', kind: 'relative', metric: 'p95_latency_ms', op: 'lte', factor: 1.1, segments: [], minSamples: 1 });
const errors = gate({ id: 'errors', kind: 'relative', metric: 'error_rate', op: 'lte', factor: 1.25, segments: [], minSamples: 1 });

/** Per region: its share of the baseline's requests, its p95 (ms) and its error rate (%), alike in both cohorts. */
const REGIONS = { 'eu-west': { share: 0.4, p95: 180, errors: 0.8 }, 'us-east': { share: 0.4, p95: 150, errors: 1.2 }, 'ap-south': { share: 0.2, p95: 320, errors: 2.0 } } as const;
type Region = keyof typeof REGIONS;

interface Layout {
  /** Requests a minute in each cohort's regions. */
  canary: Partial<Record<Region, number>>;
  baseline: Partial<Record<Region, number>>;
  /** The canary's values against the region's, × this. */
  worse?: number;
}

/** A minute's row per region and cohort: p95 with ±3 % noise, or errors drawn around the region's rate. */
function rows(g: Gate, layout: Layout, t: number, random: () => number): ObservationAt[] {
  const out: ObservationAt[] = [];
  for (const cohort of ['canary', 'baseline'] as const) {
    for (const [region, n] of Object.entries(layout[cohort]) as [Region, number][]) {
      const r = REGIONS[region];
      const factor = cohort === 'canary' ? (layout.worse ?? 1) : 1;
      const noise = 1 + 0.06 * (random() - 0.5);
      const value = g.metric === 'p95_latency_ms' ? r.p95 * factor * noise : Math.min(100, r.errors * factor * noise);
      out.push({ cohort, segment: { region, device: '', tenant: '' }, t, value, weight: n });
    }
  }
  return out;
}

/** An hour of looks a minute apart; the last result, and the minute of a failure (null: none). */
function judge(g: Gate, layout: Layout, seed = 7): { result: GateResult; failedAt: number | null } {
  const random = seededRandom(seed);
  let tests: Record<string, TestState> | undefined;
  let result: GateResult | undefined;
  let failedAt: number | null = null;
  for (let m = 1; m <= 60; m += 1) {
    const looked = lookAtGate({ gate: g, observations: rows(g, layout, m * MINUTE, random), tests, stageStartedAt: 0, lookAt: m * MINUTE, budget: { gates: 1, gatedStages: 1 }, options });
    tests = looked.tests;
    result = looked.result;
    if (failedAt === null && result.outcome === 'fail') failedAt = m;
  }
  return { result: result!, failedAt };
}

const everywhere = { 'eu-west': 8000, 'us-east': 8000, 'ap-south': 4000 };

describe('a canary in some regions beside a baseline in all', () => {
  it('latency: healthy in the slow region alone is not failed, and is held to that region’s baseline', () => {
    const { result, failedAt } = judge(latency, { canary: { 'ap-south': 400 }, baseline: everywhere });
    expect(failedAt).toBeNull();
    expect(result.total.baseline!).toBeGreaterThan(300);
    expect(result.total.baseline!).toBeLessThan(340);
  });

  it('latency: ×1.5 in the slow region alone still fails (the negative control)', () => {
    expect(judge(latency, { canary: { 'ap-south': 400 }, baseline: everywhere, worse: 1.5 }).failedAt).not.toBeNull();
  });

  it('errors: healthy in the most failing region alone is not failed', () => {
    expect(judge(errors, { canary: { 'ap-south': 400 }, baseline: everywhere }).failedAt).toBeNull();
  });

  it('errors: ×1.6 in the least failing region alone fails, where the mix of all regions hid it', () => {
    const { failedAt } = judge(errors, { canary: { 'eu-west': 800 }, baseline: everywhere, worse: 1.6 });
    expect(failedAt).not.toBeNull();
  });

  it('errors: a failing canary that leans to the cells that fail least is shown past its limit, at its own mix', () => {
    const { result, failedAt } = judge(errors, { canary: { 'eu-west': 1600, 'us-east': 200 }, baseline: everywhere, worse: 1.4 });
    expect(failedAt).not.toBeNull();
    // The two regions' baseline pooled (1.0 %) would set a limit of 1.25 % over a canary of ≈ 1.18 %;
    // at the canary's mix its baseline is ≈ 0.84 %, and its limit ≈ 1.06 %.
    expect(result.total.canary!).toBeGreaterThan(result.total.limit!);
    expect(result.summary).not.toContain('within the limit');
  });

  it('over 40 seeds: a healthy canary in the slow region alone fails at most α of them, and a ×1.5 one nearly all', () => {
    const seeds = Array.from({ length: 40 }, (_, k) => 100 + k);
    const healthy = seeds.filter((seed) => judge(latency, { canary: { 'ap-south': 400 }, baseline: everywhere }, seed).failedAt !== null).length;
    const healthyErrors = seeds.filter((seed) => judge(errors, { canary: { 'ap-south': 400 }, baseline: everywhere }, seed).failedAt !== null).length;
    const regressed = seeds.filter((seed) => judge(latency, { canary: { 'ap-south': 400 }, baseline: everywhere, worse: 1.5 }, seed).failedAt !== null).length;
    expect(healthy).toBeLessThanOrEqual(2);
    expect(healthyErrors).toBeLessThanOrEqual(2);
    expect(regressed).toBeGreaterThanOrEqual(36);
  });

  it('latency: a canary too small in each region to be a p95 there is still compared, pooled over them', () => {
    const { result } = judge(latency, { canary: { 'eu-west': 12, 'us-east': 12, 'ap-south': 6 }, baseline: everywhere });
    expect(result.total.canarySamples).toBeGreaterThan(0);
    expect(result.outcome).not.toBe('no_data');
  });
});
