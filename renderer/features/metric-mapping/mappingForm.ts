import { METRICS, MetricName } from '../../../shared/domain/metrics.ts';
import { Dimension } from '../../../shared/gates/types.ts';
import type { Plan } from '../../../shared/plans/plan.ts';
import type { InputIssue } from '../../../shared/result.ts';
import { MetricMapping, type MetricMappingInput } from '../../../shared/sources/mapping.ts';
import { templateQueries, type MappingTemplate } from '../../../shared/sources/templates.ts';

/** One metric's pair of queries as typed: a rate (events out of trials) or a value with its weight and scale. */
export interface QueryDraft {
  kind: 'rate' | 'value';
  events: string;
  trials: string;
  value: string;
  weight: string;
  scale: string;
}

/** The Metrics section's form: a plan's metric mapping as typed, every field a string. */
export interface MappingForm {
  connection: string;
  interval: string;
  staleAfter: string;
  cohortLabel: string;
  canary: string;
  baseline: string;
  segments: Record<Dimension, string>;
  /** The metrics with a query, in the order shown. */
  queries: Partial<Record<MetricName, QueryDraft>>;
}

export type QueryPart = 'events' | 'trials' | 'value' | 'weight' | 'scale';
/** Where a problem is shown: a field of the form, a part of one metric's queries, or the queries as a whole. */
export type MappingField = 'connection' | 'interval' | 'staleAfter' | 'cohortLabel' | 'canary' | 'baseline' | 'baselineVersion' | `segments.${Dimension}` | 'queries' | `queries.${MetricName}` | `queries.${MetricName}.${QueryPart}`;
export type MappingProblems = Partial<Record<MappingField, string>>;

const DIMENSIONS = Dimension.options;

/** A new query pair in the shape the metric is judged in: a rate as events/trials, a quantile as a value in ms, anything else as a value. */
export function emptyQuery(metric: MetricName): QueryDraft {
  const rate = METRICS[metric].model.kind === 'rate';
  return { kind: rate ? 'rate' : 'value', events: '', trials: '', value: '', weight: '', scale: METRICS[metric].model.kind === 'quantile' ? '1000' : '1' };
}

export function emptyMappingForm(): MappingForm {
  return { connection: '', interval: '60s', staleAfter: '5m', cohortLabel: 'version', canary: '$version', baseline: '$baselineVersion', segments: { region: '', device: '', tenant: '' }, queries: {} };
}

const durationText = (d: string | number): string => (typeof d === 'number' ? `${d}s` : d);

/** The form for a saved mapping, or an empty one to start from (with the connection given, if any). */
export function formFromMapping(mapping: MetricMapping | undefined, connection = ''): MappingForm {
  if (!mapping) return { ...emptyMappingForm(), connection };
  const queries: MappingForm['queries'] = {};
  for (const metric of MetricName.options) {
    const q = mapping.queries[metric];
    if (!q) continue;
    queries[metric] =
      'events' in q ? { ...emptyQuery(metric), kind: 'rate', events: q.events, trials: q.trials } : { ...emptyQuery(metric), kind: 'value', value: q.value, weight: q.weight, scale: String(q.scale) };
  }
  return {
    connection: mapping.connection,
    interval: durationText(mapping.interval),
    staleAfter: durationText(mapping.staleAfter),
    cohortLabel: mapping.cohorts.label,
    canary: mapping.cohorts.canary,
    baseline: mapping.cohorts.baseline,
    segments: { region: mapping.segments.region ?? '', device: mapping.segments.device ?? '', tenant: mapping.segments.tenant ?? '' },
    queries,
  };
}

/** The mapping as the contract takes it; empty segment labels are left out. */
export function mappingInputOf(form: MappingForm): MetricMappingInput {
  const segments: Partial<Record<Dimension, string>> = {};
  for (const d of DIMENSIONS) if (form.segments[d].trim()) segments[d] = form.segments[d].trim();
  const queries: MetricMappingInput['queries'] = {};
  for (const metric of MetricName.options) {
    const q = form.queries[metric];
    if (!q) continue;
    const scale = Number(q.scale.trim());
    queries[metric] = q.kind === 'rate' ? { events: q.events, trials: q.trials } : { value: q.value, weight: q.weight, scale: q.scale.trim() === '' ? Number.NaN : scale };
  }
  return {
    connection: form.connection,
    interval: form.interval.trim(),
    staleAfter: form.staleAfter.trim(),
    cohorts: { label: form.cohortLabel.trim(), canary: form.canary, baseline: form.baseline },
    segments,
    queries,
  };
}

