// `npm run corpus -- --out DIR [--count N] [--seed S]`: writes the evaluation corpus as the files the
// CLI backtest reads, one folder per scenario: samples.csv, schedule.csv, plan.yaml, and truth.json
// (the answer key and every knob, for scoring and for reading what a scenario holds).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildScenario, corpusSpecs, scenarioToCsv } from '../shared/sim/scenarios/index.ts';

const USAGE = 'Usage: npm run corpus -- --out DIR [--count N (300)] [--seed S (1)]';

export function writeCorpus(argv: string[], out: (line: string) => void = console.log): number {
  const { values } = parseArgs({
    args: argv,
    options: { out: { type: 'string' }, count: { type: 'string', default: '300' }, seed: { type: 'string', default: '1' }, help: { type: 'boolean', default: false } },
  });
  const count = Number(values.count);
  const seed = Number(values.seed);
  if (values.help || !values.out || !Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
    out(USAGE);
    return values.help ? 0 : 2;
  }
  const dir = path.resolve(values.out);
  for (const spec of corpusSpecs({ seed, count })) {
    const scenario = buildScenario(spec);
    const files = scenarioToCsv(scenario);
    const folder = path.join(dir, scenario.id);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'samples.csv'), files.samplesCsv);
    fs.writeFileSync(path.join(folder, 'schedule.csv'), files.scheduleCsv);
    fs.writeFileSync(path.join(folder, 'plan.yaml'), files.planYaml);
    fs.writeFileSync(path.join(folder, 'truth.json'), JSON.stringify({ id: scenario.id, seed: scenario.seed, lookEveryMs: scenario.lookEveryMs, truth: scenario.truth, spec }, null, 2) + '\n');
  }
  out(`Wrote ${count} scenarios (seed ${seed}) to ${dir}`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(writeCorpus(process.argv.slice(2)));
