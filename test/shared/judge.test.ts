// The canary judge: configuration rules, per-metric classification, cleaning, scoring, segments,
// and the sequential state a guard carries from look to look.
import { describe, expect, it } from 'vitest';
import {
  JudgeConfig,
  judge,
  normal,
  seededRandom,
  type JudgeConfigInput,
  type JudgeData,
  type LabelledValue,
  type MetricConfigInput,
  type SequentialState,
} from '../../shared/index.ts';

/** n per-interval aggregates around `level` with 20 % multiplicative noise, reproducibly. */
function series(seed: number, n: number, level: number, noise = 0.2): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => level * Math.exp(noise * normal(random)));
}

const cfg = (input: JudgeConfigInput): JudgeConfig => JudgeConfig.parse(input);
const one = (metric: MetricConfigInput, rest: Partial<JudgeConfigInput> = {}): JudgeConfig => cfg({ metrics: [metric], ...rest });
const latency = (extra: Partial<MetricConfigInput> = {}): MetricConfigInput => ({
  name: 'latency',
  direction: 'increase',
  effect: { measure: 'ratio', allowedIncrease: 1.1 },
  ...extra,
});

describe('judge configuration', () => {
  it('fills Kayenta-like defaults', () => {
    const c = cfg({ metrics: [{ name: 'm' }] });
    expect(c.alpha).toBe(0.05);
    expect(c.thresholds).toEqual({ marginal: 75, pass: 95 });
    expect(c.metrics[0]).toMatchObject({
      group: 'default',
      direction: 'either',
      effect: { measure: 'ratio', allowedIncrease: 1, allowedDecrease: 1, criticalIncrease: null, criticalDecrease: null },
      nan: { strategy: 'remove' },
      outlierIqrFactor: null,
      minDataPoints: 10,
      critical: false,
    });
    expect(c.sequential.tau).toBe(0.5);
  });

  it.each<[string, JudgeConfigInput, string]>([
    ['weights that do not add to 100', { metrics: [{ name: 'a', group: 'x' }, { name: 'b', group: 'y' }], groups: { x: 60, y: 30 } }, 'add to 90'],
    ['a group without weight', { metrics: [{ name: 'a', group: 'x' }, { name: 'b', group: 'y' }], groups: { x: 100 } }, 'group "y" has no weight'],
    ['a weight without metrics', { metrics: [{ name: 'a', group: 'x' }], groups: { x: 50, z: 50 } }, 'group "z" has no metric'],
    ['a metric twice', { metrics: [{ name: 'a' }, { name: 'a' }] }, 'appears twice'],
    ['a critical bound inside the allowed one', { metrics: [{ name: 'a', effect: { measure: 'ratio', allowedIncrease: 1.5, criticalIncrease: 1.2 } }] }, 'beyond allowedIncrease'],
    ['marginal above pass', { metrics: [{ name: 'a' }], thresholds: { marginal: 90, pass: 80 } }, 'marginal must not exceed pass'],
    ['an allowed decrease above 1', { metrics: [{ name: 'a', effect: { measure: 'ratio', allowedDecrease: 1.2 } }] }, ''],
    ['no metrics', { metrics: [] }, ''],
  ])('rejects %s', (_name, input, message) => {
    const r = JudgeConfig.safeParse(input);
    expect(r.success).toBe(false);
    if (message) expect(r.error?.issues.map((i) => i.message).join('; ')).toContain(message);
  });

  it('shares 100 equally among the groups when no weights are given', () => {
    const r = judge(cfg({ metrics: [{ name: 'a', group: 'x' }, { name: 'b', group: 'y' }, { name: 'c', group: 'y' }] }), {});
    expect(r.groups.map((g) => [g.name, g.weight])).toEqual([
      ['x', 50],
      ['y', 50],
    ]);
  });
});