/** What each field needs, in the words the form uses; said whatever the schema's own wording. */
const NEEDS: Record<string, string> = {
  connection: 'Choose the connection the queries run on.',
  interval: 'A duration such as 30s, 1m or 5m.',
  staleAfter: 'A duration such as 5m or 15m: data older than this counts as no data.',
  cohortLabel: 'A label name: letters, digits and _ . : -, not starting with a digit.',
  canary: 'Say which label value marks the canary, e.g. $version.',
  baseline: 'Say which label value marks the baseline, e.g. $baselineVersion or 1.3.9.',
  segment: 'A result label, up to 100 characters.',
  queries: 'Map at least one gate metric.',
  events: 'Write the events query: what is counted (the 5xx responses, the completed checkouts).',
  trials: 'Write the trials query: what it is counted out of (all requests, all started checkouts).',
  value: 'Write the value query.',
  weight: 'Write the weight query: the requests (or users) behind each value.',
  pair: 'Give either events and trials, or a value, a weight and a scale: each query up to 4000 characters.',
  scale: 'A positive number the value is multiplied by: 1000 turns seconds into ms, 100 a fraction into %.',
};

/** zod's "Too big: expected string to have <=4000 characters". */
const TOO_LONG = /too big|<=|at most \d/i;

/** The field a contract path names (`plan.metrics.cohorts.label`, `mapping.queries.error_rate.events`, `metrics.interval`), or null. */
export function fieldOfPath(path: string): MappingField | null {
  if (path === 'baselineVersion') return 'baselineVersion';
  const parts = path.split('.');
  const start = parts[0] === 'plan' && parts[1] === 'metrics' ? 2 : parts[0] === 'metrics' || parts[0] === 'mapping' ? 1 : -1;
  if (start < 0) return null;
  const [head, second, third] = parts.slice(start);
  if (head === 'connection' || head === 'interval' || head === 'staleAfter') return head;
  if (head === 'cohorts') return second === 'label' ? 'cohortLabel' : second === 'canary' ? 'canary' : second === 'baseline' ? 'baseline' : 'cohortLabel';
  if (head === 'segments' && DIMENSIONS.includes(second as Dimension)) return `segments.${second as Dimension}`;
  if (head === 'queries') {
    const metric = MetricName.safeParse(second);
    if (!metric.success) return 'queries';
    const part = (['events', 'trials', 'value', 'weight', 'scale'] as const).find((p) => p === third);
    // A pair that fits neither shape fails the union as a whole: the metric's queries are named.
    return part ? `queries.${metric.data}.${part}` : `queries.${metric.data}`;
  }
  return null;
}

function wordsFor(field: MappingField, message: string): string {
  if (field === 'baselineVersion') return 'This release has no baseline version to fill $baselineVersion: write the baseline’s label value here (e.g. 1.3.9), or create the release with a baseline version.';
  if (field === 'connection' && /no such connection/i.test(message)) return 'This is not a saved connection: choose one, or add it in Settings ▸ Connections.';
  const key = field.startsWith('segments.') ? 'segment' : field.startsWith('queries.') ? (field.split('.')[2] ?? 'pair') : field;
  const limit = TOO_LONG.test(message) ? /(\d+)\s*characters/.exec(message)?.[1] : undefined;
  if (limit) return `Too long: at most ${limit} characters.`;
  return NEEDS[key] ?? message;
}

/**
 * Puts the host's issues (or the form's own check) beside their fields, in the form's words; the
 * issues no field holds stay general.
 */
export function problemsFromIssues(issues: readonly InputIssue[]): { fields: MappingProblems; rest: InputIssue[] } {
  const fields: MappingProblems = {};
  const rest: InputIssue[] = [];
  for (const issue of issues) {
    const field = fieldOfPath(issue.path);
    if (!field) {
      rest.push(issue);
      continue;
    }
    const words = wordsFor(field, issue.message);
    if (!fields[field]) fields[field] = words;
    else if (!fields[field].includes(words)) fields[field] = `${fields[field]} ${words}`;
  }
  return { fields, rest };
}

export type MappingCheck = { ok: true; mapping: MetricMapping } | { ok: false; problems: MappingProblems };

