import { describe, expect, it } from 'vitest';
import type { SourceStatus } from '../../shared/index.ts';
import { sourceWords } from '../../renderer/ui/SourceBadge.tsx';

const NOW = Date.UTC(2026, 11, 1, 18, 10);
const prom = (over: Partial<SourceStatus> = {}, metric: Partial<SourceStatus['metrics'][number]> = {}): SourceStatus => ({
  kind: 'prometheus',
  connectionId: 'prod',
  connectionName: 'Prod Prometheus',
  staleAfterMs: 300_000,
  stale: false,
  lastSampleAt: NOW - 60_000,
  metrics: [{ metric: 'error_rate', fetchedUntil: NOW - 60_000, lastSampleAt: NOW - 60_000, failingSince: null, problem: null, error: null, stale: false, why: null, ...metric }],
  ...over,
});

describe('the data badge', () => {
  it('calls simulated numbers simulated, in the list and the header alike', () => {
    const words = sourceWords({ kind: 'simulator', connectionId: null, connectionName: null, staleAfterMs: null, metrics: [], stale: false, lastSampleAt: NOW }, NOW);
    expect(words).toMatchObject({ tone: 'simulated', short: 'Simulated data' });
    expect(words.long).toMatch(/^Simulated data: numbers from the built-in simulator/);
  });

  it('names the source, the connection and how old the last sample is when fresh', () => {
    expect(sourceWords(prom(), NOW)).toMatchObject({ tone: 'info', short: 'Prometheus · 1 min ago', long: expect.stringMatching(/^Prometheus · Prod Prometheus · last sample \d\d:\d\d:\d\d \(1 min ago\)$/) });
  });

  it('says a failing fetch at once, and stale data with the guard’s own reason', () => {
    expect(sourceWords(prom({}, { failingSince: NOW - 120_000, problem: 'unreachable', error: 'refused' }), NOW)).toMatchObject({ tone: 'warn', short: 'Prometheus · failing (unreachable)' });
    const why = 'Prometheus unreachable for 8 min; last sample 18:02 UTC';
    expect(sourceWords(prom({ stale: true }, { stale: true, why }), NOW)).toMatchObject({ tone: 'bad', short: 'Prometheus · stale', long: `Prometheus · Prod Prometheus · stale — ${why}` });
  });

  it('says a pushed release has gone silent once nothing came for five minutes, and not before', () => {
    const pushed = (ago: number): SourceStatus => ({ kind: 'push', connectionId: null, connectionName: null, staleAfterMs: null, metrics: [], stale: false, lastSampleAt: NOW - ago });
    expect(sourceWords(pushed(4 * 60_000), NOW)).toMatchObject({ tone: 'info', short: 'Pushed · 4 min ago' });
    expect(sourceWords(pushed(46 * 60_000), NOW)).toMatchObject({
      tone: 'warn',
      short: 'Pushed · silent 46 min',
      long: expect.stringMatching(/^Pushed · silent for 46 min \(last sample \d\d:\d\d:\d\d\): the guard looks when samples arrive$/),
    });
  });

  it('gives a decision’s evidence its ages as of the decision, so they do not grow as the evidence is read later', () => {
    const decidedAt = NOW - 7 * 24 * 3_600_000;
    const then = prom({ lastSampleAt: decidedAt - 58_000 * 10 });
    expect(sourceWords(then, NOW, decidedAt).long).toMatch(/^Prometheus · Prod Prometheus · last sample \d\d:\d\d:\d\d \(10 min before the decision\)$/);
    expect(sourceWords(prom({ lastSampleAt: decidedAt - 20_000 }), NOW, decidedAt).short).toBe('Prometheus · at the decision');
    expect(sourceWords(then, NOW).long).toMatch(/\(7 d ago\)$/);
  });
});
