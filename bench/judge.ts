// The canary judge's throughput: one full analysis of 50 metrics, each 2,000 canary + 2,000 baseline
// values (Mann-Whitney test, means, medians, Hodges-Lehmann shift, classification, score), against
// SciPy's mannwhitneyu on the same data in the same run (Debian's /usr/bin/python3; the 50 calls
// alone, timed with time.perf_counter, SciPy handed NumPy arrays ready-made). Target: the whole
// analysis in at most half the time SciPy takes for the bare tests. Medians of several runs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JudgeConfig, judge, mannWhitney, normal, seededRandom, type JudgeData } from '../shared/index.ts';
import { median } from './median.ts';

const METRICS = 50;
const N = 2000;
const RUNS = 9;


/** Realistic metric data: lognormal latencies, a third rounded to whole ms (ties), a few regressed. */
function makeData(): { names: string[]; data: Record<string, { canary: number[]; baseline: number[] }> } {
  const random = seededRandom(20240611);
  const names: string[] = [];
  const data: Record<string, { canary: number[]; baseline: number[] }> = {};
  for (let m = 0; m < METRICS; m += 1) {
    const name = `metric_${m}`;
    const level = 50 + 10 * m;
    const shift = m % 10 === 0 ? 1.08 : 1;
    const round = m % 3 === 0 ? Math.round : (v: number) => v;
    const draw = (factor: number) => Array.from({ length: N }, () => round(level * factor * Math.exp(0.3 * normal(random))));
    names.push(name);
    data[name] = { canary: draw(shift), baseline: draw(1) };
  }
  return { names, data };
}

const PYTHON = `
import json, sys, time
import numpy as np
import scipy
from scipy.stats import mannwhitneyu
d = json.load(open(sys.argv[1]))
pairs = [(np.asarray(m['canary'], dtype=float), np.asarray(m['baseline'], dtype=float)) for m in d['metrics']]
runs = int(sys.argv[2])
times = []
for _ in range(runs + 1):
    t = time.perf_counter()
    res = [mannwhitneyu(x, y, alternative='greater') for x, y in pairs]
    times.append(time.perf_counter() - t)
print(json.dumps({'scipy': scipy.__version__, 'times_ms': [t * 1000 for t in times[1:]], 'pvalues': [float(r.pvalue) for r in res]}))
`;

export async function benchJudge(): Promise<void> {
  const { names, data } = makeData();
  const config = JudgeConfig.parse({ metrics: names.map((name) => ({ name, direction: 'increase', effect: { measure: 'ratio', allowedIncrease: 1.05 } })) });
  const judgeData: JudgeData = data;

  const analysis = () => judge(config, judgeData);
  for (let i = 0; i < 3; i += 1) analysis(); // warm up the JIT
  const ours: number[] = [];
  let result = analysis();
  for (let i = 0; i < RUNS; i += 1) {
    const t = performance.now();
    result = analysis();
    ours.push(performance.now() - t);
  }
  const testsOnly: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t = performance.now();
    for (const name of names) mannWhitney(data[name]!.canary, data[name]!.baseline, { alternative: 'greater' });
    testsOnly.push(performance.now() - t);
  }
  const oursMs = median(ours);
  console.log(`canary judge, ${METRICS} metrics × (${N} + ${N}) samples:`);
  console.log(`  full analysis: ${oursMs.toFixed(1)} ms median of ${RUNS} (${(oursMs / METRICS).toFixed(2)} ms per metric; outcome ${result.outcome}, score ${result.score?.toFixed(0)})`);
  console.log(`  Mann-Whitney tests alone: ${median(testsOnly).toFixed(1)} ms`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagegate-bench-judge-'));
  try {
    const file = path.join(dir, 'data.json');
    fs.writeFileSync(file, JSON.stringify({ metrics: names.map((n) => data[n]) }));
    const py = spawnSync('/usr/bin/python3', ['-c', PYTHON, file, String(RUNS)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (py.status !== 0) {
      console.log(`  SciPy comparison skipped: /usr/bin/python3 with SciPy not available (${(py.stderr || String(py.error)).trim().split('\n').pop()})`);
      return;
    }
    const ref = JSON.parse(py.stdout) as { scipy: string; times_ms: number[]; pvalues: number[] };
    const scipyMs = median(ref.times_ms);
    const maxDiff = Math.max(...result.metrics.map((m, i) => Math.abs((m.test?.pValue ?? Number.NaN) - ref.pvalues[i]!)));
    const ratio = oursMs / scipyMs;
    console.log(`  SciPy ${ref.scipy} mannwhitneyu, the same ${METRICS} tests: ${scipyMs.toFixed(1)} ms median of ${RUNS}`);
    console.log(`  ratio judge / SciPy: ${ratio.toFixed(2)} (target ≤ 0.50: ${ratio <= 0.5 ? 'met' : 'NOT met'}); max |Δp| vs SciPy ${maxDiff.toExponential(1)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchJudge();