describe('classifying one metric', () => {
  const base = series(1, 200, 200);

  it('passes two samples of the same distribution, saying why', () => {
    const r = judge(one(latency()), { latency: { canary: series(2, 200, 200), baseline: base } });
    const m = r.metrics[0]!;
    expect(m.classification).toBe('Pass');
    expect(m.failed).toBe(false);
    expect(m.reason).toMatch(/^no significant difference: Mann-Whitney p 0\.\d+ > α 0\.05/);
    expect(r.outcome).toBe('pass');
    expect(r.score).toBe(100);
  });

  it('classifies a significant rise beyond the allowed ratio as High, with the evidence', () => {
    const r = judge(one(latency()), { latency: { canary: series(3, 200, 250), baseline: base } });
    const m = r.metrics[0]!;
    expect(m.classification).toBe('High');
    expect(m.failed).toBe(true);
    expect(m.test).toMatchObject({ name: 'mann-whitney-u', method: 'asymptotic', alternative: 'greater', alpha: 0.05 });
    expect(m.test!.pValue!).toBeLessThan(1e-10);
    expect(m.effect.ratio!).toBeGreaterThan(1.15);
    expect(m.effect.hodgesLehmann!).toBeGreaterThan(30);
    expect(m.effect.medianDifference!).toBeGreaterThan(30);
    expect(m.canary.counts).toEqual({ raw: 200, missing: 0, outliers: 0, used: 200 });
    expect(m.reason).toMatch(/canary higher than baseline: mean ratio 1\.\d+ \(allowed ≤ 1\.1\), Mann-Whitney p .* ≤ α 0\.05/);
    expect(r.outcome).toBe('fail');
    expect(r.score).toBe(0);
  });

  it('passes a significant rise that stays within the allowed effect', () => {
    const r = judge(one(latency()), { latency: { canary: series(4, 2000, 212), baseline: series(5, 2000, 200) } });
    const m = r.metrics[0]!;
    expect(m.significant).toBe(true);
    expect(m.classification).toBe('Pass');
    expect(m.reason).toMatch(/within the allowed effect/);
  });

  it('ignores an improvement on a metric where only a rise is bad (one-sided test)', () => {
    const r = judge(one(latency()), { latency: { canary: series(6, 200, 150), baseline: base } });
    expect(r.metrics[0]!.classification).toBe('Pass');
    expect(r.metrics[0]!.test!.pValue!).toBeGreaterThan(0.99);
  });

  it("calls a drop Low when either way is bad, and when a decrease is bad (conversion)", () => {
    const either = judge(one(latency({ direction: 'either', effect: { measure: 'ratio', allowedIncrease: 1.1, allowedDecrease: 0.9 } })), {
      latency: { canary: series(7, 200, 150), baseline: base },
    });
    expect(either.metrics[0]!.classification).toBe('Low');
    expect(either.metrics[0]!.test!.alternative).toBe('two-sided');
    const conversion = judge(one({ name: 'conversion', direction: 'decrease', effect: { measure: 'difference', allowedDecrease: 0.2 } }), {
      conversion: { canary: series(8, 300, 2.5, 0.1), baseline: series(9, 300, 3.2, 0.1) },
    });
    expect(conversion.metrics[0]!.classification).toBe('Low');
    expect(conversion.metrics[0]!.reason).toMatch(/mean difference −0\.\d+ \(allowed ≥ −0\.2\)/);
  });

  it('holds a difference effect to its allowed points', () => {
    const within = judge(one({ name: 'k', direction: 'decrease', effect: { measure: 'difference', allowedDecrease: 0.5 } }), {
      k: { canary: series(10, 2000, 2.9, 0.05), baseline: series(11, 2000, 3.2, 0.05) },
    });
    expect(within.metrics[0]!.significant).toBe(true);
    expect(within.metrics[0]!.classification).toBe('Pass');
  });

  it('fails the analysis on a critical bound whatever the p-value (here: far too few values to be significant)', () => {
    const c = one(latency({ minDataPoints: 3, effect: { measure: 'ratio', allowedIncrease: 1.1, criticalIncrease: 2 } }));
    const r = judge(c, { latency: { canary: [500, 520, 480], baseline: [200, 210, 190] } });
    const m = r.metrics[0]!;
    expect(m.test!.method).toBe('exact');
    expect(m.test!.pValue!).toBeCloseTo(0.05, 12); // 1 of C(6,3) = 20 arrangements
    expect(m.classification).toBe('High');
    expect(m.criticalBreach).toBe(true);
    expect(m.reason).toMatch(/^critical: canary higher than baseline beyond the critical bound 2/);
    expect(r.outcome).toBe('fail');
    expect(r.criticalFailures).toEqual(['latency']);
  });

  it('gives a ratio against a zero baseline as +∞ in words and null in numbers', () => {
    const r = judge(one({ name: 'errors', direction: 'increase', minDataPoints: 5 }), { errors: { canary: [0, 0, 3, 4, 5, 6, 7, 2], baseline: [0, 0, 0, 0, 0, 0, 0, 0] } });
    const m = r.metrics[0]!;
    expect(m.effect.ratio).toBeNull();
    expect(m.reason).toMatch(/mean ratio \+∞/);
    expect(m.classification).toBe('High');
  });
});

