// A Prometheus query whose window reaches over more than one fetch step is refused before any call, in
// the plan editor's preview (and so the pre-flight) and in the poller's fetch alike: its counts would
// hold each request several times over.
import { describe, expect, it } from 'vitest';
import { fetchMetric, type RunCall } from '../../../electron/core/sources/fetchMetric.ts';
import { previewMapping } from '../../../electron/core/sources/preview.ts';
import { SourceError, type FetchWindow, type MetricSourceClient } from '../../../electron/core/sources/types.ts';
import { MetricMapping, type ConnectionKind, type RawSeries } from '../../../shared/index.ts';

const NOW = Date.UTC(2026, 11, 4, 12);
const ctx = { release: 'r1', app: 'checkout', version: '1.4.0', baselineVersion: '1.3.9' };
const run: RunCall = (_id, fn) => fn(new AbortController().signal);

/** Answers every query with one series of 100 a step, and keeps what it was asked. */
function fakeClient(kind: ConnectionKind): MetricSourceClient & { asked: string[] } {
  const asked: string[] = [];
  return {
    kind,
    asked,
    limits: { maxPointsPerSeries: 11_000, minStepSeconds: 1 },
    cohortMatcher: (label, value) => `${label}="${value}"`,
    queryRange: async (query: string, window: FetchWindow): Promise<RawSeries[]> => {
      asked.push(query);
      const points: [number, number][] = [];
      for (let t = window.start; t <= window.end; t += window.stepSeconds * 1000) points.push([t, 100]);
      return [{ labels: {}, points }];
    },
    test: async () => ({ ok: true, at: NOW, problem: null, message: 'ok', detail: null, latencyMs: 1 }),
  };
}

const mapping = (trials: string) =>
  MetricMapping.parse({
    connection: 'prom',
    interval: '60s',
    cohorts: { label: 'version' },
    queries: { error_rate: { events: 'sum(increase(http_requests_total{code=~"5..",$cohort}[$interval]))', trials } },
  });

describe('a Prometheus window longer than the step', () => {
  it('fails the metric in the preview with the window, the step and the fix, and asks Prometheus nothing', async () => {
    const client = fakeClient('prometheus');
    const preview = await previewMapping(client, run, mapping('sum(increase(http_requests_total{$cohort}[5m]))'), ctx, NOW);
    expect(preview.metrics).toEqual([
      {
        metric: 'error_rate',
        ok: false,
        problem: 'bad_request',
        message: 'The error rate trials query reads [5m] windows every 1m, so each request would count in 5 intervals and the guard would take the overlap for evidence: read over [$interval], one step, or fetch every 5m.',
        cohorts: [],
      },
    ]);
    expect(client.asked).toEqual([]);
  });

  it('is refused in the poller’s fetch too, as a query the person must fix and not a passing outage', async () => {
    const client = fakeClient('prometheus');
    const fetching = fetchMetric(client, run, mapping('sum(increase(http_requests_total{$cohort}[2m]))'), { ...ctx, intervalSeconds: 60 }, 'error_rate', { start: NOW - 600_000, end: NOW, stepSeconds: 60 });
    const error = await fetching.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).transient).toBe(false);
    expect((error as SourceError).message).toContain('reads [2m] windows every 1m');
    expect(client.asked).toEqual([]);
  });

  it('runs a window of one step, and the same text on a source whose windows do not overlap (Datadog rolls up per point)', async () => {
    const prometheus = fakeClient('prometheus');
    const fine = await previewMapping(prometheus, run, mapping('sum(increase(http_requests_total{$cohort}[$interval]))'), ctx, NOW);
    expect(fine.metrics[0]).toMatchObject({ ok: true, message: 'both cohorts answer: 1 segment' });
    expect(prometheus.asked).toContain('sum(increase(http_requests_total{version="1.4.0"}[60s]))');
    const datadog = fakeClient('datadog');
    const other = await previewMapping(datadog, run, mapping('sum(increase(http_requests_total{$cohort}[5m]))'), ctx, NOW);
    expect(other.metrics[0]).toMatchObject({ ok: true });
    expect(datadog.asked.length).toBe(4);
  });
});
