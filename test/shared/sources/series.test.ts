import { describe, expect, it } from 'vitest';
import { cohortVariables, MetricMapping, renderTemplate, samplesFromResult, type RawSeries } from '../../../shared/index.ts';

const mapping = MetricMapping.parse({
  connection: 'prom',
  cohorts: { label: 'version' },
  segments: { region: 'zone' },
  queries: { error_rate: { events: 'errors{$cohort}', trials: 'requests{$cohort}' } },
});

const series = (labels: Record<string, string>, points: [number, number | null][]): RawSeries => ({ labels, points });

describe('samples from a provider result', () => {
  it('reads a rate as 100·events/trials with the trials as weight, per mapped segment label', () => {
    const rows = samplesFromResult('error_rate', 'canary', mapping.queries.error_rate!, {
      first: [series({ zone: 'eu' }, [[60_000, 3]]), series({ zone: 'us' }, [[60_000, 1]])],
      second: [series({ zone: 'eu' }, [[60_000, 300]]), series({ zone: 'us' }, [[60_000, 50]])],
    }, mapping.segments);
    expect(rows).toEqual([
      { metric: 'error_rate', cohort: 'canary', segment: { region: 'eu', device: '', tenant: '' }, t: 60_000, value: 1, weight: 300 },
      { metric: 'error_rate', cohort: 'canary', segment: { region: 'us', device: '', tenant: '' }, t: 60_000, value: 2, weight: 50 },
    ]);
  });

  it('keeps a provider label as long as a segment may be (a tenant UUID, a zone path), and cuts one longer than that', () => {
    const uuid = '3f2b8c1e-9a4d-4f6b-8e2a-7c5d1b0e9f3a';
    const long = 'z'.repeat(200);
    const rows = samplesFromResult('error_rate', 'canary', mapping.queries.error_rate!, {
      first: [series({ zone: uuid }, [[60_000, 1]]), series({ zone: long }, [[60_000, 1]])],
      second: [series({ zone: uuid }, [[60_000, 100]]), series({ zone: long }, [[60_000, 100]])],
    }, mapping.segments);
    expect(rows.map((r) => r.segment.region)).toEqual([uuid, 'z'.repeat(128)]);
  });

  it('takes an events series that is missing (PromQL returns nothing for a counter that never moved) as zero events, not as no data', () => {
    const rows = samplesFromResult('error_rate', 'baseline', mapping.queries.error_rate!, {
      first: [],
      second: [series({ zone: 'eu' }, [[60_000, 400], [120_000, 0]])],
    }, mapping.segments);
    expect(rows.map((r) => [r.t, r.value, r.weight])).toEqual([
      [60_000, 0, 400],
      [120_000, null, 0],
    ]);
  });

  it('keeps a value query’s missing points as missing and scales the rest', () => {
    const q = MetricMapping.parse({ ...mapping, queries: { p95_latency_ms: { value: 'q', weight: 'w', scale: 1000 } } }).queries.p95_latency_ms!;
    const rows = samplesFromResult('p95_latency_ms', 'canary', q, {
      first: [series({ zone: 'eu' }, [[60_000, 0.25], [120_000, null]])],
      second: [series({ zone: 'eu' }, [[60_000, 80], [120_000, 90]])],
    }, mapping.segments);
    expect(rows.map((r) => r.value)).toEqual([250, null]);
  });

  it('adds up series that land on one segment (labels the mapping does not name)', () => {
    const rows = samplesFromResult('error_rate', 'canary', mapping.queries.error_rate!, {
      first: [series({ zone: 'eu', pod: 'a' }, [[60_000, 1]]), series({ zone: 'eu', pod: 'b' }, [[60_000, 3]])],
      second: [series({ zone: 'eu', pod: 'a' }, [[60_000, 100]]), series({ zone: 'eu', pod: 'b' }, [[60_000, 100]])],
    }, mapping.segments);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.value).toBeCloseTo(2, 12);
    expect(rows[0]!.weight).toBe(200);
  });
});

describe('query templates', () => {
  it('fill the cohort matcher, versions and interval for each cohort', () => {
    const ctx = { release: 'r1', app: 'checkout', version: '1.4.0', baselineVersion: '1.3.9', intervalSeconds: 60 };
    const matcher = (label: string, value: string): string => `${label}="${value}"`;
    const canary = cohortVariables(mapping, ctx, 'canary', matcher);
    const baseline = cohortVariables(mapping, ctx, 'baseline', matcher);
    expect(renderTemplate('sum by ($segmentLabels) (increase(x{$cohort}[$interval]))', canary)).toEqual({ ok: true, text: 'sum by (zone) (increase(x{version="1.4.0"}[60s]))' });
    expect(renderTemplate('x{$cohort}', baseline)).toEqual({ ok: true, text: 'x{version="1.3.9"}' });
  });

  it('refuse an unknown variable instead of sending it as text', () => {
    expect(renderTemplate('x{$cohrot} / $versoin', { cohort: 'a' })).toEqual({ ok: false, unknown: ['$cohrot', '$versoin'] });
  });
});
