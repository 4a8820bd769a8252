import type { ScheduleRow } from '../../../shared/index.ts';
import { parseTime } from './fields.ts';
import { Problems, readTable } from './table.ts';

/** SCHEDULE.csv: `t,stage` — from t on, the plan stage with that 0-based index was in force; times increase. A row naming the stage already in force changes nothing (core/backtest/run.ts). */
export function readSchedule(file: string, text: string, stageCount: number, note: (message: string) => void = () => {}): ScheduleRow[] {
  const table = readTable(file, text, ['t', 'stage'], [], note);
  const [tOf, stageOf] = [table.column('t'), table.column('stage')];
  const problems = new Problems(file);
  const rows: ScheduleRow[] = [];
  if (table.rows.length === 0) problems.add(null, null, 'there are no rows after the header');
  let previous: number | null = null;
  for (const row of table.rows) {
    const t = parseTime(tOf(row));
    if (!t.ok) problems.add(row.line, 't', t.message);
    else if (previous !== null && t.value <= previous) problems.add(row.line, 't', 'times must increase from row to row');
    const cell = stageOf(row);
    // 1.0 as well: pandas writes an integer column that held a NaN so.
    const stage = /^\d+(\.0*)?$/.test(cell) ? Number(cell) : NaN;
    if (!(stage < stageCount)) problems.add(row.line, 'stage', `"${cell}" is not a stage of the plan (0 to ${stageCount - 1})`);
    if (t.ok) previous = t.value;
    if (t.ok && stage < stageCount) rows.push({ t: t.value, stage });
  }
  problems.check();
  return rows;
}
