import { describe, expect, it } from 'vitest';
import { planDecideTimes } from '../../shared/evidence/planning.ts';
import { Plan, readingOf, type GateInput, type MetricTraffic, type PlanInput, type TrafficEstimate } from '../../shared/index.ts';

const errors: GateInput = { id: 'errors', kind: 'relative', metric: 'error_rate', op: 'lte', factor: 1.25, minSamples: 2000 };
const latency: GateInput = { id: 'latency', kind: 'relative', metric: 'p95_latency_ms', op: 'lte', factor: 1.1, minSamples: 2000 };
const crashFree: GateInput = { id: 'crash-free', kind: 'threshold', metric: 'crash_free_users', op: 'gte', value: 99.5, minSamples: 2000 };

/** One gated stage, then 100 % without gates (a plan must end there). */
function plan(exposure: number, minSoak: string | number, gates: GateInput[], judge?: PlanInput['judge']): Plan {
  return Plan.parse({
    name: 'p',
    target: 'service',
    ...(judge ? { judge } : {}),
    stages: [
      { label: `${exposure}%`, exposure, minSoak, gates },
      { label: 'all', exposure: 100 },
    ],
  });
}

const rate = (trialsPerMinute: number, baselineValue: number): MetricTraffic => ({ trialsPerMinute, intervalsPerMinute: 6, baselineValue, quantile: null });
// log(1/passAlpha) at the default passAlpha 0.05, plus the mixture's cost (2.5): what a pass must earn in log e.
const PASS = Math.log(20) + 2.5;

