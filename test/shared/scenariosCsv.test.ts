import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BacktestRow, ScheduleRow } from '../../shared/backtest/types.ts';
import { stagesOfPlan } from '../../shared/plans/plan.ts';
import { planFromYaml } from '../../shared/plans/yaml.ts';
import { buildScenario, corpusSpecs, SAMPLE_COLUMNS, scenarioToCsv, type Scenario } from '../../shared/sim/scenarios/index.ts';
import { writeCorpus } from '../../scripts/write-corpus.ts';
import { tempDir } from '../support/tmp.ts';

/** RFC 4180 fields of one line: quoted fields may hold commas and doubled quotes. */
function fields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i]!;
    if (quoted && ch === '"' && line[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

function readSamples(csv: string): { header: string[]; rows: BacktestRow[] } {
  const [head, ...lines] = csv.trimEnd().split('\n');
  return {
    header: fields(head!),
    rows: lines.map((line) => {
      const [t, cohort, metric, value, weight, region, device, tenant] = fields(line);
      return { t: Number(t), cohort, metric, value: value === '' ? null : Number(value), weight: Number(weight), region, device, tenant } as BacktestRow;
    }),
  };
}

function messyScenario(): Scenario {
  const spec = corpusSpecs({ seed: 5, count: 20 }).find((s) => s.planKind === 'service')!;
  const scenario = buildScenario({ ...spec, dataProblems: { ...spec.dataProblems, missingShare: 0.02, nanShare: 0.02, zeroWeightShare: 0.02 } });
  // A segment key with a comma and a quote must not shift the columns.
  scenario.rows[0] = { ...scenario.rows[0]!, region: 'eu,"west"' };
  return scenario;
}

describe('scenario CSV', () => {
  it('round-trips every sample field: times, cohorts, metrics, missing and NaN values, zero weights, empty tenants', () => {
    const scenario = messyScenario();
    const { header, rows } = readSamples(scenarioToCsv(scenario).samplesCsv);
    expect(header).toEqual([...SAMPLE_COLUMNS]);
    expect(rows).toEqual(scenario.rows);
    expect(rows.some((r) => r.value === null)).toBe(true);
    expect(rows.some((r) => r.value !== null && Number.isNaN(r.value))).toBe(true);
    expect(rows.some((r) => r.weight === 0)).toBe(true);
    expect(rows[0]!.region).toBe('eu,"west"');
  });

  it('writes the schedule and a plan YAML that reads back as the same plan', () => {
    const scenario = messyScenario();
    const files = scenarioToCsv(scenario);
    const [head, ...lines] = files.scheduleCsv.trimEnd().split('\n');
    expect(head).toBe('t,stage');
    expect(lines.map((l): ScheduleRow => ({ t: Number(l.split(',')[0]), stage: Number(l.split(',')[1]) }))).toEqual(scenario.schedule);
    const plan = planFromYaml(files.planYaml);
    if (!plan.ok) throw new Error(plan.error.message);
    // The YAML writes durations in words ("15m"); compare them as the seconds a release stores.
    expect(stagesOfPlan(plan.value)).toEqual(stagesOfPlan(scenario.plan));
    expect({ ...plan.value, stages: [] }).toEqual({ ...scenario.plan, stages: [] });
  });

  it('npm run corpus writes one folder per scenario with its four files', () => {
    const dir = tempDir('stagegate-corpus-');
    const lines: string[] = [];
    expect(writeCorpus(['--out', dir, '--count', '3', '--seed', '8'], (l) => lines.push(l))).toBe(0);
    const ids = corpusSpecs({ seed: 8, count: 3 }).map((s) => s.id);
    expect(fs.readdirSync(dir).sort()).toEqual([...ids].sort());
    expect(fs.readdirSync(path.join(dir, ids[0]!)).sort()).toEqual(['plan.yaml', 'samples.csv', 'schedule.csv', 'truth.json']);
    const truth = JSON.parse(fs.readFileSync(path.join(dir, ids[0]!, 'truth.json'), 'utf8')) as { id: string; truth: { kind: string } };
    expect(truth.id).toBe(ids[0]);
    expect(lines.at(-1)).toContain('Wrote 3 scenarios');
    expect(writeCorpus(['--count', '3'], () => {})).toBe(2);
  });
});
