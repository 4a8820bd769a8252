import { describe, expect, it } from 'vitest';
import type { BacktestRow } from '../../shared/backtest/types.ts';
import { cellsOf, gatedScopes, pooledLevel } from '../../shared/sim/scenarios/cells.ts';
import { buildScenario, corpusSpecs, gatedMetrics, gateFor, generateCorpus, planFor, type ScenarioSpec, type Truth } from '../../shared/sim/scenarios/index.ts';
import { medianOf, pairs, pointShift, rateRatio } from '../support/scenarioCounts.ts';

const specs = corpusSpecs({ seed: 3, count: 300 });
const clean = (spec: ScenarioSpec): ScenarioSpec => ({ ...spec, incidents: [], dataProblems: { canaryGaps: [], missingShare: 0, nanShare: 0, zeroWeightShare: 0, empty: 'nan' } });
const healthyOf = (planKind: 'play' | 'service') => specs.find((s) => s.truth.kind === 'healthy' && s.planKind === planKind && !s.traffic.tiny && s.regions.length >= 4)!;
const withTruth = (spec: ScenarioSpec, truth: Omit<Truth, 'onsetT' | 'onsetExposure' | 'beyondTolerance'> & Partial<Truth>): ScenarioSpec => ({
  ...spec,
  truth: { beyondTolerance: true, onsetT: spec.startT, onsetExposure: 1, ...truth },
});

describe('scenario corpus: determinism and mix', () => {
  it('the same seed builds the same corpus; another seed another', () => {
    const a = generateCorpus({ seed: 42, count: 3 });
    expect(generateCorpus({ seed: 42, count: 3 })).toEqual(a);
    const b = generateCorpus({ seed: 43, count: 3 });
    expect(b.map((s) => s.rows.slice(0, 50))).not.toEqual(a.map((s) => s.rows.slice(0, 50)));
  });

  it('has the declared shares of kinds, both plans, and every valid metric × scope among regressions', () => {
    const count = (kind: string) => specs.filter((s) => s.truth.kind === kind).length;
    expect([count('healthy'), count('improvement'), count('subtolerance'), count('regression')]).toEqual([90, 24, 21, 165]);
    const plays = specs.filter((s) => s.planKind === 'play').length;
    expect(plays).toBeGreaterThan(130);
    expect(plays).toBeLessThan(170);
    const combos = new Set(specs.filter((s) => s.truth.kind === 'regression').map((s) => `${s.planKind}/${s.truth.metric}/${s.truth.scope}/${s.truth.segment?.dimension ?? ''}`));
    // Every gated metric of each plan, from the start and late, and alone in each dimension its gate splits by.
    const expected = (['play', 'service'] as const).flatMap((planKind) => {
      const plan = planFor(planKind);
      return gatedMetrics(plan).flatMap((metric) => [
        `${planKind}/${metric}/global/`,
        `${planKind}/${metric}/late-onset/`,
        ...gateFor(plan, metric)!.segments.filter((d) => d !== 'tenant').map((d) => `${planKind}/${metric}/segment/${d}`),
      ]);
    });
    expect([...combos].sort()).toEqual(expected.sort());
    expect(expected).toContain('play/crash_free_users/segment/device');
    const lateExposures = new Set(specs.filter((s) => s.truth.scope === 'late-onset').map((s) => s.truth.onsetExposure));
    expect([...lateExposures].sort((a, b) => a - b)).toEqual([1, 5, 20, 50]);
    expect(specs.some((s) => s.traffic.tiny)).toBe(true);
    expect(specs.some((s) => s.tenants.length > 1)).toBe(true);
  });

  it('labels each truth by the plan gate itself: regressions break it, subtolerance and improvements do not', () => {
    for (const spec of specs) {
      const { truth } = spec;
      const plan = planFor(spec.planKind);
      const cells = cellsOf(spec);
      if (truth.kind === 'healthy') {
        expect(truth.beyondTolerance).toBe(false);
        continue;
      }
      const gate = gateFor(plan, truth.metric!)!;
      const scope = truth.segment ?? null;
      if (truth.segment) expect(gate.segments).toContain(truth.segment.dimension);
      let breaks: boolean;
      if (gate.kind === 'relative') breaks = truth.size > gate.factor;
      else if (gate.kind === 'kpi') breaks = truth.size < -gate.points;
      else {
        // Crash-free ≥ 99.5 on the canary alone, on the total and on each region and device.
        const crashFree = gatedScopes(cells, gate.segments).map((segment) => {
          const inEffect = (c: (typeof cells)[number]) => scope === null || c[scope.dimension] === scope.key;
          return 100 * (1 - pooledLevel(cells, segment, (c) => c.crashRate * (inEffect(c) ? truth.size : 1)));
        });
        breaks = Math.min(...crashFree) < gate.value;
      }
      expect(breaks, `${spec.id} size ${truth.size}`).toBe(truth.kind === 'regression');
      expect(truth.beyondTolerance).toBe(truth.kind === 'regression');
    }
  });

  it('gives every recording four stages of 20–90 minutes, 2–5 hours long, looked at every 60–120 s', () => {
    for (const s of generateCorpus({ seed: 9, count: 6 })) {
      expect(s.schedule.map((r) => r.stage)).toEqual([0, 1, 2, 3]);
      expect(s.schedule[0]!.t).toBe(s.spec.startT);
      const minutes = s.spec.stageMinutes;
      expect(Math.min(...minutes)).toBeGreaterThanOrEqual(20);
      expect(Math.max(...minutes)).toBeLessThanOrEqual(90);
      const total = minutes.reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThanOrEqual(120);
      expect(total).toBeLessThanOrEqual(300);
      expect(Math.max(...s.rows.map((r) => r.t))).toBe(s.spec.startT + total * 60_000);
      expect(s.lookEveryMs).toBeGreaterThanOrEqual(60_000);
      expect(s.lookEveryMs).toBeLessThanOrEqual(120_000);
    }
  });
});

