import { describe, expect, it } from 'vitest';
import {
  cohortVariables,
  MAPPING_TEMPLATES,
  MetricMapping,
  MetricQuery,
  PENDING_METRIC_TEMPLATES,
  renderTemplate,
  SignalKind,
  templateById,
  templateQueries,
  TEMPLATES,
  TEMPLATE_VARIABLES,
  type MappingTemplate,
} from '../../../shared/index.ts';

/** The gate metric names the lead's metrics change brings; until then the templates keep them as loose keys. */
const ARRIVING = ['dependency_error_rate', 'cpu_utilization', 'memory_utilization'];

const ctx = { release: 'r1', app: 'checkout', version: '1.4.0', baselineVersion: '1.3.9', intervalSeconds: 60 };
const promMatcher = (label: string, value: string): string => `${label}="${value}"`;

const mappingOf = (t: MappingTemplate) =>
  MetricMapping.parse({ connection: 'prom', cohorts: { label: t.cohortLabel }, segments: t.segments, queries: templateQueries(t).known });

const textsOf = (t: MappingTemplate): string[] => Object.values(t.queries).flatMap((q) => ('events' in q! ? [q.events, q.trials] : [q!.value, q!.weight]));

describe('mapping templates', () => {
  it('cover the four kinds of signal, each template with an id of its own, a title, what it needs and notes', () => {
    expect(new Set(MAPPING_TEMPLATES.map((t) => t.signal))).toEqual(new Set(SignalKind.options));
    expect(new Set(MAPPING_TEMPLATES.map((t) => t.id)).size).toBe(MAPPING_TEMPLATES.length);
    for (const t of MAPPING_TEMPLATES) {
      expect(t.title.length, t.id).toBeGreaterThan(5);
      expect(t.needs, t.id).toMatch(/_total|_bytes|_bucket/);
      expect(t.notes.length, t.id).toBeGreaterThan(20);
      expect(templateById(t.id)).toBe(t);
    }
    expect(templateById('nope')).toBeUndefined();
  });

  it('map errors, p95 latency and conversion from the service and business templates, and the three arriving metrics from the others', () => {
    expect(TEMPLATES.map((t) => [t.id, Object.keys(t.queries)])).toEqual([
      ['service-http', ['error_rate', 'p95_latency_ms']],
      ['business-checkout-conversion', ['kpi_conversion']],
    ]);
    expect([...new Set(PENDING_METRIC_TEMPLATES.flatMap((t) => Object.keys(t.queries)))].sort()).toEqual([...ARRIVING].sort());
    expect(TEMPLATES.find((t) => t.id === 'service-http')!.queries.p95_latency_ms).toMatchObject({ scale: 1000 });
  });

  it('parse as a MetricMapping; every query parses as a MetricQuery, and only the arriving names are held back', () => {
    for (const t of TEMPLATES) {
      expect(templateQueries(t).unknown, t.id).toEqual([]);
      expect(Object.keys(mappingOf(t).queries), t.id).toEqual(Object.keys(t.queries));
    }
    for (const t of MAPPING_TEMPLATES) {
      for (const q of Object.values(t.queries)) expect(MetricQuery.safeParse(q).success, t.id).toBe(true);
      for (const name of templateQueries(t).unknown) expect(ARRIVING, t.id).toContain(name);
    }
  });

  it('render with renderTemplate and no unknown variable, for both cohorts, with and without segments', () => {
    for (const t of MAPPING_TEMPLATES) {
      for (const segments of [t.segments, {}]) {
        const mapping = MetricMapping.parse({ connection: 'prom', cohorts: { label: t.cohortLabel }, segments, queries: { error_rate: { events: 'e', trials: 't' } } });
        for (const cohort of ['canary', 'baseline'] as const) {
          const vars = cohortVariables(mapping, ctx, cohort, promMatcher);
          for (const text of textsOf(t)) {
            const r = renderTemplate(text, vars);
            expect(r, `${t.id}: ${text}`).toMatchObject({ ok: true });
            if (!r.ok) continue;
            expect(r.text).not.toContain('$');
            expect(r.text).toContain(cohort === 'canary' ? 'version="1.4.0"' : 'version="1.3.9"');
          }
        }
      }
    }
  });

  it('use $cohort, $interval and $segmentLabels in every query, and only variables the editor lists', () => {
    const listed = new Set(Object.keys(TEMPLATE_VARIABLES));
    for (const t of MAPPING_TEMPLATES) {
      for (const text of textsOf(t)) {
        expect(text, t.id).toContain('$cohort');
        expect(text, t.id).toContain('$segmentLabels');
        // A gauge divided by a gauge has no range; every other query reads over the interval.
        if (!/^(sum|count) by \(\$segmentLabels\) \((container_memory|kube_pod)/.test(text)) expect(text, t.id).toContain('[$interval]');
        for (const v of text.match(/\$[A-Za-z]+/g) ?? []) expect(listed, `${t.id}: ${v}`).toContain(v);
      }
    }
  });

  it('guard every events query against an empty numerator with "or <trials> * 0"', () => {
    for (const t of MAPPING_TEMPLATES) {
      for (const q of Object.values(t.queries)) {
        if (!q || !('events' in q)) continue;
        expect(q.events, t.id).toBe(`${q.events.split(' or ')[0]} or ${q.trials} * 0`);
        expect(q.events.split(' or ')[0], t.id).not.toBe(q.trials);
      }
    }
  });
});
