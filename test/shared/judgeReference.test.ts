// The Mann-Whitney U test against SciPy: every case of test/fixtures/mannwhitneyu.json (written by
// scripts/judge-fixtures.py from scipy.stats.mannwhitneyu) must agree to 1e-9 in both the statistic
// and the p-value, and 'auto' must pick the method SciPy picked.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mannWhitney, type Alternative, type MethodChoice } from '../../shared/index.ts';

type Encoded = number | 'NaN' | 'Infinity' | '-Infinity';
interface Case {
  name: string;
  alternative: Alternative;
  method: MethodChoice;
  use_continuity: boolean;
  method_used: 'exact' | 'asymptotic';
  x: Encoded[];
  y: Encoded[];
  statistic: Encoded;
  pvalue: Encoded;
}
interface Fixtures {
  scipy: string;
  cases: Case[];
}

const fixtures = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../fixtures/mannwhitneyu.json'), 'utf8')) as Fixtures;
const decode = (v: Encoded): number => (typeof v === 'number' ? v : Number(v));

const TOLERANCE = 1e-9;

const judged = (c: Case) => mannWhitney(c.x.map(decode), c.y.map(decode), { alternative: c.alternative, method: c.method, useContinuity: c.use_continuity });

describe(`Mann-Whitney U against SciPy ${fixtures.scipy}`, () => {
  it('has the cases the brief asks for', () => {
    const cases = fixtures.cases;
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const alt of ['two-sided', 'less', 'greater']) expect(cases.some((c) => c.alternative === alt)).toBe(true);
    for (const m of ['auto', 'exact', 'asymptotic']) expect(cases.some((c) => c.method === m)).toBe(true);
    expect(cases.some((c) => c.x.length >= 2000 && c.y.length >= 2000)).toBe(true);
    expect(cases.some((c) => !c.use_continuity)).toBe(true);
  });

  it.each(fixtures.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = judged(c);
    const statistic = decode(c.statistic);
    const pvalue = decode(c.pvalue);
    if (Number.isNaN(statistic)) expect(r.statistic).toBeNaN();
    else expect(Math.abs(r.statistic - statistic)).toBeLessThanOrEqual(TOLERANCE);
    if (Number.isNaN(pvalue)) {
      expect(r.pvalue).toBeNaN();
      return;
    }
    const err = Math.abs(r.pvalue - pvalue);
    expect(err).toBeLessThanOrEqual(TOLERANCE);
    // Tiny p-values (1e-33, 1e-231) pass any absolute test trivially: hold them relatively too.
    if (pvalue > 0 && pvalue < 1e-6) expect(err / pvalue).toBeLessThan(1e-9);
    // 'auto' chose as SciPy did (NaN inputs short-circuit before any method is chosen).
    if (c.method === 'auto' && !Number.isNaN(statistic)) expect(r.method).toBe(c.method_used);
  });

  it('reports the largest error over every case', () => {
    // Computed here, not gathered by the tests above, so this test gives the same verdict run alone.
    const errors = fixtures.cases.flatMap((c) => {
      const pvalue = decode(c.pvalue);
      return Number.isNaN(pvalue) ? [] : [Math.abs(judged(c).pvalue - pvalue)];
    });
    expect(errors.length).toBeGreaterThan(0);
    const maxAbsError = Math.max(...errors);
    console.log(`Mann-Whitney vs SciPy ${fixtures.scipy}: max |Δp| = ${maxAbsError.toExponential(2)} over ${fixtures.cases.length} cases`);
    expect(maxAbsError).toBeLessThanOrEqual(TOLERANCE);
  });
});
