import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { ConnectionView } from '../../../shared/domain/connections.ts';
import { METRICS, MetricName } from '../../../shared/domain/metrics.ts';
import type { ReleaseSummary } from '../../../shared/domain/release.ts';
import type { PlanView } from '../../../shared/domain/views.ts';
import { Dimension } from '../../../shared/gates/types.ts';
import type { AppError } from '../../../shared/result.ts';
import type { MetricMapping } from '../../../shared/sources/mapping.ts';
import type { MappingTemplate } from '../../../shared/sources/templates.ts';
import { useReads, useWrites } from '../../api/ApiProvider.tsx';
import { placedBesideFields, REFUSED_BESIDE_FIELDS, withIssuesLeft } from '../../lib/refusal.ts';
import { sentence } from '../../lib/sentence.ts';
import { escapeCancels } from '../../lib/escapeCancels.ts';
import { useFormFocus } from '../../lib/useFormFocus.ts';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';
import { Field } from '../../ui/Field.tsx';
import { FieldError, invalidProps } from '../../ui/FieldError.tsx';
import { KIND_LABEL } from '../connections/connectionText.ts';
import {
  checkMappingForm,
  emptyQuery,
  formFromMapping,
  gateMetricsOf,
  insertTemplate,
  problemsFromIssues,
  shownMetrics,
  unmappedMetrics,
  type MappingField,
  type MappingForm,
  type MappingProblems,
} from './mappingForm.ts';
import { QueryFields } from './QueryFields.tsx';
import { TemplatePicker } from './TemplatePicker.tsx';
import { TemplateVariables, renderSelector } from './TemplateVariables.tsx';

const DIMENSION_LABEL: Record<Dimension, string> = { region: 'Region', device: 'Device class', tenant: 'Tenant' };

