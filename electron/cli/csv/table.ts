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
  /** Problems found so far, listed or not. */
  get count(): number {
    return this.#count;
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
  cells: readonly string[];
}

export interface Table {
  rows: TableRow[];
  /** Reads a column's cell of a row: '' for an optional column the file does not have. */
  column(name: string): (row: TableRow) => string;
}

/** Text from the file as a message shows it: a header without a line end was echoed whole, 30 MB of it. */
function shown(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** Edits (insert, delete, replace) from a to b: how near a column's name is to one it may misspell. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const next = [i];
    for (let j = 1; j <= b.length; j += 1) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** The missing optional column an unknown one most likely misspells ("regoin", "Regions"), or null: an index column or a note column is not one. */
function misspelled(unknown: string, missingOptional: readonly string[]): string | null {
  const name = unknown.toLowerCase();
  if (name.length < 3) return null;
  return missingOptional.find((wanted) => editDistance(name, wanted) <= Math.min(2, wanted.length - 3)) ?? null;
}

/** The separator a one-column header seems to use instead of commas, or null. */
function otherSeparator(cells: readonly string[]): string | null {
  if (cells.length !== 1) return null;
  const counts = [[';', 'semicolons'], ['\t', 'tabs'], ['|', 'bars']].map(([sep, name]) => [cells[0]!.split(sep!).length - 1, name!] as const);
  const [count, name] = counts.reduce((a, b) => (b[0] > a[0] ? b : a));
  return count > 0 ? `the header has no comma but ${count} ${name}: write the file comma-separated` : null;
}

/**
 * The line of the quote csv-parse found never closed, which it reports on the file's last line. It
 * read every quote before that as these options do (one at a field's start opens, two inside are
 * one, one alone closes; any other quote is a refusal of its own), so the last opening is the one.
 */
export function unclosedQuoteLine(text: string): number | null {
  const lineEnd = text.includes('\n') ? '\n' : '\r';
  let line = 1;
  let opened: number | null = null;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === lineEnd) line += 1;
    else if (c !== '"') continue;
    else if (opened === null) opened = line;
    else if (text[i + 1] === '"') i += 1;
    else opened = null;
  }
  return opened;
}

