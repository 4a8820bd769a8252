import { describe, expect, it } from 'vitest';
import {
  checkMappingForm,
  emptyMappingForm,
  fieldOfPath,
  formFromMapping,
  gateMetricsOf,
  insertTemplate,
  mappingInputOf,
  problemsFromIssues,
  queryCount,
  shownMetrics,
  unmappedMetrics,
} from '../../renderer/features/metric-mapping/mappingForm.ts';
import { previewRows, previewSummary, previewValue, progressText, segmentName } from '../../renderer/features/metric-mapping/previewText.ts';
import { renderSelector, variableValues } from '../../renderer/features/metric-mapping/TemplateVariables.tsx';
import { contract } from '../../shared/contract.ts';
import { defaultPlan } from '../../shared/plans/defaults.ts';
import { MetricMapping } from '../../shared/sources/mapping.ts';
import { templateById } from '../../shared/sources/templates.ts';
import type { MetricPreview } from '../../shared/sources/preview.ts';

const saved = MetricMapping.parse({
  connection: 'local-prometheus',
  interval: '30s',
  cohorts: { label: 'version' },
  segments: { region: 'zone' },
  queries: { error_rate: { events: 'e{$cohort}', trials: 't{$cohort}' }, p95_latency_ms: { value: 'v{$cohort}', weight: 'w{$cohort}', scale: 1000 } },
});

