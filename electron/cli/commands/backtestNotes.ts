import { blockEnd, formatDuration, isTotalRow, sampleBlocksOf, type BacktestRow, type Plan, type ScheduleRow } from '../../../shared/index.ts';
import { within } from '../csv/samples.ts';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

export interface Recording {
  /** The files, as the person named them. */
  samplesFile: string;
  scheduleFile: string;
  plan: Plan;
  rows: readonly BacktestRow[];
  /** The file line of each row. */
  lines: readonly number[];
  schedule: readonly ScheduleRow[];
  every: number;
}

export const iso = (t: number): string => new Date(t).toISOString();
const span = (ms: number): string => formatDuration(Math.max(1, Math.floor(ms / 1000)));

/**
 * What the looks will not see, said before they run: a backtest of nothing but no_data, or with its
 * regression in an unjudged tail, exited 0 with "No stop" and not a word (audit 2, findings 7, 10, 11).
 * `rows` are those after the schedule's first time, at least one.
 */
export function recordingNotes(r: Recording): string[] {
  const notes: string[] = [];
  const start = r.schedule[0]!.t;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const row of r.rows) {
    if (row.t < first) first = row.t;
    if (row.t > last) last = row.t;
  }
  const lastLook = start + Math.floor((last - start) / r.every) * r.every;
  const looksBefore = Math.floor((first - start) / r.every);
  if (looksBefore >= 10 && first - start >= HOUR) {
    notes.push(`${r.samplesFile}: the first row ends ${span(first - start)} after the schedule's first time (${iso(start)}): the first ${looksBefore.toLocaleString('en')} looks see no row (is a time zone off?)`);
  }
  const tail = r.rows.filter((row) => row.t > lastLook).length;
  if (tail > 0) {
    notes.push(`${r.samplesFile}: ${tail.toLocaleString('en')} ${tail === 1 ? 'row ends' : 'rows end'} after the last look (${iso(lastLook)}) and ${tail === 1 ? 'is' : 'are'} not judged: the next look, at ${iso(lastLook + r.every)}, would fall after the last row`);
  }
  r.schedule.forEach((change, i) => {
    const label = `stage ${change.stage} (${r.plan.stages[change.stage]?.label ?? '?'})`;
    if (i > 0 && change.t >= lastLook) {
      notes.push(`${r.scheduleFile}: ${label} from ${iso(change.t)} is not reached: the last look is at ${iso(lastLook)}, the last row ends at ${iso(last)}`);
      return;
    }
    const end = Math.min(r.schedule[i + 1]?.t ?? lastLook, lastLook);
    const firstLook = start + (Math.floor((change.t - start) / r.every) + 1) * r.every;
    if (firstLook > end) notes.push(`${r.scheduleFile}: ${label}, from ${iso(change.t)} to ${iso(end)}, has no look of its own with a look every ${span(r.every)}: no decision can fall in it`);
  });
  if (r.every % MINUTE !== 0) {
    notes.push(`--look-every ${span(r.every)}: the guard judges whole minutes, so a look between two minute ends sees the rows of the minute it falls in only at the first look at or after that minute's end`);
  }
  notes.push(...gapNotes(r, last - start));
  notes.push(...absentNotes(r));
  notes.push(...labelNotes(r));
  notes.push(...mixNotes(r));
  notes.push(...cadenceNotes(r));
  return notes;
}

/** Past this share of the canary's traffic placed otherwise than the baseline's, a pooled total compares two mixes. */
const MIX_NOTE_SHARE = 0.1;

/**
 * Total rows beside cells are the total, judged alone: at their own mix of cells. Where the canary's
 * traffic falls on the cells unlike the baseline's, that total compares two mixes, and a healthy
 * canary leaning to slow cells fails it (audit 6, F4), with nothing said. Read over the whole file.
 */
function mixNotes(r: Recording): string[] {
  const withTotals = new Set<string>();
  const traffic = new Map<string, Map<string, { canary: number; baseline: number }>>();
  for (const row of r.rows) {
    if (!(row.weight > 0)) continue;
    if (isTotalRow(row)) {
      withTotals.add(row.metric);
      continue;
    }
    const cell = within(within(traffic, row.metric, () => new Map()), LABELS.map((label) => row[label]).join('\u0000'), () => ({ canary: 0, baseline: 0 }));
    cell[row.cohort] += row.weight;
  }
  const notes: string[] = [];
  for (const metric of withTotals) {
    const cells = [...(traffic.get(metric)?.values() ?? [])];
    const canary = cells.reduce((a, c) => a + c.canary, 0);
    const baseline = cells.reduce((a, c) => a + c.baseline, 0);
    if (cells.length < 2 || !(canary > 0) || !(baseline > 0)) continue;
    // Half the summed differences of the two cohorts' shares: the share of the canary's traffic to move to match the baseline's split.
    const moved = cells.reduce((a, c) => a + Math.abs(c.canary / canary - c.baseline / baseline), 0) / 2;
    if (moved <= MIX_NOTE_SHARE) continue;
    notes.push(
      `${r.samplesFile}: ${metric} has total rows beside its cells, and ${Math.round(moved * 100)} % of the canary's traffic falls on the cells otherwise than the baseline's: the total is judged on the total rows alone, which compare the two mixes; leave the total rows out to have it judged within the cells`,
    );
  }
  return notes;
}

const LABELS = ['region', 'device', 'tenant'] as const;

