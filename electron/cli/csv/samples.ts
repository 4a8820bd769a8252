import { Cohort, FILE_ROWS, MAX_LABEL_LENGTH, METRICS, MetricName, observationsByMetric, overlapFixText, overlappingMetrics, overlapReadingText, SAMPLE_BLOCK_MS, valueProblem, type BacktestRow } from '../../../shared/index.ts';
import { parseNumber, parseTime, parseValue, type Parsed } from './fields.ts';
import { Problems, readTable, type Table, type TableRow } from './table.ts';

export const SAMPLE_COLUMNS = ['t', 'cohort', 'metric', 'value', 'weight'] as const;
export const LABEL_COLUMNS = ['region', 'device', 'tenant'] as const;

// Cohorts and metrics in any case (Canary, BASELINE, Error_Rate), read as their lower-case names;
// labels are data, and keep their case.
const COHORTS: ReadonlySet<string> = new Set(Cohort.options);
const KNOWN_METRICS: ReadonlySet<string> = new Set(MetricName.options);

export interface SampleRows {
  rows: BacktestRow[];
  /** The file line of each row, for naming a row the core refused. */
  lines: number[];
  /** Rows left out, per metric: metrics Stagegate knows that the plan does not gate (a recording holds more than a plan judges). */
  skipped: Partial<Record<MetricName, number>>;
}

/**
 * Crash-free users written as fractions (0.995) are in range and read as 0.995 % crash-free, a canary
 * and baseline both crashing for nearly everyone: nothing would ever pass or fail. No real app is
 * under 1 % crash-free in every row, so that file is said to be likely in the wrong unit.
 */
function fractionNote(file: string, rows: readonly BacktestRow[]): string | null {
  let seen = 0;
  for (const r of rows) {
    if (r.metric !== 'crash_free_users' || r.value === null) continue;
    if (r.value > 1) return null;
    seen += 1;
  }
  return seen > 0 ? `${file}: every crash_free_users value is at most 1: it is read in percent (99.5 for 99.5 % crash-free); if these are fractions, multiply them by 100` : null;
}

/**
 * Rows with a value that the guard still leaves out: weight 0 (nothing behind the value to weigh),
 * or a quantile or level of 0, which it compares by ratio. Legal rows, so said rather than refused.
 */
function unweighedNote(file: string, rows: readonly BacktestRow[]): string | null {
  let zeroWeight = 0;
  const zeroValue = new Map<MetricName, number>();
  for (const r of rows) {
    if (r.value === null) continue;
    if (!(r.weight > 0)) zeroWeight += 1;
    else if (r.value === 0 && METRICS[r.metric].model.kind !== 'rate') zeroValue.set(r.metric, (zeroValue.get(r.metric) ?? 0) + 1);
  }
  const parts = [...(zeroWeight ? [`${zeroWeight} of weight 0`] : []), ...[...zeroValue].map(([metric, n]) => `${n} of ${metric} at 0, which is compared by ratio`)];
  const total = zeroWeight + [...zeroValue.values()].reduce((a, b) => a + b, 0);
  return total ? `${file}: ${total} ${total === 1 ? 'row has a value that is' : 'rows have a value that is'} left out of every judgement: ${parts.join('; ')}` : null;
}

/**
 * Rate rows whose windows look longer than their spacing (shared/evidence/serial.ts): each event is
 * counted in several rows, and the guard takes every row for an independent draw. Said per metric,
 * with the reading, since no single row can show it.
 */
function overlapNotes(file: string, rows: readonly BacktestRow[]): string[] {
  if (rows.length === 0) return [];
  const anchor = rows.reduce((m, r) => Math.min(m, r.t), Number.POSITIVE_INFINITY);
  const rates = observationsByMetric(rows, (r) => METRICS[r.metric].model.kind === 'rate');
  return overlappingMetrics(rates, { ms: SAMPLE_BLOCK_MS, anchor }).map(
    (o) => `${file}: ${overlapReadingText(o, FILE_ROWS)}. ${overlapFixText(FILE_ROWS)}`,
  );
}