describe('cleaning and missing data', () => {
  it('is NoData below the minimum, never a pass, and the analysis says no_data', () => {
    const r = judge(one(latency({ minDataPoints: 20 })), { latency: { canary: series(1, 19, 200), baseline: series(2, 50, 200) } });
    expect(r.metrics[0]!.classification).toBe('NoData');
    expect(r.metrics[0]!.reason).toBe('no data: canary has 19 value(s) after cleaning, 20 needed per cohort');
    expect(r.metrics[0]!.test).toBeNull();
    expect(r.outcome).toBe('no_data');
    expect(r.score).toBeNull();
  });

  it('treats a metric absent from the data as NoData', () => {
    expect(judge(one(latency()), {}).metrics[0]!.classification).toBe('NoData');
  });

  it('removes NaN and ±∞ by default, or replaces them with the configured value', () => {
    const canary = [...series(1, 30, 200), Number.NaN, Number.POSITIVE_INFINITY, Number.NaN];
    const removed = judge(one(latency()), { latency: { canary, baseline: series(2, 30, 200) } }).metrics[0]!;
    expect(removed.canary.counts).toEqual({ raw: 33, missing: 3, outliers: 0, used: 30 });
    const replaced = judge(one(latency({ nan: { strategy: 'replace', value: 0 } })), { latency: { canary, baseline: series(2, 30, 200) } }).metrics[0]!;
    expect(replaced.canary.counts).toEqual({ raw: 33, missing: 3, outliers: 0, used: 33 });
    expect(replaced.canary.median).toBeLessThan(removed.canary.median!);
  });

  it('drops values beyond Tukey fences when asked, and only then', () => {
    const canary = [...series(1, 100, 200), 50_000];
    const baseline = series(2, 100, 200);
    const kept = judge(one(latency()), { latency: { canary, baseline } }).metrics[0]!;
    // One wild value drags the mean ratio past 1.1 (the ranks don't care, the mean does).
    expect(kept.effect.ratio!).toBeGreaterThan(2);
    const cut = judge(one(latency({ outlierIqrFactor: 3 })), { latency: { canary, baseline } }).metrics[0]!;
    expect(cut.canary.counts.outliers).toBe(1);
    expect(cut.canary.counts.used).toBe(100);
    expect(cut.effect.ratio!).toBeLessThan(1.1);
  });
});

describe('score, groups and verdict', () => {
  // Four metrics in two groups; `bad` lists the ones whose canary regresses by 40 %.
  function analysis(bad: string[], extra: Partial<JudgeConfigInput> = {}, criticalMetric?: string) {
    const names = ['a1', 'a2', 'b1', 'b2'];
    const config = cfg({
      metrics: names.map((name) => ({ ...latency(), name, group: name[0]!, critical: name === criticalMetric })),
      groups: { a: 70, b: 30 },
      ...extra,
    });
    const data: JudgeData = Object.fromEntries(names.map((n, i) => [n, { canary: series(100 + i, 120, bad.includes(n) ? 280 : 200), baseline: series(200 + i, 120, 200) }]));
    return judge(config, data);
  }

  it('weights each group by the share of its passing metrics', () => {
    const r = analysis(['b1']);
    expect(r.groups).toEqual([
      { name: 'a', weight: 70, score: 100, judged: 2, passed: 2, metrics: ['a1', 'a2'] },
      { name: 'b', weight: 30, score: 50, judged: 2, passed: 1, metrics: ['b1', 'b2'] },
    ]);
    expect(r.score).toBe(85);
    expect(r.outcome).toBe('inconclusive');
    expect(r.reason).toBe('score 85 between marginal 75 and pass 95: a person decides; failing: b1 High');
  });

  it('fails below marginal and passes at the pass threshold', () => {
    expect(analysis(['a1']).score).toBe(65);
    expect(analysis(['a1']).outcome).toBe('fail');
    expect(analysis(['b1'], { thresholds: { marginal: 50, pass: 85 } }).outcome).toBe('pass');
  });

  it('fails on a critical metric whatever the score', () => {
    const r = analysis(['b1'], { thresholds: { marginal: 10, pass: 20 } }, 'b1');
    expect(r.score).toBe(85);
    expect(r.outcome).toBe('fail');
    expect(r.reason).toBe('critical failure: b1');
  });

  it('leaves metrics without data out of the score, but will not pass while a critical one has none', () => {
    const config = cfg({ metrics: [latency(), { ...latency(), name: 'errors', critical: true }] });
    const data = { latency: { canary: series(1, 50, 200), baseline: series(2, 50, 200) } };
    const r = judge(config, data);
    expect(r.score).toBe(100);
    expect(r.outcome).toBe('inconclusive');
    expect(r.reason).toMatch(/critical metric\(s\) without data: errors/);
  });
});

