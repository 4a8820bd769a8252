// The bench splits its low-exposure misses by how much the data showed at ≤ 5 % at all
// (shared/sim/scenarios/information.ts): a strong regression must show a large oracle z, one whose
// segment had three canary errors after its onset a z near zero, and a healthy rollout none.
import { describe, expect, it } from 'vitest';
import { buildScenario, corpusSpecs, lowExposureInformation } from '../../shared/sim/scenarios/index.ts';

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
});
