// The e-processes' likelihood ratios against SciPy: every increment is a difference of binomial
// log-probabilities, so scipy.stats.binom.logpmf is an external oracle for each grid point.
// (CI installs Debian's python3-scipy: scripts/install-test-deps.sh.)
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { EFFECT_GRID, logistic, oneRateIncrements, signIncrements, twoRateIncrements } from '../../shared/index.ts';

interface Case {
  kind: 'one' | 'two' | 'sign';
  x: number;
  n: number;
  p0: number;
  p: number[];
}

const SCRIPT = `
import json, sys
from scipy.stats import binom
cases = json.load(sys.stdin)
print(json.dumps([[float(binom.logpmf(c["x"], c["n"], p) - binom.logpmf(c["x"], c["n"], c["p0"])) for p in c["p"]] for c in cases]))
`;

function scipy(cases: Case[]): number[][] {
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', SCRIPT], { input: JSON.stringify(cases), encoding: 'utf8' })) as number[][];
}

describe('log-likelihood-ratio increments equal SciPy binomial log-pmf differences', () => {
  it('for one rate, two rates conditioned on their sum, and signs, on every grid point', () => {
    const cases: Case[] = [];
    const ours: number[][] = [];
    const out = new Float64Array(EFFECT_GRID.length);
    for (const [x, n, p0, sign] of [[3, 1000, 0.005, 1], [0, 400, 0.003, 1], [57, 2000, 0.03, -1], [12, 12, 0.2, 1]] as const) {
      oneRateIncrements(x, n, p0, sign, out);
      ours.push([...out]);
      cases.push({ kind: 'one', x, n, p0, p: EFFECT_GRID.map((d) => Math.min(1 - 1e-12, p0 * Math.exp(sign * d))) });
    }
    for (const [xc, nc, xb, nb, r0, sign] of [[4, 120, 30, 3000, 1.25, 1], [0, 50, 9, 4950, 1.25, 1], [40, 1000, 300, 9000, 0.88, -1]] as const) {
      twoRateIncrements(xc, nc, xb, nb, r0, sign, out);
      ours.push([...out]);
      const share = (r: number) => (r * nc) / (r * nc + nb);
      cases.push({ kind: 'two', x: xc, n: xc + xb, p0: share(r0), p: EFFECT_GRID.map((d) => share(r0 * Math.exp(sign * d))) });
    }
    for (const [y, sign] of [[1, 1], [0, 1], [1, -1]] as const) {
      signIncrements(y, sign, out);
      ours.push([...out]);
      cases.push({ kind: 'sign', x: y, n: 1, p0: 0.5, p: EFFECT_GRID.map((d) => logistic(sign * d)) });
    }
    const reference = scipy(cases);
    let worst = 0;
    reference.forEach((row, i) => row.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - ours[i]![k]!)))));
    expect(reference).toHaveLength(cases.length);
    expect(worst).toBeLessThan(1e-9);
  });
});