/** The Metrics section's editor: the plan's mapping as a form, saved with the plan through updatePlan. */
export function MappingEditor({
  release,
  plan,
  connections,
  previewing,
  onPreview,
  onDone,
}: {
  release: ReleaseSummary;
  plan: PlanView;
  connections: ConnectionView[] | null;
  previewing: boolean;
  onPreview: (mapping: MetricMapping) => void;
  onDone: (saved: boolean) => void;
}) {
  const { savePlan } = useWrites();
  const { refetch: reloadConnections } = useQuery(useReads().connections());
  const gateMetrics = useMemo(() => gateMetricsOf(plan.plan), [plan.plan]);
  const [form, setForm] = useState<MappingForm>(() => {
    const start = formFromMapping(plan.plan.metrics, connections?.length === 1 ? connections[0]!.id : '');
    return start;
  });
  const [problems, setProblems] = useState<MappingProblems>({});
  const [error, setError] = useState<AppError | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [adding, setAdding] = useState<MetricName | ''>('');
  const { form: formRef, first, focusInvalid } = useFormFocus<HTMLSelectElement>();
  const ids = { title: useId(), connection: useId(), add: useId() };

  const clear = (...fields: MappingField[]) => setProblems((p) => Object.fromEntries(Object.entries(p).filter(([k]) => !fields.includes(k as MappingField))));
  const update = (patch: Partial<MappingForm>, ...fields: MappingField[]) => {
    setForm((f) => ({ ...f, ...patch }));
    clear(...fields);
    setError(null);
    setStatus(null);
  };

  const check = () => {
    const result = checkMappingForm(form, release);
    if (!result.ok) {
      setProblems(result.problems);
      focusInvalid();
    }
    return result;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setError(null);
    const checkedForm = check();
    if (!checkedForm.ok) return;
    setBusy(true);
    const result = await savePlan(release.id, { plan: { ...plan.plan, metrics: checkedForm.mapping } });
    setBusy(false);
    if (result.ok) return onDone(true);
    const { fields, rest } = problemsFromIssues(result.error.issues ?? []);
    // The connection was removed since the list was read: show what is saved now.
    if (fields.connection) void reloadConnections();
    setProblems(fields);
    focusInvalid();
    const placed = placedBesideFields(result.error, fields, rest);
    setError(placed ? null : withIssuesLeft(result.error, rest));
    if (placed) setStatus(sentence(REFUSED_BESIDE_FIELDS));
  };

  const remove = async () => {
    if (busy) return;
    setBusy(true);
    const { metrics: _dropped, ...rest } = plan.plan;
    const result = await savePlan(release.id, { plan: rest });
    setBusy(false);
    if (result.ok) return onDone(true);
    setError(result.error);
  };

  const insert = (template: MappingTemplate) => {
    const r = insertTemplate(form, template);
    setForm(r.form);
    clear(...r.inserted.flatMap((m) => [`queries.${m}`, `queries.${m}.events`, `queries.${m}.trials`, `queries.${m}.value`, `queries.${m}.weight`, `queries.${m}.scale`] as MappingField[]), 'queries');
    const names = r.inserted.map((m) => METRICS[m].label).join(', ');
    setStatus(`Inserted “${template.title}”: ${names}${r.skipped.length ? ` (not ${r.skipped.join(', ')}, which this version cannot judge)` : ''}. Check the label names, then preview.`);
  };

  const shown = shownMetrics(form, gateMetrics);
  const unmapped = unmappedMetrics(form, gateMetrics);
  const addable = MetricName.options.filter((m) => !shown.includes(m));
  const connectionKnown = !form.connection || connections === null || connections.some((c) => c.id === form.connection);
  const vars = { version: release.version, baselineVersion: release.baselineVersion ?? '', app: release.app, release: release.id };

  return (
    <form
      ref={formRef}
      className="form mapping-editor"
      onSubmit={submit}
      noValidate
      aria-labelledby={ids.title}
      data-testid="mapping-editor"
      onKeyDown={escapeCancels(() => onDone(false))}
    >
      <h4 id={ids.title} className="visually-hidden">
        Edit the metric mapping
      </h4>
      <div className="mapping-top">
        <div className="field">
          <label htmlFor={ids.connection}>Connection</label>
          <select
            id={ids.connection}
            ref={first}
            className="select"
            value={form.connection}
            {...invalidProps(problems.connection, `${ids.connection}-problem`, `${ids.connection}-hint`)}
            onChange={(e) => update({ connection: e.target.value }, 'connection')}
          >
            <option value="">Choose a connection…</option>
            {!connectionKnown ? <option value={form.connection}>{form.connection} (not a saved connection)</option> : null}
            {(connections ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({KIND_LABEL[c.config.kind]})
              </option>
            ))}
          </select>
          <p className="field-hint" id={`${ids.connection}-hint`}>
            {connections && connections.length === 0 ? (
              <>
                No connections yet: <Link to="/settings/connections">add one in Settings ▸ Connections</Link>.
              </>
            ) : (
              <>
                Where the queries run. Manage them in <Link to="/settings/connections">Settings ▸ Connections</Link>.
              </>
            )}
          </p>
          <FieldError id={`${ids.connection}-problem`} message={problems.connection ?? (connectionKnown ? undefined : 'This is not a saved connection: choose one, or add it in Settings ▸ Connections.')} />
        </div>
        <Field label="Fetch every" problem={problems.interval} hint="A rolling stage is fetched this often; it is also $interval, the range each query reads over.">
          {(control) => <input {...control} className="input mono" value={form.interval} onChange={(e) => update({ interval: e.target.value }, 'interval')} />}
        </Field>
        <Field label="Stale after" problem={problems.staleAfter} hint="Data older than this is no data: the guard never promotes on it.">
          {(control) => <input {...control} className="input mono" value={form.staleAfter} onChange={(e) => update({ staleAfter: e.target.value }, 'staleAfter')} />}
        </Field>
      </div>

      <fieldset>
        <legend>Cohorts</legend>
        <div className="mapping-row">
          <Field label="Cohort label" problem={problems.cohortLabel} hint="The label that tells canary from baseline: a version, a pod-template hash, or a flag state.">
            {(control) => <input {...control} className="input mono" value={form.cohortLabel} onChange={(e) => update({ cohortLabel: e.target.value }, 'cohortLabel')} />}
          </Field>
          <Field label="Canary selector" problem={problems.canary}>
            {(control) => <input {...control} className="input mono" value={form.canary} onChange={(e) => update({ canary: e.target.value }, 'canary')} />}
          </Field>
          <Field label="Baseline selector" problem={problems.baseline ?? problems.baselineVersion}>
            {(control) => <input {...control} className="input mono" value={form.baseline} onChange={(e) => update({ baseline: e.target.value }, 'baseline', 'baselineVersion')} />}
          </Field>
        </div>
        <p className="mapping-renders" data-testid="cohort-renders">
          For this release: canary <code>{renderSelector(form.cohortLabel, form.canary, vars)}</code>, baseline <code>{renderSelector(form.cohortLabel, form.baseline, vars)}</code>
        </p>
      </fieldset>

      <fieldset>
        <legend>Segments</legend>
        <p className="field-hint">Which result label holds each segment; $segmentLabels lists them for a “by (…)” clause. Leave a dimension empty to not split by it.</p>
        <div className="mapping-row">
          {Dimension.options.map((d) => (
            <SegmentField key={d} dimension={d} value={form.segments[d]} problem={problems[`segments.${d}`]} onChange={(v) => update({ segments: { ...form.segments, [d]: v } }, `segments.${d}`)} />
          ))}
        </div>
      </fieldset>

      <TemplatePicker onInsert={insert} />

      <div className="field" aria-live="polite">
        {status ? (
          <p className="form-status" role="status" data-testid="mapping-status">
            {status}
          </p>
        ) : null}
      </div>

      <section className="query-list" aria-label="Queries per gate metric" data-testid="mapping-queries">
        {unmapped.length ? (
          <p className="unmapped-note" data-testid="unmapped-summary">
            {unmapped.length === 1 ? 'A gate metric has' : `${unmapped.length} gate metrics have`} no query: {unmapped.map((m) => METRICS[m].label).join(', ')}.
          </p>
        ) : null}
        <FieldError id="queries-problem" message={problems.queries} />
        {shown.map((metric) => (
          <QueryFields
            key={metric}
            metric={metric}
            draft={form.queries[metric]}
            usedBy={gateMetrics.get(metric)}
            problems={problems}
            onChange={(draft) => {
              const queries = { ...form.queries };
              if (draft) queries[metric] = draft;
              else delete queries[metric];
              update({ queries }, 'queries', `queries.${metric}`);
            }}
          />
        ))}
        {addable.length ? (
          <div className="add-metric">
            <div className="field">
              <label htmlFor={ids.add}>Map another metric</label>
              <select id={ids.add} className="select" value={adding} onChange={(e) => setAdding(e.target.value as MetricName | '')}>
                <option value="">Choose a metric…</option>
                {addable.map((m) => (
                  <option key={m} value={m}>
                    {METRICS[m].label} ({m})
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className="button"
              disabled={!adding}
              onClick={() => {
                if (!adding) return;
                update({ queries: { ...form.queries, [adding]: emptyQuery(adding) } }, 'queries');
                setAdding('');
              }}
            >
              Add query
            </button>
          </div>
        ) : null}
      </section>

      <TemplateVariables vars={vars} form={form} />

      {error ? <ErrorBanner error={error} context="The metrics were not saved" /> : null}
      <div className="form-buttons">
        <button type="submit" className="button primary" aria-busy={busy || undefined} aria-disabled={busy || undefined}>
          Save metrics
        </button>
        <button
          type="button"
          className="button"
          aria-busy={previewing || undefined}
          aria-disabled={previewing || undefined}
          onClick={() => {
            if (previewing) return;
            const result = check();
            if (result.ok) onPreview(result.mapping);
          }}
        >
          {previewing ? 'Previewing…' : 'Preview'}
        </button>
        <button type="button" className="button" onClick={() => onDone(false)}>
          Cancel
        </button>
        {plan.plan.metrics ? (
          <button type="button" className="button danger page-action" onClick={() => void remove()}>
            Remove mapping
          </button>
        ) : null}
      </div>
    </form>
  );
}

function SegmentField({ dimension, value, problem, onChange }: { dimension: Dimension; value: string; problem: string | undefined; onChange: (v: string) => void }) {
  return (
    <Field label={`${DIMENSION_LABEL[dimension]} label`} problem={problem}>
      {(control) => <input {...control} className="input mono" value={value} placeholder={`e.g. ${dimension === 'device' ? 'device_class' : dimension}`} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}
