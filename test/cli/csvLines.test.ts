// SAMPLES.csv read as the backtest and ingest commands read it: a problem is named by the line a person
// sees it on, whether the file is read with csv-parse's line count (a file with a quote) or without.
import { describe, expect, it } from 'vitest';
import { readSamples } from '../../electron/cli/csv/samples.ts';
import { FileProblems } from '../../electron/cli/csv/table.ts';

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

  it('names the line a quoted field spanning lines ends on', () => {
    const text = [HEADER, `${S},canary,error_rate,0.4,100,"eu`, `west",,`, `${S},purple,error_rate,0.4,100,,,`].join('\n');
    expect(problemsOf(text)).toEqual(['samples.csv: line 4, column "cohort": "purple" is not canary or baseline']);
  });
});