describe('how long a plan’s stages need to decide', () => {
  it('a 1 % stage with a 15 min soak and a low error rate cannot decide within it', () => {
    const [stage] = planDecideTimes(plan(1, '15m', [errors]), { error_rate: rate(6000, 0.4) });
    // 60 canary trials a minute at 0.4 %: 0.24 canary and 23.76 baseline errors a minute.
    const information = 1 / (1 / 0.24 + 1 / 23.76);
    const minutes = (2 * PASS) / Math.log(1.25) ** 2 / information;
    expect(stage!.gates[0]!.minutesToDecide).toBeCloseTo(minutes, 6);
    expect(minutes).toBeGreaterThan(900);
    expect(stage!.soakMinutes).toBe(15);
    expect(stage!.canDecideWithinSoak).toBe(false);
    expect(stage!.gates[0]!.canDecideWithinSoak).toBe(false);
    expect(stage!.why).toBe('errors: the evidence to pass');
  });

  it('counts the stage’s own minimum samples, on its gates’ least canary traffic: a stage whose gates pass in time may still be held', () => {
    const staged = (minSamples: number) => {
      const p = plan(10, '12m', [errors, latency]);
      return { ...p, stages: p.stages.map((st, i) => (i === 0 ? { ...st, minSamples } : st)) };
    };
    const traffic: TrafficEstimate = { error_rate: rate(300_000, 0.4), p95_latency_ms: { ...rate(300_000, 180), quantile: { logSpread: 0.03, requestsPerInterval: 50_000, cells: null, rowsPerInterval: 1 } } };
    const [quick] = planDecideTimes(staged(0), traffic);
    expect(quick!.canDecideWithinSoak).toBe(true);
    // 30,000 canary samples a minute at 10 %: 5,000,000 take ≈ 167 min.
    const [held] = planDecideTimes(staged(5_000_000), traffic);
    expect(held).toMatchObject({ canDecideWithinSoak: false, why: 'the stage’s 5,000,000 canary samples', wait: 'stage_samples' });
    expect(held!.minutesToDecide).toBeCloseTo(5_000_000 / 30_000, 6);
    // Beside a gate of unknown traffic too: that minimum alone is already too slow.
    const withKpi = staged(5_000_000);
    withKpi.stages[0]!.gates.push(Plan.parse({ name: 'k', target: 'service', stages: [{ label: 'a', exposure: 100, gates: [{ id: 'conversion', kind: 'kpi', metric: 'kpi_conversion', op: 'gte', points: 0.5 }] }] }).stages[0]!.gates[0]!);
    expect(planDecideTimes(withKpi, traffic)[0]).toMatchObject({ canDecideWithinSoak: false, why: 'the stage’s 5,000,000 canary samples' });
  });

  it('a gate with no traffic seen beside one already too slow does not hide it: the stage is too short', () => {
    const conversion: GateInput = { id: 'conversion', kind: 'kpi', metric: 'kpi_conversion', op: 'gte', points: 0.5, minSamples: 200 };
    const [stage] = planDecideTimes(plan(1, '15m', [errors, conversion]), { error_rate: rate(6000, 0.4) });
    expect(stage).toMatchObject({ canDecideWithinSoak: false, why: 'errors: the evidence to pass', wait: 'evidence' });
    expect(stage!.gates.map((g) => g.canDecideWithinSoak)).toEqual([false, null]);
    // Beside a gate that fits, the unknown one still leaves the stage unknown.
    const [fits] = planDecideTimes(plan(50, '1d', [errors, conversion]), { error_rate: rate(60_000, 0.4) });
    expect(fits).toMatchObject({ canDecideWithinSoak: null, why: 'conversion: no checkout conversion traffic seen', wait: null });
  });

  it('a 50 % stage with lots of traffic can, waiting then on the intervals that measure the noise', () => {
    const [stage] = planDecideTimes(plan(50, '15m', [errors]), { error_rate: rate(200_000, 0.4) });
    // 400 errors a minute in each cohort pass in ≈ 1.1 min; ten intervals at six a minute take 1.67.
    expect(stage!.minutesToDecide).toBeCloseTo(10 / 6, 3);
    expect(stage!.why).toBe('errors: 10 intervals with events to measure the noise');
    expect([stage!.wait, stage!.gates[0]!.wait]).toEqual(['intervals', 'intervals']);
    expect(stage!.canDecideWithinSoak).toBe(true);
  });

  it("adds a gate's warm-up to its time: its evidence gathers only after it", () => {
    const [stage] = planDecideTimes(plan(50, '15m', [{ ...errors, warmup: '5m' }]), { error_rate: rate(200_000, 0.4) });
    expect(stage!.minutesToDecide).toBeCloseTo(5 + 10 / 6, 3);
    expect(stage!.why).toBe('errors: 10 intervals with events to measure the noise, after its 5m warm-up');
    const [short] = planDecideTimes(plan(50, '6m', [{ ...errors, warmup: '5m' }]), { error_rate: rate(200_000, 0.4) });
    expect(short!.canDecideWithinSoak).toBe(false);
  });

  it('waits for the gate’s canary samples when they come last', () => {
    const [stage] = planDecideTimes(plan(10, '1h', [{ ...errors, minSamples: 600_000 }]), { error_rate: rate(200_000, 2) });
    expect(stage!.minutesToDecide).toBeCloseTo(30, 6);
    expect(stage!.why).toBe('errors: the gate’s 600,000 canary samples');
    expect(stage!.wait).toBe('gate_samples');
    expect(stage!.canDecideWithinSoak).toBe(true);
  });

  it('says null, and why, when the traffic is unknown', () => {
    const times = planDecideTimes(plan(10, '30m', [errors, latency]), null);
    expect(times[0]!.minutesToDecide).toBeNull();
    expect(times[0]!.canDecideWithinSoak).toBeNull();
    expect(times[0]!.gates.map((g) => g.why)).toEqual(['traffic unknown', 'traffic unknown']);
    // A metric not seen is unknown too, named.
    const partial = planDecideTimes(plan(10, '30m', [errors, latency]), { error_rate: rate(200_000, 0.4) });
    expect(partial[0]!.gates[1]).toMatchObject({ minutesToDecide: null, canDecideWithinSoak: null, why: 'no p95 latency traffic seen' });
    expect(partial[0]!.canDecideWithinSoak).toBeNull();
    // The last stage has no gates: nothing to decide.
    expect(times[1]).toMatchObject({ minutesToDecide: null, canDecideWithinSoak: null, why: 'no gates: nothing to decide', gates: [] });
  });

  it('reads the plan’s own judge options: a stricter pass takes longer', () => {
    const traffic: TrafficEstimate = { error_rate: rate(6000, 0.4) };
    const loose = planDecideTimes(plan(5, '1h', [errors]), traffic)[0]!.minutesToDecide!;
    const strict = planDecideTimes(plan(5, '1h', [errors], { passAlpha: 0.001 }), traffic)[0]!.minutesToDecide!;
    expect(strict / loose).toBeCloseTo((Math.log(1000) + 2.5) / PASS, 6);
  });

  it('treats an internal 0 % stage as 1 % on the simulator, as it draws it, and as unknown elsewhere: its users are not a share of production', () => {
    const atOnePercent = (2 * PASS) / Math.log(1.25) ** 2 / (1 / (1 / 0.24 + 1 / 23.76));
    expect(planDecideTimes(plan(0, '15m', [errors]), { error_rate: rate(6000, 0.4) }, readingOf('simulator'))[0]!.minutesToDecide).toBeCloseTo(atOnePercent, 6);
    const [pushed] = planDecideTimes(plan(0, '15m', [errors]), { error_rate: rate(6000, 0.4) }, readingOf('push'));
    expect(pushed).toMatchObject({ minutesToDecide: null, canDecideWithinSoak: null });
    expect(pushed!.why).toBe('errors: at 0 % the canary takes no share of this traffic (its users are internal): its time is not read off it');
    expect(pushed!.gates[0]).toMatchObject({ minutesToDecide: null, canDecideWithinSoak: null });
  });

  it('a threshold is one sample against its limit: information is the canary’s expected events', () => {
    const [stage] = planDecideTimes(plan(5, '15m', [crashFree]), { crash_free_users: rate(10_000, 99.95) });
    // 500 canary users a minute, 0.05 % crashing against a 0.5 % limit: Δ = log 10.
    expect(stage!.minutesToDecide).toBeCloseTo((2 * PASS) / Math.log(10) ** 2 / (500 * 0.0005), 6);
    expect(stage!.canDecideWithinSoak).toBe(true);
    // A baseline already past the threshold leaves a healthy canary no way to pass.
    const past = planDecideTimes(plan(5, '15m', [crashFree]), { crash_free_users: rate(10_000, 99.2) })[0]!;
    expect(past).toMatchObject({ minutesToDecide: null, canDecideWithinSoak: false });
    expect(past.why).toContain('the baseline itself is past the threshold');
  });

  it('a quantile is a sign test on each interval’s noise', () => {
    const traffic: TrafficEstimate = { p95_latency_ms: { trialsPerMinute: 21_600, intervalsPerMinute: 6, baselineValue: 180, quantile: { logSpread: 0.03, requestsPerInterval: 3000, cells: null, rowsPerInterval: 1 } } };
    const [stage] = planDecideTimes(plan(10, '15m', [latency]), traffic);
    // 360 canary and 3240 baseline requests an interval; one request's log variance 0.03² · 3000.
    const s = Math.sqrt(0.03 ** 2 * 3000 * (1 / 360 + 1 / 3240));
    // A thin canary's p95 is signed as if its bias were at its bound (3 requests' noise), a typical one's 2.4·n/(n + 6).
    const typical = (n: number) => (2.4 * n) / (n + 6) / n;
    const allowance = Math.sqrt(0.03 ** 2 * 3000) * (3 * (1 / 360 - 1 / 3240) - (typical(360) - typical(3240)));
    const q = normalTail((Math.log(1.1) - allowance) / s);
    const perInterval = q * Math.log(2 * q) + (1 - q) * Math.log(2 * (1 - q));
    expect(stage!.minutesToDecide).toBeCloseTo(PASS / perInterval / 6, 3);
    expect(stage!.why).toMatch(/^latency: \d+ judged intervals$/);
    // At 1 % of a small service the canary's intervals are too thin to be a p95 at all.
    const thin = planDecideTimes(plan(1, '15m', [latency]), { p95_latency_ms: { ...traffic.p95_latency_ms!, trialsPerMinute: 600 } })[0]!;
    expect(thin.canDecideWithinSoak).toBe(false);
    expect(thin.why).toContain('fewer than the 20 a p95 needs');
  });

  it('a quantile over thin cells waits for the intervals whose cells are a p95, and says a total row would judge it whole', () => {
    // 12 regions of 25 requests an interval, no total rows: at 50 % a baseline cell stands on 20 requests one interval in thirty.
    const quantile = { logSpread: 0.1, requestsPerInterval: 150, cells: Array.from({ length: 12 }, () => 25), rowsPerInterval: 1 };
    const traffic: TrafficEstimate = { p95_latency_ms: { trialsPerMinute: 300, intervalsPerMinute: 1, baselineValue: 180, quantile } };
    const [thin] = planDecideTimes(plan(50, '6h', [latency]), traffic);
    const [pooled] = planDecideTimes(plan(50, '6h', [latency]), { p95_latency_ms: { ...traffic.p95_latency_ms!, quantile: { ...quantile, cells: null, rowsPerInterval: 1 } } });
    expect(pooled!.canDecideWithinSoak).toBe(true);
    expect(thin!.canDecideWithinSoak).toBe(false);
    expect(thin!.minutesToDecide!).toBeGreaterThan(10 * pooled!.minutesToDecide!);
    expect(thin!.why).toContain('a total row per cohort and interval would judge it whole');
    expect(thin!.wait).toBe('intervals');
  });

  it('a canary just short of a p95’s 20 requests an interval still decides, on the intervals that reach them', () => {
    const at = (trialsPerMinute: number): TrafficEstimate => ({ p95_latency_ms: { trialsPerMinute, intervalsPerMinute: 1, baselineValue: 180, quantile: { logSpread: 0.05, requestsPerInterval: 400, cells: null, rowsPerInterval: 1 } } });
    // 14 and 17 canary requests on average at 10 %: Poisson minutes past 20 come one in 13 and one in 4.
    const [fourteen] = planDecideTimes(plan(10, '1d', [latency]), at(140));
    const [seventeen] = planDecideTimes(plan(10, '1d', [latency]), at(170));
    const [plenty] = planDecideTimes(plan(10, '1d', [latency]), at(4000));
    expect(fourteen!.minutesToDecide).not.toBeNull();
    expect(fourteen!.minutesToDecide!).toBeGreaterThan(seventeen!.minutesToDecide!);
    expect(seventeen!.minutesToDecide!).toBeGreaterThan(2 * plenty!.minutesToDecide!);
    expect(fourteen!.why).toMatch(/of the ≈ 8 % in which each cohort compared has the 20 requests a p95 needs$/);
    // More exposure brings more of them: the wait is for evidence, not for the clock alone.
    expect(fourteen!.wait).toBe('evidence');
  });

  it('reads a thin canary’s rows of 15 s as four quantiles of a quarter of its requests each: their bias is allowed for, so it takes longer', () => {
    const at = (rowsPerInterval: number): TrafficEstimate => ({ p95_latency_ms: { trialsPerMinute: 6000, intervalsPerMinute: 1, baselineValue: 180, quantile: { logSpread: 0.02, requestsPerInterval: 3000, cells: null, rowsPerInterval } } });
    // 60 canary requests a minute at 1 %: as one row, a p95 of 60; as four, four p95s of 15.
    const [minute] = planDecideTimes(plan(1, '1d', [latency]), at(1));
    const [quarters] = planDecideTimes(plan(1, '1d', [latency]), at(4));
    expect(minute!.minutesToDecide).not.toBeNull();
    expect(quarters!.minutesToDecide ?? Number.POSITIVE_INFINITY).toBeGreaterThan(3 * minute!.minutesToDecide!);
    // Rows of 5 s: twelve p95s of 5 requests, which no healthy canary's can be told from the limit on.
    const [fives] = planDecideTimes(plan(1, '1d', [latency]), at(12));
    expect(fives).toMatchObject({ minutesToDecide: null, canDecideWithinSoak: false });
    // At 100 % no baseline is left: said as it is for rates, not as a baseline of 0 requests.
    expect(planDecideTimes(plan(100, '1d', [latency]), at(1))[0]!.why).toBe('latency: no baseline is left at 100 % exposure to compare with');
    expect(fives!.why).toBe('latency: its p95 rows stand on ≈ 5 canary requests each, too few for a healthy canary to be told from the limit');
  });

  it('has nothing to be too short when the stage sets no soak, and a limit a healthy canary sits on never passes', () => {
    const [noSoak] = planDecideTimes(plan(50, 0, [errors]), { error_rate: rate(200_000, 0.4) });
    expect(noSoak!.minutesToDecide).toBeGreaterThan(0);
    expect(noSoak!.canDecideWithinSoak).toBeNull();
    const [onLimit] = planDecideTimes(plan(50, '1h', [{ ...errors, factor: 1 }]), { error_rate: rate(200_000, 0.4) });
    expect(onLimit).toMatchObject({ minutesToDecide: null, canDecideWithinSoak: false });
  });
});

/** P(Z > z), by a series accurate far beyond what these tests compare (independent of the code under test). */
function normalTail(z: number): number {
  let term = z;
  let sum = z;
  for (let k = 1; k < 60; k += 1) {
    term *= (z * z) / (2 * k + 1);
    sum += term;
  }
  return 0.5 - (sum * Math.exp((-z * z) / 2)) / Math.sqrt(2 * Math.PI);
}
