// SAMPLES.csv read as the backtest and ingest commands read it: rate rows whose windows overlap are
// said on stderr, per metric, with the reading; rows of independent minutes are not.
import { describe, expect, it } from 'vitest';
import { readSamples } from '../../electron/cli/csv/samples.ts';
import { minutes, windowed, type Minute } from '../support/overlap.ts';

const S = Date.UTC(2026, 2, 2, 8, 0, 0);
const MIN = 60_000;

/** Total rows of error_rate, one per cohort and minute. */
function csv(ms: readonly Minute[]): string {
  const lines = ['t,cohort,metric,value,weight,region,device,tenant'];
  ms.forEach((m, k) => {
    for (const cohort of ['canary', 'baseline'] as const) {
      const { events, trials } = m[cohort];
      lines.push(`${S + (k + 1) * MIN},${cohort},error_rate,${(100 * events) / trials},${trials},,,`);
    }
  });
  return `${lines.join('\n')}\n`;
}

const notesOf = (text: string): string[] => {
  const notes: string[] = [];
  readSamples('samples.csv', text, ['error_rate'], (n) => notes.push(n));
  return notes;
};

describe('SAMPLES.csv: rows whose windows overlap', () => {
  it('says that error_rate rows of the last 5 minutes look like windows that overlap, and what to do', () => {
    const notes = notesOf(csv(windowed(minutes(11), 5)));
    const overlap = notes.filter((n) => n.includes('look like windows that overlap'));
    expect(overlap).toHaveLength(1);
    expect(overlap[0]).toMatch(/^samples\.csv: error_rate rows look like windows that overlap: .*successive changes correlated -?0\.\d\d over \d+ intervals, where independent intervals give −0\.50 ± 0\.\d\d\)\. Each row must cover only the interval it ends/);
  });

  it('says nothing of rows that each cover their own minute, or of rows of one constant value', () => {
    expect(notesOf(csv(minutes(11))).filter((n) => n.includes('overlap'))).toEqual([]);
    const constant = minutes(11).map(() => ({ canary: { events: 5, trials: 500 }, baseline: { events: 95, trials: 9500 } }));
    expect(notesOf(csv(constant)).filter((n) => n.includes('overlap'))).toEqual([]);
  });
});