/** The mapping, checked here with the contract's own schema before the host is asked, problems beside their fields. */
export function checkMappingForm(form: MappingForm, release?: { baselineVersion: string | null }): MappingCheck {
  const problems: MappingProblems = {};
  if (!form.connection) problems.connection = NEEDS.connection!;
  for (const [metric, q] of Object.entries(form.queries) as [MetricName, QueryDraft][]) {
    const parts: QueryPart[] = q.kind === 'rate' ? ['events', 'trials'] : ['value', 'weight', 'scale'];
    for (const p of parts) if (!q[p].trim()) problems[`queries.${metric}.${p}`] = NEEDS[p]!;
    const scale = Number(q.scale.trim());
    if (q.kind === 'value' && q.scale.trim() && !(Number.isFinite(scale) && scale > 0 && scale <= 1e9)) problems[`queries.${metric}.scale`] = NEEDS.scale!;
  }
  const parsed = MetricMapping.safeParse(mappingInputOf(form));
  if (!parsed.success) {
    const { fields } = problemsFromIssues(parsed.error.issues.map((i) => ({ path: ['mapping', ...i.path.map(String)].join('.'), message: i.message })));
    for (const [k, v] of Object.entries(fields) as [MappingField, string][]) problems[k] ??= v;
  }
  if (release && !release.baselineVersion && [form.canary, form.baseline].some((s) => s.includes('$baselineVersion'))) {
    problems.baseline = wordsFor('baselineVersion', '');
  }
  if (Object.keys(problems).length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, mapping: parsed.data };
}

/** Per gate metric the plan judges, the gates that use it ("errors (1%, 10%)"). */
export function gateMetricsOf(plan: Pick<Plan, 'stages'>): Map<MetricName, string[]> {
  const out = new Map<MetricName, Map<string, string[]>>();
  for (const stage of plan.stages) {
    for (const gate of stage.gates) {
      let gates = out.get(gate.metric);
      if (!gates) out.set(gate.metric, (gates = new Map()));
      const stages = gates.get(gate.id) ?? [];
      stages.push(stage.label);
      gates.set(gate.id, stages);
    }
  }
  return new Map([...out].map(([metric, gates]) => [metric, [...gates].map(([id, stages]) => `${id} (${stages.join(', ')})`)]));
}

/** Gate metrics with no query: the guard would have no data for them. */
export function unmappedMetrics(form: Pick<MappingForm, 'queries'>, gateMetrics: ReadonlyMap<MetricName, string[]>): MetricName[] {
  return [...gateMetrics.keys()].filter((m) => !form.queries[m]);
}

/** Metrics shown in the form: the gate metrics first (in the catalogue's order), then the others mapped. */
export function shownMetrics(form: Pick<MappingForm, 'queries'>, gateMetrics: ReadonlyMap<MetricName, string[]>): MetricName[] {
  return MetricName.options.filter((m) => gateMetrics.has(m) || form.queries[m] !== undefined);
}

/**
 * Puts a template's queries into the form (replacing those metrics' queries), and its cohort label and
 * segment labels where the form has none yet. Metrics this build cannot judge are named, not inserted.
 */
export function insertTemplate(form: MappingForm, template: MappingTemplate): { form: MappingForm; inserted: MetricName[]; skipped: string[] } {
  const { known, unknown } = templateQueries(template);
  const queries = { ...form.queries };
  const inserted: MetricName[] = [];
  for (const metric of MetricName.options) {
    const q = known[metric];
    if (!q) continue;
    inserted.push(metric);
    queries[metric] = 'events' in q ? { ...emptyQuery(metric), kind: 'rate', events: q.events, trials: q.trials } : { ...emptyQuery(metric), kind: 'value', value: q.value, weight: q.weight, scale: String(q.scale ?? 1) };
  }
  const noSegments = DIMENSIONS.every((d) => !form.segments[d].trim());
  const segments = noSegments ? { ...form.segments, ...template.segments } : form.segments;
  return { form: { ...form, queries, segments, cohortLabel: form.cohortLabel.trim() || template.cohortLabel }, inserted, skipped: unknown };
}

/** Provider calls a preview makes: two queries per cohort and metric. */
export const queryCount = (mapping: Pick<MetricMapping, 'queries'>): number => Object.keys(mapping.queries).length * 4;
