// How often a quantile gate's interval is judged at all, for the planner: the Poisson tail against
// SciPy, and the cells' rule (a comparison stands on the cells whose baseline is a p95) against a
// simulation of that rule, where the pooled mean alone says every interval counts.
// (CI installs Debian's python3-scipy: scripts/install-test-deps.sh.)
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { poissonAtLeast, usableIntervals } from '../../shared/evidence/quantileUsable.ts';
import { poisson, seededRandom } from '../../shared/index.ts';

const SCRIPT = `
import json, sys
from scipy.stats import poisson
cases = json.load(sys.stdin)
out = []
for m, k in cases:
    p = float(poisson.sf(k - 1, m))
    # E[X; X >= k] = m P(X >= k - 1): no difference of near-equal sums.
    out.append([p, m * float(poisson.sf(k - 2, m)) / p if p > 0 else None])
print(json.dumps(out))
`;

describe('how often a quantile interval stands on enough requests', () => {
  it('takes the Poisson tail and the mean above it as SciPy does', () => {
    const cases: [number, number][] = [[14, 20], [19.7, 20], [9, 20], [3, 20], [250, 20], [0.5, 1], [12.5, 20]];
    const reference = JSON.parse(execFileSync('/usr/bin/python3', ['-c', SCRIPT], { input: JSON.stringify(cases), encoding: 'utf8' })) as [number, number | null][];
    cases.forEach(([mean, least], i) => {
      const ours = poissonAtLeast(mean, least);
      const [p, above] = reference[i]!;
      expect(Math.abs(ours.p - p)).toBeLessThan(1e-9 * Math.max(1, p) + 1e-15);
      expect(ours.p / p).toBeCloseTo(1, 6);
      if (above !== null) expect(ours.mean).toBeCloseTo(above, 6);
    });
  });

  it('on thin cells, counts only the cells whose baseline is a p95, as a simulation of the rule does', () => {
    // Twelve cells of 25 requests an interval at 50 %: a pooled canary of 150 requests, yet most baselines stand on fewer than 20.
    const cells = Array.from({ length: 12 }, () => 25);
    const e = 0.5;
    const random = seededRandom(11);
    const trials = 40_000;
    let judged = 0;
    for (let k = 0; k < trials; k += 1) {
      let canary = 0;
      for (const n of cells) {
        const baseline = poisson(random, (1 - e) * n);
        const c = poisson(random, e * n);
        if (baseline >= 20) canary += c;
      }
      if (canary >= 20) judged += 1;
    }
    const simulated = judged / trials;
    const ours = usableIntervals({ perInterval: 300, cells, e, least: 20, oneSample: false });
    expect(simulated).toBeGreaterThan(0.01);
    expect(simulated).toBeLessThan(0.2);
    expect(Math.abs(ours.share - simulated)).toBeLessThan(4 * Math.sqrt((simulated * (1 - simulated)) / trials));
    expect(ours.pairedShare).toBeLessThan(0.1);
    // The negative control: read off the pooled total, as the planner did, every interval counts.
    expect(usableIntervals({ perInterval: 300, cells: null, e, least: 20, oneSample: false }).share).toBeGreaterThan(0.99);
  });

  it('on a thin canary with total rows, is the canary’s tail; a one-sample gate needs no baseline', () => {
    const two = usableIntervals({ perInterval: 140, cells: null, e: 0.1, least: 20, oneSample: false });
    expect(two.share).toBeCloseTo(poissonAtLeast(14, 20).p * poissonAtLeast(126, 20).p, 12);
    expect(two.canary).toBeGreaterThanOrEqual(20);
    const one = usableIntervals({ perInterval: 140, cells: [70, 70], e: 0.1, least: 20, oneSample: true });
    expect(one.share).toBeCloseTo(poissonAtLeast(14, 20).p, 12);
  });
});