describe('segments', () => {
  const regions = ['us-east', 'eu-west', 'ap-south', 'sa-east'];
  // 120 intervals per region, half from phones; eu-west's canary is 60 % slower, the others are healthy.
  function labelled(cohort: 'canary' | 'baseline'): LabelledValue[] {
    return regions.flatMap((region, r) =>
      series((cohort === 'canary' ? 10 : 20) + r, 120, cohort === 'canary' && region === 'eu-west' ? 320 : 200).map((value, i) => ({ value, segment: { region, device: i % 2 ? 'phone' : 'desktop' } })),
    );
  }
  const config = one(latency({ effect: { measure: 'ratio', allowedIncrease: 1.2 } }), { segments: ['region', 'device'] });

  it('finds the one region that breaks while the total stays within its allowance, and fails on it', () => {
    const r = judge(config, { latency: { canary: labelled('canary'), baseline: labelled('baseline') } });
    const m = r.metrics[0]!;
    // Total: +15 % on average — significant, but within the allowed ×1.2.
    expect(m.classification).toBe('Pass');
    expect(m.segments.map((s) => `${s.dimension}=${s.key}`)).toEqual([
      'region=ap-south',
      'region=eu-west',
      'region=sa-east',
      'region=us-east',
      'device=desktop',
      'device=phone',
    ]);
    const broken = m.segments.filter((s) => s.failed);
    expect(broken.map((s) => s.key)).toEqual(['eu-west']);
    expect(broken[0]!.breaksAlone).toBe(true);
    expect(broken[0]!.classification).toBe('High');
    // Six segments judged: Bonferroni gives each α/6.
    expect(broken[0]!.test!.alpha).toBeCloseTo(0.05 / 6, 15);
    expect(m.metricFailed).toBe(true);
    expect(r.outcome).toBe('fail');
    expect(r.reason).toMatch(/failing: latency in region eu-west/);
  });

  it('judges no segments from unlabelled numbers', () => {
    const r = judge(config, { latency: { canary: series(1, 50, 200), baseline: series(2, 50, 200) } });
    expect(r.metrics[0]!.segments).toEqual([]);
  });
});

describe('output', () => {
  it('is plain JSON: it survives a round trip unchanged (no NaN, no ∞, no typed arrays)', () => {
    const config = one(latency({ minDataPoints: 3 }), { segments: ['region'] });
    const data = { latency: { canary: [{ value: 1, segment: { region: 'x' } }, { value: 2 }, { value: Number.NaN }, { value: 3 }], baseline: [{ value: 0 }, { value: 0 }, { value: 0 }] } };
    for (const r of [judge(config, data), judge(config, data, { look: {} }), judge(config, {})]) expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe('sequential looks', () => {
  const config = one(latency({ effect: { measure: 'ratio', allowedIncrease: 1 } }));

  it('numbers the looks, carries the state, and never raises the always-valid p-value', () => {
    const random = seededRandom(99);
    const canary: number[] = [];
    const baseline: number[] = [];
    let state: SequentialState | null = null;
    let last = 1;
    for (let look = 1; look <= 20; look += 1) {
      for (let i = 0; i < 10; i += 1) {
        canary.push(200 * Math.exp(0.2 * normal(random)));
        baseline.push(200 * Math.exp(0.2 * normal(random)));
      }
      const r = judge(config, { latency: { canary, baseline } }, { look: { state } });
      expect(r.sequential!.look).toBe(look);
      const s = r.metrics[0]!.sequential!;
      expect(s.alwaysValidP).toBeLessThanOrEqual(last);
      expect(s.boundary).toBe(20);
      last = s.alwaysValidP;
      state = r.sequential!.state;
    }
    expect(state!.looks).toBe(20);
    expect(Object.keys(state!.tests)).toEqual(['latency']);
  });

  it('asks for more evidence than a single test: a shift with p ≈ 0.01 is significant once, not sequentially', () => {
    // n = 400 per cohort, 2 % shift: a one-off p around 0.01.
    const data = { latency: { canary: series(31, 400, 204, 0.1), baseline: series(32, 400, 200, 0.1) } };
    const fixed = judge(config, data).metrics[0]!;
    expect(fixed.test!.pValue!).toBeLessThan(0.05);
    expect(fixed.significant).toBe(true);
    const seq = judge(config, data, { look: {} }).metrics[0]!;
    expect(seq.significant).toBe(false);
    expect(seq.sequential!.alwaysValidP).toBeGreaterThan(0.05);
    expect(seq.reason).toMatch(/always-valid p .* > α 0\.05 \(look 1; this look's p/);
  });

  it('keeps a crossing crossed: once the boundary is reached the metric stays significant', () => {
    const bad = { latency: { canary: series(41, 200, 300), baseline: series(42, 200, 200) } };
    const first = judge(config, bad, { look: {} });
    expect(first.metrics[0]!.sequential!.crossedAtLook).toBe(1);
    // The next look sees healthy data only (e.g. a new window): the earlier rejection stands.
    const healthy = { latency: { canary: series(43, 200, 300), baseline: series(44, 200, 300) } };
    const second = judge(config, healthy, { look: { state: first.sequential!.state } });
    const s = second.metrics[0]!;
    expect(s.sequential).toMatchObject({ look: 2, crossed: true, crossedAtLook: 1 });
    expect(s.significant).toBe(true);
  });
});
