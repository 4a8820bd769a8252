// The failure side of a p95 test from the unit's cells, each against its own baseline, checked by
// simulation with known truth: healthy canaries are failed at most α of the time over every look (a
// canary-wide noisy minute included, which the per-interval cap is for — the negative control without
// it exceeds α), a clear regression is caught in a fraction of the intervals the pooled sign needs
// (the same data as total rows only is the yardstick), and total rows still judge the total alone.
import { describe, expect, it } from 'vitest';
import { lookAtGate, normal, poisson, seededRandom, type Gate, type ObservationAt, type TestState } from '../../shared/index.ts';
import { Gate as GateSchema } from '../../shared/gates/types.ts';
import { ALPHA, budget, LOOKS, options, ROLLOUTS, WITHIN_ALPHA } from '../support/alphaSimulation.ts';
import { p95Law, sampleP95 } from '../../shared/sim/scenarios/latency.ts';
import { unitIntervals } from '../../shared/evidence/units.ts';
import { METRICS } from '../../shared/domain/metrics.ts';

const latency: Gate = GateSchema.parse({ id: 'latency', kind: 'relative', metric: 'p95_latency_ms', op: 'lte', factor: 1.1, minSamples: 1 });
/** A heavy-tailed request law: lognormal body, Pareto tail with no variance. */
const law = p95Law({ medianMs: 80, sigma: 0.6, tailShare: 0.03, tailAlpha: 1.6 });
const CELLS = [
  { region: 'eu-west', device: 'phone', scale: 1 },
  { region: 'eu-west', device: 'tablet', scale: 1.3 },
  { region: 'us-east', device: 'phone', scale: 0.8 },
  { region: 'us-east', device: 'tablet', scale: 1.1 },
  { region: 'ap-south', device: 'phone', scale: 1.6 },
  { region: 'ap-south', device: 'tablet', scale: 2 },
];

interface Latencies {
  /** The canary's p95 factor from this look on (1 = healthy). */
  ratio: (k: number) => number;
  /** Log-sd of a per-minute factor on every canary request in every cell alike (a canary-wide hiccup). */
  canaryWide: number;
  /** Report only total rows (each cohort's requests pooled over the cells): the pooled sign's yardstick. */
  totalsOnly: boolean;
  /** Mean requests a minute in each cell: canary, baseline. */
  requests?: [number, number];
}

/** One minute's rows: per cell, the sample p95 of its own requests; load and drift shared by both cohorts. */
function minute(k: number, random: () => number, l: Latencies): ObservationAt[] {
  const t = k * 60_000;
  const drift = 1 + 0.3 * Math.sin(k / 20);
  const wide = Math.exp(l.canaryWide * normal(random));
  const rows: ObservationAt[] = [];
  for (const cell of CELLS) {
    const load = drift * Math.exp(0.05 * normal(random));
    const segment = { region: cell.region, device: cell.device, tenant: '' };
    const [canaryMean, baselineMean] = l.requests ?? [40, 400];
    const canaryN = poisson(random, canaryMean);
    const baselineN = poisson(random, baselineMean);
    const canaryScale = cell.scale * load * l.ratio(k) * wide * Math.exp(0.02 * normal(random));
    const baselineScale = cell.scale * load * Math.exp(0.02 * normal(random));
    if (canaryN > 0) rows.push({ cohort: 'canary', segment, t, value: sampleP95(random, law, canaryN, canaryScale), weight: canaryN });
    if (baselineN > 0) rows.push({ cohort: 'baseline', segment, t, value: sampleP95(random, law, baselineN, baselineScale), weight: baselineN });
  }
  if (!l.totalsOnly) return rows;
  // The same minute as a source without labels reports it: one pooled value per cohort.
  const none = { region: '', device: '', tenant: '' };
  return (['canary', 'baseline'] as const).flatMap((cohort) => {
    const own = rows.filter((r) => r.cohort === cohort);
    const weight = own.reduce((a, r) => a + r.weight, 0);
    const logMean = own.reduce((a, r) => a + r.weight * Math.log(r.value!), 0) / weight;
    return weight > 0 ? [{ cohort, segment: none, t, value: Math.exp(logMean), weight }] : [];
  });
}