/** A number per cohort and metric (cohort × metrics + metric), SERIES_COUNT in all. */
const COHORT_INDEX = new Map(Cohort.options.map((cohort, i) => [cohort, i]));
const METRIC_INDEX = new Map(MetricName.options.map((metric, i) => [metric, i]));
const SERIES_COUNT = Cohort.options.length * MetricName.options.length;

/** The map under `key`, made if absent. */
export function within<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

interface Repeats {
  /** Rows for a series and time an earlier row of the file already has. */
  repeats: number;
  /** Of them, rows whose value or weight differs from the row they repeat. */
  conflicts: number;
  /** The first such pair, as indexes of `rows`. */
  first: [number, number] | null;
}

/**
 * Rows for a series and time an earlier row of the file already has: the store keeps one of them.
 * Per cell (region, device, tenant), a map of time × series numbers to the row: no string key made per row.
 */
function repeatedRows(rows: readonly BacktestRow[]): Repeats {
  const cells = new Map<string, Map<string, Map<string, Map<number, number>>>>();
  const found: Repeats = { repeats: 0, conflicts: 0, first: null };
  rows.forEach((r, i) => {
    const seen = within(within(within(cells, r.region, () => new Map()), r.device, () => new Map()), r.tenant, () => new Map<number, number>());
    const key = r.t * SERIES_COUNT + COHORT_INDEX.get(r.cohort)! * MetricName.options.length + METRIC_INDEX.get(r.metric)!;
    const earlier = seen.get(key);
    if (earlier === undefined) {
      seen.set(key, i);
      return;
    }
    found.repeats += 1;
    const before = rows[earlier]!;
    if (before.value === r.value && before.weight === r.weight) return;
    found.conflicts += 1;
    found.first ??= [earlier, i];
    // The later row is what the store keeps: the next repeat is compared with it.
    seen.set(key, i);
  });
  return found;
}

/** What the repeats mean: a later row replaces an earlier one; where they differ, the file's order decides what is judged. */
function repeatNotes(file: string, { repeats, conflicts, first }: Repeats, lines: readonly number[]): string[] {
  const notes: string[] = [];
  const same = repeats - conflicts;
  if (same > 0) notes.push(`${file}: ${same} ${same === 1 ? 'row repeats' : 'rows repeat'} the cohort, metric, labels, time, value and weight of an earlier row; the later replaces the earlier, as a batch sent again does`);
  if (conflicts > 0 && first) {
    notes.push(
      `${file}: ${conflicts} ${conflicts === 1 ? 'row gives' : 'rows give'} another value or weight for the cohort, metric, labels and time of an earlier row (first: line ${lines[first[1]]}, after line ${lines[first[0]]}); the later line is kept, so the file's order decides what is judged (a value per pod or host needs a label of its own, or pooling first)`,
    );
  }
  return notes;
}

/**
 * A judged row of the table as a BacktestRow, or null when it has problems, each added to `problems`
 * by line and column. Cheap per row, as a file holds tens of thousands: times are parsed once per
 * text (a recording repeats each time across its cells and metrics), names checked against Sets.
 */