describe('scenario corpus: the counts behave as declared', () => {
  it('healthy canaries have the baseline’s error, crash and conversion rates (pooled over 40 rollouts, within minute and cell)', () => {
    const healthy = specs.filter((s) => s.truth.kind === 'healthy').slice(0, 40).map(buildScenario);
    const all = (metric: Parameters<typeof pairs>[1]) => healthy.flatMap((s) => pairs(s.rows, metric));
    expect(Math.abs(Math.log(rateRatio(all('error_rate'))))).toBeLessThan(0.03);
    expect(Math.abs(Math.log(rateRatio(all('crash_free_users'), (v) => 100 - v)))).toBeLessThan(0.06);
    expect(Math.abs(Math.log(rateRatio(all('kpi_conversion'))))).toBeLessThan(0.03);
    expect(Math.abs(Math.log(medianOf(all('p95_latency_ms').map(({ c, b }) => c.value / b.value))))).toBeLessThan(0.03);
  });

  it('a ×2 error regression in one region doubles the canary’s errors there and nowhere else', () => {
    const spec = clean(healthyOf('service'));
    const key = spec.regions[0]!.key;
    const s = buildScenario(withTruth(spec, { kind: 'regression', metric: 'error_rate', scope: 'segment', segment: { dimension: 'region', key }, size: 2 }));
    expect(rateRatio(pairs(s.rows, 'error_rate', (r) => r.region === key))).toBeGreaterThan(1.85);
    expect(rateRatio(pairs(s.rows, 'error_rate', (r) => r.region === key))).toBeLessThan(2.15);
    expect(rateRatio(pairs(s.rows, 'error_rate', (r) => r.region !== key))).toBeGreaterThan(0.9);
    expect(rateRatio(pairs(s.rows, 'error_rate', (r) => r.region !== key))).toBeLessThan(1.1);
    // Only the named metric moves.
    expect(Math.abs(Math.log(medianOf(pairs(s.rows, 'p95_latency_ms', (r) => r.region === key).map(({ c, b }) => c.value / b.value))))).toBeLessThan(0.05);
  });

  it('a ×1.5 p95 regression raises the canary’s p95 1.5 times; a −1 point conversion shift lowers conversion one point', () => {
    const spec = clean(healthyOf('service'));
    const slow = buildScenario(withTruth(spec, { kind: 'regression', metric: 'p95_latency_ms', scope: 'global', size: 1.5 }));
    expect(medianOf(pairs(slow.rows, 'p95_latency_ms').map(({ c, b }) => c.value / b.value))).toBeCloseTo(1.5, 1);
    const play = clean(healthyOf('play'));
    const lost = buildScenario(withTruth(play, { kind: 'regression', metric: 'kpi_conversion', scope: 'global', size: -1 }));
    expect(pointShift(pairs(lost.rows, 'kpi_conversion'))).toBeGreaterThan(-1.15);
    expect(pointShift(pairs(lost.rows, 'kpi_conversion'))).toBeLessThan(-0.85);
  });

  it('a crash regression on one device class raises crashes on that class only', () => {
    const spec = clean(specs.find((s) => s.truth.kind === 'healthy' && s.planKind === 'play' && s.devices.length === 2 && !s.traffic.tiny)!);
    const key = spec.devices[1]!.key;
    const s = buildScenario(withTruth(spec, { kind: 'regression', metric: 'crash_free_users', scope: 'segment', segment: { dimension: 'device', key }, size: 4 }));
    const crashes = (v: number) => 100 - v;
    expect(rateRatio(pairs(s.rows, 'crash_free_users', (r) => r.device === key), crashes)).toBeGreaterThan(3.3);
    expect(rateRatio(pairs(s.rows, 'crash_free_users', (r) => r.device === key), crashes)).toBeLessThan(4.7);
    expect(rateRatio(pairs(s.rows, 'crash_free_users', (r) => r.device !== key), crashes)).toBeLessThan(1.2);
  });

  it('a late onset leaves the canary healthy until it starts', () => {
    const spec = clean(healthyOf('service'));
    const onsetT = spec.startT + (spec.stageMinutes[0]! + spec.stageMinutes[1]! + 10) * 60_000;
    const s = buildScenario(withTruth(spec, { kind: 'regression', metric: 'error_rate', scope: 'late-onset', size: 3, onsetT, onsetExposure: 20 }));
    // A row's t is its interval's end: the interval ending at onsetT + 1 min is the first affected.
    expect(rateRatio(pairs(s.rows, 'error_rate', (r) => r.t <= onsetT))).toBeLessThan(1.15);
    expect(rateRatio(pairs(s.rows, 'error_rate', (r) => r.t > onsetT))).toBeGreaterThan(2.6);
    expect(rateRatio(pairs(s.rows, 'error_rate', (r) => r.t > onsetT))).toBeLessThan(3.4);
  });

  it('gives the canary the stage’s exposure of the traffic', () => {
    const s = buildScenario(clean(healthyOf('play')));
    s.schedule.forEach((stage, i) => {
      const end = s.schedule[i + 1]?.t ?? Infinity;
      const inStage = s.rows.filter((r) => r.metric === 'error_rate' && r.t > stage.t && r.t <= end);
      const canary = inStage.filter((r) => r.cohort === 'canary').reduce((a, r) => a + r.weight, 0);
      const share = canary / inStage.reduce((a, r) => a + r.weight, 0);
      const exposure = s.plan.stages[stage.stage]!.exposure / 100;
      expect(share / exposure).toBeGreaterThan(0.9);
      expect(share / exposure).toBeLessThan(1.1);
    });
  });

  it('keeps one region worse than the others for both cohorts', () => {
    const spec = clean(healthyOf('service'));
    const worst = [...spec.regions].sort((a, b) => b.errors - a.errors)[0]!.key;
    const s = buildScenario(spec);
    const rate = (cohort: string, inWorst: boolean) => {
      const rows = s.rows.filter((r) => r.metric === 'error_rate' && r.cohort === cohort && (r.region === worst) === inWorst);
      return rows.reduce((a, r) => a + r.value! * r.weight, 0) / rows.reduce((a, r) => a + r.weight, 0);
    };
    expect(rate('baseline', true)).toBeGreaterThan(1.3 * rate('baseline', false));
    expect(rate('canary', true)).toBeGreaterThan(1.3 * rate('canary', false));
  });

  it('no healthy Play cell breaks crash-free ≥ 99.5 in truth: pooled over the recording, every region stays above it', () => {
    for (const spec of specs.filter((s) => s.truth.kind === 'healthy' && s.planKind === 'play').slice(0, 10)) {
      const rows = buildScenario(spec).rows.filter((r) => r.metric === 'crash_free_users' && r.cohort === 'baseline' && r.value !== null && Number.isFinite(r.value));
      for (const region of spec.regions) {
        const inRegion = rows.filter((r) => r.region === region.key);
        expect(inRegion.reduce((a, r) => a + r.value! * r.weight, 0) / inRegion.reduce((a, r) => a + r.weight, 0)).toBeGreaterThan(99.5);
      }
    }
  });
});