describe('the mapping form', () => {
  it('round-trips a saved mapping through the form unchanged', () => {
    const form = formFromMapping(saved);
    expect(form).toMatchObject({ connection: 'local-prometheus', interval: '30s', staleAfter: '5m', cohortLabel: 'version', canary: '$version', baseline: '$baselineVersion', segments: { region: 'zone', device: '', tenant: '' } });
    expect(form.queries.p95_latency_ms).toMatchObject({ kind: 'value', scale: '1000' });
    expect(MetricMapping.parse(mappingInputOf(form))).toEqual(saved);
    expect(checkMappingForm(form, { baselineVersion: '1.3.9' })).toEqual({ ok: true, mapping: saved });
  });

  it('starts empty on the connection given, with the defaults the schema has', () => {
    expect(formFromMapping(undefined, 'prom')).toEqual({ ...emptyMappingForm(), connection: 'prom' });
    expect(emptyMappingForm()).toMatchObject({ interval: '60s', staleAfter: '5m', canary: '$version', baseline: '$baselineVersion' });
  });

  it('says what each field needs, beside it, before asking the host', () => {
    const form = formFromMapping(saved);
    form.connection = '';
    form.interval = 'soon';
    form.cohortLabel = '1version';
    form.segments.device = 'x'.repeat(101);
    form.queries.error_rate!.trials = ' ';
    form.queries.p95_latency_ms!.scale = '-3';
    const check = checkMappingForm(form, { baselineVersion: '1.3.9' });
    expect(check.ok).toBe(false);
    expect(check.ok ? null : check.problems).toEqual({
      connection: 'Choose the connection the queries run on.',
      interval: 'A duration such as 30s, 1m or 5m.',
      cohortLabel: 'A label name: letters, digits and _ . : -, not starting with a digit.',
      'segments.device': 'Too long: at most 100 characters.',
      'queries.error_rate.trials': 'Write the trials query: what it is counted out of (all requests, all started checkouts).',
      'queries.p95_latency_ms.scale': 'A positive number the value is multiplied by: 1000 turns seconds into ms, 100 a fraction into %.',
    });
  });

  it('asks for at least one query, and for a baseline the release can fill', () => {
    const none = { ...formFromMapping(saved), queries: {} };
    expect(checkMappingForm(none)).toEqual({ ok: false, problems: { queries: 'Map at least one gate metric.' } });
    const check = checkMappingForm(formFromMapping(saved), { baselineVersion: null });
    expect(check.ok ? null : check.problems.baseline).toMatch(/^This release has no baseline version to fill \$baselineVersion/);
    expect(checkMappingForm({ ...formFromMapping(saved), baseline: '1.3.9' }, { baselineVersion: null }).ok).toBe(true);
  });

  it('places the host’s issues from updatePlan, previewMetrics and a YAML save beside the same fields', () => {
    expect(fieldOfPath('plan.metrics.cohorts.label')).toBe('cohortLabel');
    expect(fieldOfPath('mapping.queries.error_rate.events')).toBe('queries.error_rate.events');
    expect(fieldOfPath('metrics.staleAfter')).toBe('staleAfter');
    expect(fieldOfPath('plan.metrics.queries.p95_latency_ms')).toBe('queries.p95_latency_ms');
    expect(fieldOfPath('plan.metrics.queries.nope')).toBe('queries');
    expect(fieldOfPath('plan.stages.0.exposure')).toBeNull();
    const { fields, rest } = problemsFromIssues([
      { path: 'plan.metrics.connection', message: 'no such connection' },
      { path: 'baselineVersion', message: 'the version running as baseline, e.g. 1.3.2' },
      { path: 'plan.metrics.queries.p95_latency_ms', message: 'Invalid input' },
      { path: 'plan.stages.1', message: 'a started stage cannot change' },
    ]);
    expect(fields).toEqual({
      connection: 'This is not a saved connection: choose one, or add it in Settings ▸ Connections.',
      baselineVersion: expect.stringMatching(/^This release has no baseline version/),
      'queries.p95_latency_ms': 'Give either events and trials, or a value, a weight and a scale: each query up to 4000 characters.',
    });
    expect(rest).toEqual([{ path: 'plan.stages.1', message: 'a started stage cannot change' }]);
  });

  it('places the contract’s own invalid_input paths for a bad mapping', () => {
    const form = formFromMapping(saved);
    form.interval = '5 minutes';
    const parsed = contract.updatePlan.input.safeParse({ releaseId: 'r', plan: { ...defaultPlan('service'), metrics: mappingInputOf(form) } });
    expect(parsed.success).toBe(false);
    const issues = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    expect(problemsFromIssues(issues)).toEqual({ fields: { interval: 'A duration such as 30s, 1m or 5m.' }, rest: [] });
  });

  it('lists the gate metrics the plan uses with their gates, flags the unmapped, and shows gate metrics first', () => {
    const plan = defaultPlan('service');
    const gates = gateMetricsOf(plan);
    expect([...gates.keys()]).toEqual(['error_rate', 'p95_latency_ms', 'kpi_conversion']);
    expect(gates.get('error_rate')).toEqual(['errors (internal, 1%, 10%, 50%)']);
    const form = formFromMapping(saved);
    expect(unmappedMetrics(form, gates)).toEqual(['kpi_conversion']);
    expect(shownMetrics(form, gates)).toEqual(['error_rate', 'p95_latency_ms', 'kpi_conversion']);
    expect(shownMetrics({ queries: { ...form.queries, crash_free_users: form.queries.error_rate! } }, gates)).toEqual(['error_rate', 'p95_latency_ms', 'crash_free_users', 'kpi_conversion']);
  });

  it('inserts a template’s queries, keeping labels already chosen, and names metrics it cannot judge', () => {
    const start = { ...emptyMappingForm(), connection: 'prom' };
    const service = insertTemplate(start, templateById('service-http')!);
    expect(service.inserted).toEqual(['error_rate', 'p95_latency_ms']);
    expect(service.skipped).toEqual([]);
    expect(service.form.segments).toEqual({ region: 'region', device: '', tenant: '' });
    expect(service.form.queries.p95_latency_ms).toMatchObject({ kind: 'value', scale: '1000', value: expect.stringContaining('histogram_quantile(0.95') });
    expect(checkMappingForm(service.form, { baselineVersion: '1.3.9' }).ok).toBe(true);
    const kept = insertTemplate({ ...start, segments: { region: 'zone', device: '', tenant: '' } }, templateById('business-checkout-conversion')!);
    expect(kept.form.segments.region).toBe('zone');
    const infra = insertTemplate(start, templateById('infrastructure-kubernetes')!);
    expect(infra.inserted.length + infra.skipped.length).toBe(2);
    expect(Object.keys(infra.form.queries)).toEqual(infra.inserted);
  });

  it('counts four queries a metric for a preview: two per cohort', () => {
    expect(queryCount(saved)).toBe(8);
    expect(progressText(8)).toBe('Running 8 queries…');
    expect(progressText(1)).toBe('Running 1 query…');
  });

  it('renders the selectors and variables for this release', () => {
    const vars = { version: '1.4.0', baselineVersion: '1.3.9', app: 'checkout', release: 'checkout-1.4.0' };
    expect(renderSelector('version', '$baselineVersion', vars)).toBe('version="1.3.9"');
    expect(renderSelector('flag_checkout', 'on', vars)).toBe('flag_checkout="on"');
    expect(renderSelector('version', '$baselineVersion', { ...vars, baselineVersion: '' })).toBe('version=? (this release has no baseline version)');
    const values = variableValues(formFromMapping(saved), vars);
    expect(values).toMatchObject({ $cohort: 'version="1.4.0" / version="1.3.9"', $cohortValue: '1.4.0 / 1.3.9', $interval: '30s', $intervalSeconds: '30', $segmentLabels: 'zone' });
    expect(variableValues({ ...formFromMapping(saved), interval: 'x' }, { ...vars, baselineVersion: '' })).toMatchObject({ $interval: '(not a duration yet)', $baselineVersion: '(none: this release has no baseline version)' });
  });
});

