// The bench splits its low-exposure misses by how much the data showed at ≤ 5 % at all
// (shared/sim/scenarios/information.ts): a strong regression must show a large oracle z, one whose
// segment had three canary errors after its onset a z near zero, and a healthy rollout none.
import { describe, expect, it } from 'vitest';
import { buildScenario, corpusSpecs, intervalDispersion, lowExposureInformation, lowExposureLook } from '../../shared/sim/scenarios/index.ts';

const specs = corpusSpecs({ seed: 20250601, count: 300 });
const scenario = (idPrefix: string) => {
  const spec = specs.find((s) => buildScenario(s).id.startsWith(idPrefix));
  if (!spec) throw new Error(`no scenario ${idPrefix}`);
  return buildScenario(spec);
};

describe('what a low-exposure regression showed at ≤ 5 %', () => {
  it('gives a late error regression at 5 % (×2.6 on tens of thousands of requests) a large z in the bad direction', () => {
    const info = lowExposureInformation(scenario('114-'))!;
    expect(info.canaryEvents).toBeGreaterThan(1000);
    expect(info.z).toBeGreaterThan(20);
  });

  it('gives a conversion drop a positive z too: the bad direction is down for it', () => {
    const info = lowExposureInformation(scenario('008-'))!;
    expect(info.z).toBeGreaterThan(3);
  });

  it('gives a segment regression that had three canary errors after its onset a z near zero', () => {
    const info = lowExposureInformation(scenario('037-'))!;
    expect(info.canaryEvents).toBeLessThan(10);
    expect(Math.abs(info.z!)).toBeLessThan(1);
  });

  it('puts a strong regression within reach of a one-look test at its unit’s α, and one with three canary errors out of it', () => {
    const strong = lowExposureInformation(scenario('114-'))!;
    expect(strong.unitAlpha).toBeCloseTo(0.01 / 3 / 2, 10);
    expect(strong.withinReach).toBe(true);
    const weak = lowExposureInformation(scenario('037-'))!;
    // A segment's share: the gate's half for segments, over at least eight of them.
    expect(weak.unitAlpha).toBeLessThanOrEqual(0.01 / 3 / 2 / 8);
    expect(weak.withinReach).toBe(false);
  });

  it('has nothing to say of a healthy rollout or a latency regression (no counts)', () => {
    const healthy = specs.find((s) => s.truth.kind === 'healthy')!;
    expect(lowExposureInformation(buildScenario(healthy))).toBeNull();
    expect(lowExposureInformation(scenario('034-'))).toBeNull();
  });

  it('reads the noise between intervals: none beyond the counts when each interval splits as the traffic does, and more when they swing', () => {
    const interval = (ce: number, ct: number, be: number, bt: number) => ({ canary: { events: ce, trials: ct, logSum: 0, rows: 1 }, baseline: { events: be, trials: bt, logSum: 0, rows: 1 } });
    // Canary a tenth of the traffic; 10 events an interval, split exactly as expected at ratio 1.
    const even = Array.from({ length: 10 }, () => interval(1, 100, 9, 900));
    expect(intervalDispersion(even, 1)).toBe(1);
    // The canary's share swings between 0 and 3 of 10: Σ (x_c − 1)² / (10 · 0.1 · 0.9) / (m − 1) = 10 / 0.9 / 9.
    const swinging = Array.from({ length: 10 }, (_, i) => (i % 2 ? interval(3, 100, 7, 900) : interval(0, 100, 10, 900)));
    expect(intervalDispersion(swinging, 1)).toBeCloseTo((5 * 4 + 5 * 1) / 0.9 / 9, 10);
    expect(intervalDispersion(even.slice(0, 1), 1)).toBeNull();
  });

  // The ceiling must be one a test that keeps its level could reach. Over the corpus's healthy
  // rollouts, each default gate's total at ≤ 5 % from the rollout's start: a valid z is past ±2.576
  // about 1 % of the time. The pooled Poisson z is not valid there (negative control).
  it('keeps its level on healthy rollouts once each interval is conditioned on its total and the noise between them is counted', () => {
    const looks = specs
      .filter((spec) => spec.truth.kind === 'healthy')
      .map((spec) => buildScenario(spec))
      .flatMap((s) => s.plan.stages[0]!.gates.map((gate) => lowExposureLook(s, gate, s.schedule[0]!.t, null)))
      .filter((l) => l !== null && l.z !== null && l.zQuasi !== null);
    expect(looks.length).toBeGreaterThan(150);
    const pastTail = (z: (l: (typeof looks)[number]) => number) => looks.filter((l) => Math.abs(z(l)) > 2.576).length / looks.length;
    expect(pastTail((l) => l!.z!)).toBeGreaterThan(0.05);
    expect(pastTail((l) => l!.zQuasi!)).toBeLessThan(0.025);
    const sd = Math.sqrt(looks.reduce((sum, l) => sum + l!.zQuasi! ** 2, 0) / looks.length);
    expect(sd).toBeGreaterThan(0.8);
    expect(sd).toBeLessThan(1.2);
  });

  it('keeps a strong regression within reach of the quasi-Poisson look, and one with three canary errors out of it', () => {
    expect(lowExposureInformation(scenario('114-'))!.withinReachQuasi).toBe(true);
    expect(lowExposureInformation(scenario('037-'))!.withinReachQuasi).toBe(false);
  });
});