describe('scenario corpus: rows and data problems', () => {
  const key = (r: BacktestRow) => `${r.t}|${r.metric}|${r.region}|${r.device}|${r.tenant}`;

  it('aligns canary and baseline rows on the same minutes and cells, one a minute', () => {
    const s = buildScenario(clean(healthyOf('play')));
    const canary = s.rows.filter((r) => r.cohort === 'canary').map(key);
    const baseline = s.rows.filter((r) => r.cohort === 'baseline').map(key);
    expect(new Set(canary).size).toBe(canary.length);
    expect([...canary].sort()).toEqual([...baseline].sort());
    const cells = s.spec.regions.length * s.spec.devices.length * s.spec.tenants.length;
    const minutes = s.spec.stageMinutes.reduce((a, b) => a + b, 0);
    expect(canary.length).toBe(cells * minutes * 3);
    expect(s.rows.every((r) => (r.t - s.spec.startT) % 60_000 === 0 && r.t > s.spec.startT)).toBe(true);
  });

  it('leaves the canary out during a gap and keeps the baseline', () => {
    const spec = clean(healthyOf('play'));
    const gapped = buildScenario({ ...spec, dataProblems: { ...spec.dataProblems, canaryGaps: [[30, 40]] } });
    const inGap = (r: BacktestRow) => r.t > spec.startT + 30 * 60_000 && r.t <= spec.startT + 40 * 60_000;
    expect(gapped.rows.filter((r) => inGap(r) && r.cohort === 'canary')).toHaveLength(0);
    expect(gapped.rows.filter((r) => inGap(r) && r.cohort === 'baseline').length).toBeGreaterThan(0);
    expect(gapped.rows.filter((r) => !inGap(r) && r.cohort === 'canary').length).toBe(buildScenario(spec).rows.filter((r) => !inGap(r) && r.cohort === 'canary').length);
  });

  it('writes NaN, missing and zero-weight rows when asked, and none when not', () => {
    const spec = { ...clean(healthyOf('service')), dataProblems: { ...clean(healthyOf('service')).dataProblems, empty: 'omit' as const } };
    const none = buildScenario(spec).rows;
    expect(none.some((r) => r.value === null || Number.isNaN(r.value) || r.weight === 0)).toBe(false);
    const messy = buildScenario({ ...spec, dataProblems: { ...spec.dataProblems, missingShare: 0.02, nanShare: 0.02, zeroWeightShare: 0.02 } }).rows;
    const share = (p: (r: BacktestRow) => boolean) => messy.filter(p).length / messy.length;
    expect(share((r) => r.value === null)).toBeGreaterThan(0.015);
    expect(share((r) => r.value === null)).toBeLessThan(0.025);
    expect(share((r) => r.value !== null && Number.isNaN(r.value))).toBeGreaterThan(0.015);
    expect(share((r) => r.weight === 0)).toBeGreaterThan(0.015);
    expect(share((r) => r.weight === 0)).toBeLessThan(0.025);
  });

  it('tiny traffic gives the 1 % canary a few requests a minute; empty minutes are omitted or written with weight 0', () => {
    const tiny = specs.find((s) => s.traffic.tiny && s.planKind === 'service')!;
    const spec = { ...clean(tiny), dataProblems: { ...clean(tiny).dataProblems, empty: 'omit' as const } };
    const inFirstStage = (r: BacktestRow) => r.cohort === 'canary' && r.metric === 'error_rate' && r.t <= spec.startT + spec.stageMinutes[0]! * 60_000;
    const omitted = buildScenario(spec).rows.filter(inFirstStage);
    expect(medianOf(omitted.map((r) => r.weight))).toBeLessThanOrEqual(10);
    expect(omitted.every((r) => r.weight > 0)).toBe(true);
    const written = buildScenario({ ...spec, dataProblems: { ...spec.dataProblems, empty: 'nan' } }).rows.filter(inFirstStage);
    const empty = written.filter((r) => r.weight === 0);
    expect(empty.length).toBeGreaterThan(0);
    expect(empty.every((r) => r.value !== null && Number.isNaN(r.value))).toBe(true);
    expect(written.length).toBe(omitted.length + empty.length);
  });
});