/**
 * The guard pools each minute's rows (minutes from the schedule's first time) and judges a minute's
 * total on its total rows alone when it has any. Cells at another time of such a minute (every 30 s,
 * beside totals every minute) then join their segments but not the total: said, since the rule is
 * per minute and a file read per time would count them (audit 8, #4).
 */
function cadenceNotes(r: Recording): string[] {
  // The blocks the backtest's guard pools rows into (a recording is pushed rows from the schedule's first time).
  const blocks = sampleBlocksOf('push', r.schedule[0]!.t);
  const keyOf = (row: BacktestRow, block: number): string => `${row.metric}\u0000${row.cohort}\u0000${block}`;
  const totalTimes = new Map<string, Set<number>>();
  for (const row of r.rows) if (row.value !== null && isTotalRow(row)) within(totalTimes, keyOf(row, blockEnd(row.t, blocks)), () => new Set()).add(row.t);
  const found = new Map<string, { minutes: Set<number>; line: number }>();
  r.rows.forEach((row, i) => {
    if (row.value === null || isTotalRow(row)) return;
    const block = blockEnd(row.t, blocks);
    const times = totalTimes.get(keyOf(row, block));
    if (!times || times.has(row.t)) return;
    within(found, row.metric, () => ({ minutes: new Set(), line: r.lines[i]! })).minutes.add(block);
  });
  return [...found].map(
    ([metric, { minutes, line }]) =>
      `${r.samplesFile}: line ${line}: in ${minutes.size} ${minutes.size === 1 ? 'minute' : 'minutes'}, ${metric} has cell rows at a time with no total row, beside total rows at another time of the minute: the guard judges a minute's total on its total rows alone, so those cells join their segments but not the total; write a total row at each time the cells have, or leave the total rows out`,
  );
}
const TOTAL_WORDS = new Set(['all', 'total', '*', 'any', 'overall']);

/**
 * Rows of one metric labelled by a part of what other rows of it are labelled by (region alone beside
 * region × device) are cells of their own: a subtotal exported beside its cells is counted twice, in
 * its segment and in the pooled total. A label written as a total ("all") is a segment of that name.
 */
function labelNotes(r: Recording): string[] {
  const shapes = new Map<string, Set<number>>();
  const totalWords = new Set<string>();
  for (const row of r.rows) {
    let shape = 0;
    LABELS.forEach((label, bit) => {
      const value = row[label];
      if (value === '') return;
      shape |= 1 << bit;
      if (TOTAL_WORDS.has(value.toLowerCase())) totalWords.add(`${label} "${value}"`);
    });
    if (shape) within(shapes, row.metric, () => new Set()).add(shape);
  }
  const named = (shape: number): string => LABELS.filter((_, bit) => shape & (1 << bit)).join(' and ');
  const notes: string[] = [];
  for (const [metric, seen] of shapes) {
    const part = [...seen].find((a) => [...seen].some((b) => a !== b && (a & b) === a));
    if (part === undefined) continue;
    const whole = [...seen].find((b) => b !== part && (part & b) === part)!;
    notes.push(`${r.samplesFile}: rows of ${metric} labelled by ${named(part)} alone beside rows labelled by ${named(whole)}: each row is a cell, so a subtotal row is counted twice, in its segment and in the total pooled from cells; leave subtotals out`);
  }
  if (totalWords.size > 0) notes.push(`${r.samplesFile}: ${[...totalWords].join(', ')} ${totalWords.size === 1 ? 'is' : 'are'} judged as a segment of that name, not as a total: a total row leaves region, device and tenant empty`);
  return notes;
}

/** A row far past the others — a mistyped year — makes a backtest of looks at nothing; its line is named. */
function gapNotes(r: Recording, recorded: number): string[] {
  const times = Float64Array.from(r.rows, (row) => row.t).sort();
  let widest = 0;
  let end = 0;
  for (let k = 1; k < times.length; k += 1) {
    const gap = times[k]! - times[k - 1]!;
    if (gap > widest) [widest, end] = [gap, times[k]!];
  }
  if (widest < HOUR || widest < recorded / 4) return [];
  const after = r.rows.findIndex((row) => row.t === end);
  return [`${r.samplesFile}: line ${r.lines[after]}: its time (${iso(end)}) comes ${span(widest)} after the row before it; the looks between see no row`];
}

/**
 * A gate whose metric has no row of a cohort it needs is no_data at every look. A threshold needs
 * only the canary: without a baseline it is judged against the threshold itself.
 */
function absentNotes(r: Recording): string[] {
  const cohorts = new Map<string, Set<string>>();
  for (const row of r.rows) within(cohorts, row.metric, () => new Set()).add(row.cohort);
  const has = (metric: string, cohort: string): boolean => cohorts.get(metric)?.has(cohort) ?? false;
  const missing = new Map<string, Set<string>>();
  for (const stage of r.plan.stages) {
    for (const gate of stage.gates) {
      const needs = gate.kind === 'threshold' ? (['canary'] as const) : (['canary', 'baseline'] as const);
      const absent = needs.filter((cohort) => !has(gate.metric, cohort));
      if (absent.length === 0) continue;
      const what = absent.length === 2 || !cohorts.has(gate.metric) ? `no row of ${gate.metric}` : `no ${absent[0]} row of ${gate.metric}`;
      missing.set(what, (missing.get(what) ?? new Set()).add(gate.id));
    }
  }
  return [...missing].map(([what, ids]) => `${r.samplesFile}: ${what}: ${ids.size === 1 ? 'gate' : 'gates'} ${[...ids].join(', ')} ${ids.size === 1 ? 'judges' : 'judge'} it, and will have no data at any look`);
}