describe('the preview’s words', () => {
  const seg = (region: string) => ({ region, device: '', tenant: '' });
  const preview: MetricPreview = {
    metric: 'error_rate',
    ok: false,
    problem: null,
    message: 'the baseline has no metrics: nothing matched version="1.3.8" — check the baseline selector, and that the baseline is deployed and scraped',
    cohorts: [
      { cohort: 'canary', series: 2, points: [{ segment: seg('us-east'), t: 2, value: 1, weight: 200 }, { segment: seg('eu-west'), t: 2, value: 4, weight: 100 }] },
      { cohort: 'baseline', series: 0, points: [] },
    ],
  };

  it('has one row per segment, sorted, with each cohort’s newest value or nothing', () => {
    expect(previewRows(preview).map((r) => [segmentName(r.segment), r.canary?.value ?? null, r.baseline])).toEqual([
      ['eu-west', 4, null],
      ['us-east', 1, null],
    ]);
    expect(segmentName({ region: '', device: '', tenant: '' })).toBe('All traffic');
    expect(segmentName({ region: 'eu', device: 'phone', tenant: '' })).toBe('eu · phone');
  });

  it('says an empty cohort, a provider’s error and an answer apart', () => {
    expect(previewSummary(preview)).toEqual({ tone: 'empty', title: 'A cohort has no metrics', message: expect.stringMatching(/^The baseline has no metrics: nothing matched version="1.3.8" — check the baseline selector/) });
    expect(previewSummary({ ...preview, problem: 'unreachable', message: 'Prometheus at http://127.0.0.1:9 refused the connection' })).toMatchObject({ tone: 'error', title: 'Unreachable' });
    expect(previewSummary({ ...preview, problem: 'bad_request', message: 'The error rate trials query reads [5m] windows every 1m, …' })).toMatchObject({ tone: 'error', title: 'Query refused' });
    expect(previewSummary({ ...preview, ok: true, message: 'both cohorts answer: 3 segments' })).toEqual({ tone: 'ok', title: 'Both cohorts answer', message: '3 segments' });
  });

  it('shows values to the digits that matter, with their unit', () => {
    expect(previewValue(3.76184, '%')).toBe('3.762 %');
    expect(previewValue(676.4706, 'ms')).toBe('676.5 ms');
    expect(previewValue(1601.25, '')).toBe('1,601.3');
    expect(previewValue(null, '%')).toBe('—');
    expect(previewValue(Number.NaN, '%')).toBe('—');
  });
});