/** The look at which the gate first fails, or null: the real lookAtGate, its state carried between looks. */
function failsAt(l: Latencies, seed: number, temper = true): number | null {
  const random = seededRandom(seed);
  let tests: Record<string, TestState> | undefined;
  for (let k = 1; k <= LOOKS; k += 1) {
    const looked = lookAtGate({ gate: latency, observations: minute(k, random, l), tests, stageStartedAt: 0, lookAt: k * 60_000, budget, options, temper });
    tests = looked.tests;
    if (looked.result.outcome === 'fail') return k;
  }
  return null;
}

function shareFailing(l: Latencies, within = LOOKS, temper = true): number {
  let n = 0;
  for (let i = 0; i < ROLLOUTS; i += 1) {
    const at = failsAt(l, 7000 + i, temper);
    if (at !== null && at <= within) n += 1;
  }
  return n / ROLLOUTS;
}

/** Over minutes and cells of a healthy canary: how often its p95 is past half the tolerance above its cell's baseline. */
function shareAboveFailLimit(l: Latencies): number {
  const random = seededRandom(11);
  let above = 0;
  let n = 0;
  for (let k = 1; k <= 400; k += 1) {
    const rows = minute(k, random, l);
    for (const c of rows.filter((r) => r.cohort === 'canary')) {
      const b = rows.find((r) => r.cohort === 'baseline' && r.segment.region === c.segment.region && r.segment.device === c.segment.device);
      if (!b) continue;
      n += 1;
      if (Math.log(c.value! / b.value!) > Math.log(1.1) / 2) above += 1;
    }
  }
  return above / n;
}

const healthy: Latencies = { ratio: () => 1, canaryWide: 0, totalsOnly: false };

describe('the p95 test judged per cell', () => {
  it(`fails at most α = ${ALPHA} of healthy canaries with heavy-tailed requests over ${LOOKS} looks`, () => {
    expect(shareFailing(healthy)).toBeLessThanOrEqual(WITHIN_ALPHA);
  });

  it('stays within α when a canary-wide hiccup moves every cell at once', () => {
    expect(shareFailing({ ...healthy, canaryWide: 0.25 })).toBeLessThanOrEqual(WITHIN_ALPHA);
  });

  it('stays within α where the canary stands on more requests than its baseline, where a sign formed there would not (negative control)', () => {
    const heavy: Latencies = { ...healthy, requests: [400, 25] };
    expect(shareFailing(heavy)).toBeLessThanOrEqual(WITHIN_ALPHA);
    expect(shareFailing({ ...heavy, totalsOnly: true })).toBeLessThanOrEqual(WITHIN_ALPHA);
    // The baseline's p95 of few requests reads low, so a healthy canary's is past the failure limit
    // (half the ×1.1 tolerance) in most minutes: the premise of a sign, ≤ ½ under the null, fails there.
    expect(shareAboveFailLimit(heavy)).toBeGreaterThan(0.6);
    expect(shareAboveFailLimit(healthy)).toBeLessThan(0.5);
  });

  it('catches a ×1.5 p95 within 8 minutes in nearly every rollout; the pooled sign on the same data mostly cannot', () => {
    const worse: Latencies = { ...healthy, ratio: () => 1.5 };
    expect(shareFailing(worse, 8)).toBeGreaterThanOrEqual(0.9);
    expect(shareFailing({ ...worse, totalsOnly: true }, 8)).toBeLessThan(0.5);
  });

});

describe('the units a p95 is judged on', () => {
  const model = METRICS.p95_latency_ms.model;
  const random = seededRandom(3);
  const rows = minute(1, random, healthy);

  it('gives the total and each segment the cells whose cohorts both stand on enough requests', () => {
    const units = unitIntervals(model, rows, ['region']);
    expect(units.get('total')?.[0]?.cells).toHaveLength(CELLS.length);
    expect(units.get('region=eu-west')?.[0]?.cells).toHaveLength(2);
  });

  it('leaves out cells too small to have a p95, and judges the total on its total rows alone where they are present', () => {
    const small = rows.map((r) => (r.cohort === 'canary' && r.segment.region === 'ap-south' ? { ...r, weight: 5 } : r));
    expect(unitIntervals(model, small, ['region']).get('total')?.[0]?.cells).toHaveLength(4);
    expect(unitIntervals(model, small, ['region']).get('region=ap-south')?.[0]?.cells).toBeUndefined();
    const withTotals = [...rows, ...minute(1, seededRandom(3), { ...healthy, totalsOnly: true })];
    const units = unitIntervals(model, withTotals, ['region']);
    expect(units.get('total')?.[0]?.cells).toBeUndefined();
    expect(units.get('region=us-east')?.[0]?.cells).toHaveLength(2);
  });
});
