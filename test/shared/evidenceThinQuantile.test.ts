// The pass side of a p95 on a thin canary: a sample quantile of few requests reads low, so a canary of
// 25 requests a minute beside a baseline of thousands looks faster than it is. The bound on that bias
// is checked against SciPy (exact order-statistic expectations over several tails), and the pass side
// by simulation: a canary on the gate's limit passes at most passAlpha of the time with the allowance,
// and far more often without it (the negative control); a healthy canary still passes.
// (CI installs Debian's python3-scipy: scripts/install-test-deps.sh.)
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { lookAtGate, normal, poisson, seededRandom, type Gate, type ObservationAt, type TestState } from '../../shared/index.ts';
import { Gate as GateSchema } from '../../shared/gates/types.ts';
import { QUANTILE_BIAS_BOUND } from '../../shared/evidence/thinQuantile.ts';
import { p95Law, sampleP95 } from '../../shared/sim/scenarios/latency.ts';
import { ALPHA, budget, options, ROLLOUTS, WITHIN_ALPHA } from '../support/alphaSimulation.ts';

/** κ/c: a p95's bias times its requests, over one request's log noise, exactly (Beta order statistics). */
const SCRIPT = `
import json, math
from scipy import integrate, stats
q = 0.95
laws = {'lognormal': stats.lognorm(0.5), 'exponential': stats.expon(), 'gamma 2': stats.gamma(2), 'pareto 2': stats.pareto(2), 'pareto 1.2': stats.pareto(1.2)}
def elog(d, k, n):
    b = stats.beta(k, n + 1 - k)
    return integrate.quad(lambda u: math.log(d.ppf(u)) * b.pdf(u), b.ppf(1e-12), b.ppf(1 - 1e-12), limit=200, points=[b.mean()])[0]
out = []
for name, d in laws.items():
    xi = d.ppf(q)
    c = math.sqrt(q * (1 - q)) / (d.pdf(xi) * xi)
    for n in [20, 100, 400]:
        h = (n - 1) * q
        j = math.floor(h)
        linear = (1 - (h - j)) * elog(d, j + 1, n) + (h - j) * elog(d, j + 2, n)
        nearest = elog(d, math.ceil(n * q), n)
        out += [-n * (v - math.log(xi)) / c for v in (linear, nearest)]
print(json.dumps(out))
`;

const latency: Gate = GateSchema.parse({ id: 'latency', kind: 'relative', metric: 'p95_latency_ms', op: 'lte', factor: 1.1, minSamples: 1 });
const law = p95Law({ medianMs: 80, sigma: 0.5, tailShare: 0.03, tailAlpha: 2.5 });
const LOOKS = 240;
const NONE = { region: '', device: '', tenant: '' };

/** A 1 % stage of a small service: a canary of 25 requests a minute (its p95 drawn from them), a baseline of 2,500. */
function minute(k: number, random: () => number, ratio: number): ObservationAt[] {
  const t = k * 60_000;
  const load = 1 + 0.3 * Math.sin(k / 30);
  const rows: ObservationAt[] = [];
  for (const [cohort, mean, scale] of [['canary', 25, ratio], ['baseline', 2500, 1]] as const) {
    const n = poisson(random, mean);
    if (n > 0) rows.push({ cohort, segment: NONE, t, value: sampleP95(random, law, n, scale * load * Math.exp(0.01 * normal(random))), weight: n });
  }
  return rows;
}

function sharePassing(ratio: number, quantileBias?: number): number {
  let passed = 0;
  for (let i = 0; i < ROLLOUTS; i += 1) {
    const random = seededRandom(9100 + i);
    let tests: Record<string, TestState> | undefined;
    for (let k = 1; k <= LOOKS; k += 1) {
      const looked = lookAtGate({ gate: latency, observations: minute(k, random, ratio), tests, stageStartedAt: 0, lookAt: k * 60_000, budget, options, ...(quantileBias === undefined ? {} : { quantileBias }) });
      tests = looked.tests;
      if (looked.result.outcome === 'pass') {
        passed += 1;
        break;
      }
    }
  }
  return passed / ROLLOUTS;
}

describe('a thin canary’s p95 is not passed on its own bias', () => {
  it('bounds a sample p95’s bias by three requests’ noise over lognormal, exponential, gamma and Pareto tails', () => {
    const ratios = JSON.parse(execFileSync('/usr/bin/python3', ['-c', SCRIPT], { encoding: 'utf8' })) as number[];
    expect(Math.max(...ratios)).toBeLessThanOrEqual(QUANTILE_BIAS_BOUND);
    // Not a bound far off: the largest reaches most of it.
    expect(Math.max(...ratios)).toBeGreaterThan(0.8 * QUANTILE_BIAS_BOUND);
  });

  it('passes a canary on the gate’s limit at most passAlpha of the time, and without the allowance far more often', () => {
    const passAlpha = options.passAlpha;
    expect(passAlpha).toBe(ALPHA);
    expect(sharePassing(1.1)).toBeLessThanOrEqual(WITHIN_ALPHA);
    // The negative control: the canary's 25 requests read ×0.92 of its p95, so a canary at ×1.1 looks inside it.
    expect(sharePassing(1.1, 0)).toBeGreaterThan(4 * ALPHA);
    // A regression past the limit passed without it most of the time (73 % of these rollouts).
    expect(sharePassing(1.15, 0)).toBeGreaterThan(0.5);
    expect(sharePassing(1.15)).toBeLessThanOrEqual(WITHIN_ALPHA);
  });

  it('says how long a thin canary will take as its pass side reads it, not as its plain signs do', () => {
    const needsAfter = (quantileBias?: number) => {
      const random = seededRandom(9300);
      let tests: Record<string, TestState> | undefined;
      let needs = null;
      for (let k = 1; k <= 30; k += 1) {
        const looked = lookAtGate({ gate: latency, observations: minute(k, random, 1), tests, stageStartedAt: 0, lookAt: k * 60_000, budget, options, ...(quantileBias === undefined ? {} : { quantileBias }) });
        tests = looked.tests;
        needs = looked.result.total.evidence?.needs ?? null;
      }
      return needs;
    };
    const plain = needsAfter(0);
    const allowed = needsAfter();
    expect(plain?.minutes).not.toBeNull();
    expect(allowed?.minutes ?? Number.POSITIVE_INFINITY).toBeGreaterThan(1.5 * plain!.minutes!);
  });

  it('still passes a healthy thin canary, later: about half within four hours, where every one passed without it', () => {
    expect(sharePassing(1)).toBeGreaterThan(0.4);
  });
});
