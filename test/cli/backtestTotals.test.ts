import { describe, expect, it } from 'vitest';
import { Plan, planToYaml, type BacktestRow } from '../../shared/index.ts';
import { cli, write } from '../support/cli.ts';
import { recording, samplesCsv } from '../support/recording.ts';
import { tempDir } from '../support/tmp.ts';

const MIN = 60_000;
const S = Date.UTC(2026, 2, 2, 8, 0, 0);

/** Total rows summed from the cells at each time, for the times `keep` takes. */
function totalsOf(cells: readonly BacktestRow[], keep: (t: number) => boolean): BacktestRow[] {
  const sums = new Map<string, BacktestRow>();
  for (const r of cells) {
    if (!keep(r.t)) continue;
    const key = `${r.t} ${r.cohort} ${r.metric}`;
    const sum = sums.get(key) ?? { ...r, region: '', device: '', tenant: '', value: 0, weight: 0 };
    sums.set(key, { ...sum, value: sum.value! + r.value! * r.weight, weight: sum.weight + r.weight });
  }
  return [...sums.values()].map((r) => ({ ...r, value: r.value! / r.weight }));
}

describe('npm run cli -- backtest, total rows beside cells', () => {
  const gates = [{ id: 'errors', kind: 'relative' as const, metric: 'error_rate' as const, op: 'lte' as const, factor: 1.25, segments: ['region' as const], minSamples: 500 }];
  const plan = Plan.parse({ name: 'Service canary', target: 'service', stages: [{ label: '1%', exposure: 1, minSoak: '10m', promotion: 'automatic', onFailure: 'rollback', gates }, { label: 'all', exposure: 100 }] });
  const dir = tempDir();
  const planFile = write(dir, 'plan.yaml', planToYaml(plan));
  const schedule = write(dir, 'schedule.csv', `t,stage\n${S},0\n`);
  const cells = recording({ start: S, durationMs: 20 * MIN, tickMs: 30_000, metrics: ['error_rate'] });
  const run = async (name: string, rows: readonly BacktestRow[]) => {
    const samples = write(dir, name, samplesCsv(rows));
    const r = await cli('backtest', '--plan', planFile, '--samples', samples, '--schedule', schedule, '--json');
    expect(r.code).toBe(0);
    return { samples, notes: r.err.split('\n').filter(Boolean) };
  };

  it('says when a minute judged on its total rows has cells at another time, which the total then leaves out', async () => {
    // Cells every 30 s, totals only on the minute: the :30 cells join their regions, not the total.
    const minutely = await run('minutely-totals.csv', [...cells, ...totalsOf(cells, (t) => (t - S) % MIN === 0)]);
    expect(minutely.notes).toHaveLength(1);
    expect(minutely.notes[0]).toMatch(new RegExp(`^${minutely.samples.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line \\d+: in 20 minutes, error_rate has cell rows at a time with no total row, beside total rows at another time of the minute: `));
    expect(minutely.notes[0]).toContain("the guard judges a minute's total on its total rows alone, so those cells join their segments but not the total");
    // A total at every time the cells have, or none at all: nothing to say.
    expect((await run('every-total.csv', [...cells, ...totalsOf(cells, () => true)])).notes).toEqual([]);
    expect((await run('cells.csv', cells)).notes).toEqual([]);
  });
});
