// SAMPLES.csv read as the backtest and ingest commands read it: a problem is named by the line a person
// sees it on, whether the file is read with csv-parse's line count (a file with a quote) or without.
import { describe, expect, it } from 'vitest';
import { readSamples } from '../../electron/cli/csv/samples.ts';
import { csvParseRecords, FileProblems, plainRecords } from '../../electron/cli/csv/table.ts';
import { stream } from '../../shared/sim/scenarios/rng.ts';

const S = Date.UTC(2026, 2, 2, 8, 0, 0);
const HEADER = 't,cohort,metric,value,weight,region,device,tenant';

const problemsOf = (text: string): string[] => {
  try {
    readSamples('samples.csv', text);
  } catch (error) {
    if (error instanceof FileProblems) return error.problems;
    throw error;
  }
  return [];
};

describe('SAMPLES.csv: the lines problems are named on', () => {
  // A BOM, CRLF, a blank line, a line of spaces: each is a line of the file, none a row.
  const lines = [`\ufeff${HEADER}`, `${S},canary,error_rate,0.4,100,eu-west,,`, '', `${S},purple,error_rate,0.4,100,eu-west,,`, '   ', `${S},canary,error_rate,lots,100,eu-west,,`, `${S},canary,error_rate`];
  const expected = ['samples.csv: line 7: 3 fields where the header has 8 (t,cohort,metric,value,weight,region,device,tenant)'];

  it('names the same lines with a quote in the file as without one, CRLF or LF', () => {
    for (const eol of ['\n', '\r\n']) {
      const plain = lines.join(eol);
      const quoted = plain.replace(',eu-west,,', ',"eu-west",,');
      expect(plain).not.toContain('"');
      expect(problemsOf(plain)).toEqual(expected);
      expect(problemsOf(quoted)).toEqual(expected);
      const rows = lines.slice(0, -1).join(eol);
      const named = ['samples.csv: line 4, column "cohort": "purple" is not canary or baseline', 'samples.csv: line 6, column "value": "lots" is not a number (leave it empty, or write NaN or null, for a missing value)'];
      expect(problemsOf(rows)).toEqual(named);
      expect(problemsOf(rows.replace(',eu-west,,', ',"eu-west",,'))).toEqual(named);
    }
  });

  it('refuses a label column misspelled where the label is missing, and keeps reading one that is only extra', () => {
    const row = `${S},canary,error_rate,0.4,100,eu-west,phone,`;
    const columns = 'the columns are t,cohort,metric,value,weight,region,device,tenant';
    // Read without it, every region's rows would be one cell: a verdict on the wrong data, exit 0.
    expect(problemsOf(`t,cohort,metric,value,weight,regoin,device,tenant\n${row}`)).toEqual([`samples.csv: line 1, column "regoin": unknown column; did you mean region? The ${columns.slice(4)}`]);
    expect(problemsOf(`t,cohort,metric,value,weight,region,Devices,tenant\n${row}`)).toEqual([`samples.csv: line 1, column "Devices": unknown column; did you mean device? The ${columns.slice(4)}`]);
    // An index column, or a note, beside a file without a tenant column is no misspelling of it.
    expect(problemsOf(`,t,cohort,metric,value,weight,region,device\n0,${row.slice(0, -1)}`)).toEqual([]);
    expect(problemsOf(`t,cohort,metric,value,weight,region,device,note\n${row}`)).toEqual([]);
    // The same misspelling beside the column itself is only extra, and left out with a note.
    expect(problemsOf(`t,cohort,metric,value,weight,region,device,tenant,regoin\n${row},x`)).toEqual([]);
  });

  it('names the line a quoted field spanning lines ends on', () => {
    const text = [HEADER, `${S},canary,error_rate,0.4,100,"eu`, `west",,`, `${S},purple,error_rate,0.4,100,,,`].join('\n');
    expect(problemsOf(text)).toEqual(['samples.csv: line 4, column "cohort": "purple" is not canary or baseline']);
  });

  it('names the line a quote that is never closed opens on, not the last line csv-parse reached', () => {
    // Before it: a field quoted over two lines, and a quote written twice inside a quoted field.
    const before = [HEADER, `${S},canary,error_rate,0.4,100,"eu`, `west",,`, `${S},canary,error_rate,0.4,100,"a ""b""",,`];
    const after = Array.from({ length: 5 }, (_, i) => `${S + i},canary,error_rate,0.4,100,,,`);
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = [...before, `${S},canary,error_rate,0.4,100,  "eu-west,,`, ...after].join(eol);
      expect(problemsOf(text)).toEqual(['samples.csv: line 5: a quote opened on this line is never closed: the rest of the file is read as one field']);
    }
  });
});

describe('SAMPLES.csv: a plain file split rather than parsed', () => {
  /** Random quote-free files of fields, spaces, tabs, empty fields and blank lines, each with one kind of line end. */
  const files = (count: number): string[] => {
    const random = stream(8, 'csv-split');
    const pick = <T>(from: readonly T[]): T => from[Math.floor(random() * from.length)]!;
    const field = (): string => pick(['', ' ', '\t', 'a', ' eu-west ', '\t7\t', '1.5e3', 'x y', '  ', '-', '2026-03-02T08:00:00Z']);
    return Array.from({ length: count }, () => {
      const lines = Array.from({ length: 1 + Math.floor(random() * 6) }, () =>
        random() < 0.15 ? pick(['', ' ', '\t ']) : Array.from({ length: 1 + Math.floor(random() * 4) }, field).join(','),
      );
      const eol = pick(['\n', '\r\n']);
      return `${random() < 0.2 ? '\ufeff' : ''}${lines.join(eol)}${random() < 0.5 ? eol : ''}`;
    });
  };
  const rows = (records: string[][]): { line: number; cells: string[] }[] =>
    records.flatMap((cells, i) => (cells.length === 1 && cells[0] === '' ? [] : [{ line: i + 1, cells }]));

  it('reads every such file as csv-parse does: the same rows, cells and lines', () => {
    let split = 0;
    for (const text of files(2000)) {
      const plain = plainRecords(text);
      if (!plain) continue;
      split += 1;
      expect(rows(plain), JSON.stringify(text)).toEqual(csvParseRecords(text));
    }
    expect(split).toBe(2000);
  });

  it('leaves to csv-parse a file with a quote, a character past ASCII or mixed line ends', () => {
    const plain = `${HEADER}\n${S},canary,error_rate,0.4,100,eu-west,,`;
    expect(plainRecords(plain)).not.toBeNull();
    for (const other of [plain.replace('eu-west', '"eu-west"'), plain.replace('eu-west', 'são-paulo'), plain.replace('\n', '\r\n') + '\n', `${plain}\r`, plain.replace('eu-west', 'eu\u00a0west')]) {
      expect(plainRecords(other), JSON.stringify(other)).toBeNull();
    }
    // Read all the same, by csv-parse: a non-breaking space is trimmed there as a space would be.
    expect(problemsOf(`${HEADER}\n${S},canary,error_rate,0.4,100,\u00a0eu-west,,`)).toEqual([]);
  });
});
