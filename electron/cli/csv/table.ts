import { parse, type CsvError } from 'csv-parse/sync';

/** A problem in a file, where a person finds it: the file, its line (the header is line 1) and column. */
export class FileProblems extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems[0] ?? 'the file has problems');
    this.name = 'FileProblems';
    this.problems = problems;
  }
}

const MAX_LISTED = 20;

/** Collects a file's problems, each named by line and column; at most 20 are listed, the rest counted. */
export class Problems {
  readonly #file: string;
  readonly #listed: string[] = [];
  #count = 0;
  constructor(file: string) {
    this.#file = file;
  }
  add(line: number | null, column: string | null, message: string): void {
    this.#count += 1;
    if (this.#listed.length >= MAX_LISTED) return;
    const where = [line === null ? null : `line ${line}`, column === null ? null : `column "${column}"`].filter(Boolean).join(', ');
    this.#listed.push(`${this.#file}: ${where ? `${where}: ` : ''}${message}`);
  }
  get any(): boolean {
    return this.#count > 0;
  }
  /** Throws every problem found so far, if any. */
  check(): void {
    if (this.#count === 0) return;
    const more = this.#count - this.#listed.length;
    throw new FileProblems(more > 0 ? [...this.#listed, `${this.#file}: and ${more} more problems`] : this.#listed);
  }
}

export interface TableRow {
  /** The line of the file the row ends on. */
  line: number;
  /** The cell of a column, '' for an optional column the file does not have. */
  cell(column: string): string;
}

/** csv-parse's refusals in a person's words; its own message for the rest. */
function csvProblem(e: CsvError): string {
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') return 'the file ends inside a quoted field: a quote opened on this line or before is never closed';
  if (e.code === 'INVALID_OPENING_QUOTE') return 'a quote inside a field that does not start with one: quote the whole field, and write the quote twice ("")';
  if (e.code === 'CSV_INVALID_CLOSING_QUOTE' || e.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE') return 'text after the closing quote of a field: a quote inside a quoted field is written twice ("")';
  return `not valid CSV: ${e.message}`;
}

/**
 * Reads a CSV file with a header line: the required columns must be there, optional ones may be;
 * columns may come in any order. Any other column is left out, and said through `note` (pandas writes
 * its index as an unnamed first column) — unless a required column is missing, when it is named
 * beside it as a likely misspelling. Names are read in any case. Blank lines are skipped, cells trimmed; a row of more or fewer
 * fields than the header is named with both counts.
 */
export function readTable(file: string, text: string, required: readonly string[], optional: readonly string[] = [], note: (message: string) => void = () => {}): TableRow[] {
  const problems = new Problems(file);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // Rows of the wrong length are taken, and named below with the header's count.
    records = parse(text, { info: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }) as unknown as typeof records;
  } catch (error) {
    const e = error as CsvError & { lines?: number };
    problems.add(typeof e.lines === 'number' ? e.lines : null, null, csvProblem(e));
    problems.check();
    throw error;
  }
  const [header, ...body] = records;
  if (!header) {
    problems.add(null, null, `the file is empty; it needs the header ${[...required, ...optional].join(',')}`);
    problems.check();
  }
  const index = new Map<string, number>();
  const unknown: string[] = [];
  const columns = [...required, ...optional].join(',');
  // Header names in any case (T,COHORT,… from a tool that shouts): the columns are named in lower case.
  header!.record.forEach((written, i) => {
    const name = written.toLowerCase();
    if (!required.includes(name) && !optional.includes(name)) unknown.push(written);
    else if (index.has(name)) problems.add(header!.info.lines, name, 'the column appears twice');
    else index.set(name, i);
  });
  const missing = required.filter((name) => !index.has(name));
  if (missing.length > 0) for (const name of unknown) problems.add(header!.info.lines, name, `unknown column; the columns are ${columns}`);
  for (const name of missing) problems.add(header!.info.lines, name, `missing column; the header is ${columns}`);
  problems.check();
  const width = header!.record.length;
  for (const { record, info } of body) {
    if (record.length !== width) problems.add(info.lines, null, `${record.length} ${record.length === 1 ? 'field' : 'fields'} where the header has ${width} (${header!.record.join(',')})`);
  }
  problems.check();
  for (const name of unknown) note(`${file}: line ${header!.info.lines}, column "${name}": not one of ${columns}; left out`);
  return body.map(({ record, info }) => ({
    line: info.lines,
    cell: (column: string) => {
      const i = index.get(column);
      return i === undefined ? '' : (record[i] ?? '');
    },
  }));
}