function rowReader(table: Table, problems: Problems): (row: TableRow, metric: MetricName | null, unknown: string | null) => BacktestRow | null {
  const [tOf, cohortOf, valueOf, weightOf] = [table.column('t'), table.column('cohort'), table.column('value'), table.column('weight')];
  const labels = LABEL_COLUMNS.map((label) => [label, table.column(label)] as const);
  const [regionOf, deviceOf, tenantOf] = labels.map(([, of]) => of) as [(row: TableRow) => string, (row: TableRow) => string, (row: TableRow) => string];
  const times = new Map<string, Parsed<number>>();
  return (row, metric, unknown) => {
    const before = problems.count;
    const wrong = (column: string, message: string): void => problems.add(row.line, column, message);
    const text = tOf(row);
    let t = times.get(text);
    if (!t) times.set(text, (t = parseTime(text)));
    if (!t.ok) wrong('t', t.message);
    const cohort = cohortOf(row).toLowerCase() as Cohort;
    if (!COHORTS.has(cohort)) wrong('cohort', `"${cohortOf(row)}" is not canary or baseline`);
    if (unknown) wrong('metric', unknown);
    const value = parseValue(valueOf(row));
    if (!value.ok) wrong('value', value.message);
    else if (metric && value.value !== null) {
      const problem = valueProblem(metric, value.value);
      if (problem) wrong('value', problem);
    }
    // A missing value stands on nothing, so its weight may be left empty too: it counts toward nothing.
    const weight = value.ok && value.value === null && weightOf(row) === '' ? { ok: true as const, value: 0 } : parseNumber(weightOf(row));
    if (!weight.ok) wrong('weight', weight.message);
    else if (weight.value < 0) wrong('weight', `${weight.value} is negative; a weight is a count of requests, sessions or users`);
    for (const [label, of] of labels) if (of(row).length > MAX_LABEL_LENGTH) wrong(label, `at most ${MAX_LABEL_LENGTH} characters`);
    if (problems.count > before || !metric || !t.ok || !value.ok || !weight.ok) return null;
    return { t: t.value, cohort, metric, value: value.value, weight: weight.value, region: regionOf(row), device: deviceOf(row), tenant: tenantOf(row) };
  };
}

/**
 * SAMPLES.csv: `t,cohort,metric,value,weight,region,device,tenant`. A row with all three labels empty
 * is a total; labelled rows are cells. `metrics` are the metrics judged (a backtest's plan's gate
 * metrics, never empty: planFile.ts ▸ readGatedPlan refuses a plan without gates; null: every metric
 * Stagegate knows, as ingest stores them): a row of another metric Stagegate knows is left out and
 * counted, a name it does not know (a typo) is refused. Columns the format does not have are left
 * out and said through `note`.
 */
export function readSamples(file: string, text: string, metrics: readonly MetricName[] | null = null, note: (message: string) => void = () => {}): SampleRows {
  const table = readTable(file, text, SAMPLE_COLUMNS, LABEL_COLUMNS, note);
  const problems = new Problems(file);
  const judged: ReadonlySet<string> = new Set(metrics ?? MetricName.options);
  const unknownMetric = (written: string): string =>
    `"${written}" is not a metric Stagegate knows; ${metrics ? `the plan gates ${metrics.join(', ')}` : `the metrics it knows are ${MetricName.options.join(', ')}`}`;
  const metricOf = table.column('metric');
  const read = rowReader(table, problems);
  const rows: BacktestRow[] = [];
  const lines: number[] = [];
  const skipped: Partial<Record<MetricName, number>> = {};
  if (table.rows.length === 0) problems.add(null, null, 'there are no rows after the header');
  for (const row of table.rows) {
    const metric = metricOf(row).toLowerCase() as MetricName;
    const known = KNOWN_METRICS.has(metric);
    // A row the plan does not judge is counted and left out unread, its time and cohort too: it cannot fail what does not judge it.
    if (known && !judged.has(metric)) {
      skipped[metric] = (skipped[metric] ?? 0) + 1;
      continue;
    }
    const sample = read(row, known ? metric : null, known ? null : unknownMetric(metricOf(row)));
    if (!sample) continue;
    rows.push(sample);
    lines.push(row.line);
  }
  const fraction = fractionNote(file, rows);
  if (fraction) note(fraction);
  const unweighed = unweighedNote(file, rows);
  if (unweighed) note(unweighed);
  for (const overlap of overlapNotes(file, rows)) note(overlap);
  for (const repeat of repeatNotes(file, repeatedRows(rows), lines)) note(repeat);
  if (table.rows.length > 0 && rows.length === 0 && !problems.any && metrics) {
    problems.add(null, 'metric', `no row is of a metric the plan gates (${metrics.join(', ')})`);
  }
  problems.check();
  return { rows, lines, skipped };
}