/** csv-parse's refusals in a person's words; its own message for the rest. */
function csvProblem(e: CsvError): string {
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') return 'a quote opened on this line is never closed: the rest of the file is read as one field';
  if (e.code === 'INVALID_OPENING_QUOTE') return 'a quote inside a field that does not start with one: quote the whole field, and write the quote twice ("")';
  if (e.code === 'CSV_INVALID_CLOSING_QUOTE' || e.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE') return 'text after the closing quote of a field: a quote inside a quoted field is written twice ("")';
  return `not valid CSV: ${e.message}`;
}

const OPTIONS = { trim: true, bom: true, relax_column_count: true } as const;

/** Rows of the file with their lines, blank lines left out (a blank line, trimmed, is one empty field). */
function withLines(records: readonly string[][]): TableRow[] {
  const rows: TableRow[] = [];
  for (let i = 0; i < records.length; i += 1) {
    const cells = records[i]!;
    if (cells.length !== 1 || cells[0] !== '') rows.push({ line: i + 1, cells });
  }
  return rows;
}

// Anything but printable ASCII, a tab and line ends; a quote (0x22) too.
const NOT_PLAIN = /[^\t\n\r\x20\x21\x23-\x7e]/;
const MIXED_LINE_ENDS = /\r(?!\n)|(?<!\r)\n/;

/**
 * What csv-parse reads a plain file as (printable ASCII and tabs, no quote, one kind of line end),
 * by splitting it: a fifth of its time (15 ms against 85 on 20,000 rows), where that parse was most
 * of reading a recording. Each field trimmed of spaces and tabs, as `trim` does for those bytes;
 * lines k + 1 for record k. Null for any other file, which csv-parse reads (a test compares the two).
 */
export function plainRecords(text: string): string[][] | null {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (NOT_PLAIN.test(body)) return null;
  const crlf = body.includes('\r');
  if (crlf && MIXED_LINE_ENDS.test(body)) return null;
  const lines = body.split(crlf ? '\r\n' : '\n');
  // A last line end ends the last record; it does not start an empty one.
  if (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines.map((line) => {
    const cells = line.split(',');
    for (let i = 0; i < cells.length; i += 1) {
      const cell = cells[i]!;
      if (cell.length > 0 && (cell.charCodeAt(0) <= 0x20 || cell.charCodeAt(cell.length - 1) <= 0x20)) cells[i] = cell.trim();
    }
    return cells;
  });
}

/**
 * csv-parse's records and the line each ends on. Without a quote no record spans lines, so record k
 * is on line k + 1 when blank lines are kept: what csv-parse's `info` says, which costs a tenth more
 * parse time. A file with a quote is read with `info`.
 */
export function csvParseRecords(text: string): TableRow[] {
  if (text.includes('"')) {
    const parsed = parse(text, { ...OPTIONS, info: true, skip_empty_lines: true }) as unknown as { record: string[]; info: { lines: number } }[];
    return parsed.map(({ record, info }) => ({ line: info.lines, cells: record }));
  }
  return withLines(parse(text, { ...OPTIONS, skip_empty_lines: false }) as string[][]);
}

/** The file's records and the line each ends on, blank lines left out. Rows of the wrong length are taken, and named by readTable with the header's count. */
function records(text: string): TableRow[] {
  const plain = plainRecords(text);
  return plain ? withLines(plain) : csvParseRecords(text);
}

/**
 * Reads a CSV file with a header line: the required columns must be there, optional ones may be;
 * columns may come in any order. Any other column is left out, and said through `note` (pandas writes
 * its index as an unnamed first column) — unless a required column is missing, when it is named
 * beside it as a likely misspelling. Names are read in any case. Blank lines are skipped, cells
 * trimmed; a row of more or fewer fields than the header is named with both counts.
 */
export function readTable(file: string, text: string, required: readonly string[], optional: readonly string[] = [], note: (message: string) => void = () => {}): Table {
  const problems = new Problems(file);
  let all: TableRow[];
  try {
    all = records(text);
  } catch (error) {
    const e = error as CsvError & { lines?: number };
    const line = e.code === 'CSV_QUOTE_NOT_CLOSED' ? (unclosedQuoteLine(text) ?? e.lines) : e.lines;
    problems.add(typeof line === 'number' ? line : null, null, csvProblem(e));
    problems.check();
    throw error;
  }
  const [header, ...body] = all;
  if (!header) {
    problems.add(null, null, `the file is empty; it needs the header ${[...required, ...optional].join(',')}`);
    problems.check();
  }
  const index = new Map<string, number>();
  const unknown: string[] = [];
  const columns = [...required, ...optional].join(',');
  // Header names in any case (T,COHORT,… from a tool that shouts): the columns are named in lower case.
  header!.cells.forEach((written, i) => {
    const name = written.toLowerCase();
    if (!required.includes(name) && !optional.includes(name)) unknown.push(written);
    else if (index.has(name)) problems.add(header!.line, name, 'the column appears twice');
    else index.set(name, i);
  });
  const missing = required.filter((name) => !index.has(name));
  const separator = missing.length > 0 ? otherSeparator(header!.cells) : null;
  if (separator) problems.add(header!.line, null, separator);
  else if (missing.length > 0) {
    for (const name of unknown) problems.add(header!.line, shown(name), `unknown column; the columns are ${columns}`);
    for (const name of missing) problems.add(header!.line, name, `missing column; the header is ${columns}`);
  }
  // An optional column left out is fine (a file of totals has no labels), but beside a column that
  // misspells it the file means it: read without it, every row of a region would be one cell.
  const missingOptional = optional.filter((name) => !index.has(name));
  for (const name of unknown) {
    const meant = misspelled(name, missingOptional);
    if (meant) problems.add(header!.line, shown(name), `unknown column; did you mean ${meant}? The columns are ${columns}`);
  }
  problems.check();
  const width = header!.cells.length;
  for (const { cells, line } of body) {
    if (cells.length !== width) problems.add(line, null, `${cells.length} ${cells.length === 1 ? 'field' : 'fields'} where the header has ${width} (${shown(header!.cells.join(','))})`);
  }
  problems.check();
  for (const name of unknown) note(`${file}: line ${header!.line}, column "${shown(name)}": not one of ${columns}; left out`);
  return {
    rows: body,
    column: (name) => {
      const i = index.get(name);
      return i === undefined ? () => '' : (row) => row.cells[i]!;
    },
  };
}
