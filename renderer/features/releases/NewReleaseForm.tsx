import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { TargetKind } from '../../../shared/domain/release.ts';
import type { AppError } from '../../../shared/result.ts';
import { TARGET_LABEL } from '../../lib/labels.ts';
import { useReads, useWrites } from '../../api/ApiProvider.tsx';
import { useRole } from '../../api/useInfo.ts';
import { withIssuesLeft } from '../../lib/refusal.ts';
import { useFormFocus } from '../../lib/useFormFocus.ts';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';
import { Field } from '../../ui/Field.tsx';
import { FieldError, invalidProps } from '../../ui/FieldError.tsx';
import { IssueList } from '../../ui/IssueList.tsx';
import { SubmitCancel } from '../../ui/SubmitCancel.tsx';
import { useDraft } from '../../lib/drafts.ts';
import { DraftNotice } from '../../ui/DraftNotice.tsx';
import { KIND_LABEL } from '../connections/connectionText.ts';
import { initialConnection, newReleaseInput, newReleaseProblems, planSummary, readPlan, usesBaselineVersion, type NewReleaseFields, type NewReleaseProblems } from './newReleaseInput.ts';

/** A planned release on the target's default plan, or on a plan from YAML (with its metric mapping's connection and baseline version); it opens once the host has made it. */
export function NewReleaseForm({ onCancel }: { onCancel: () => void }) {
  const { createRelease } = useWrites();
  const operator = useRole() === 'operator';
  const navigate = useNavigate();
  const ids = { yaml: useId(), file: useId() };
  // Kept as a draft until the release is made or the draft discarded.
  const [fields, setFields, drafts] = useDraft<NewReleaseFields>('release:new', () => ({ name: '', app: '', version: '', target: 'service', planSource: 'default', yaml: '', connection: '', baselineVersion: '' }));
  const [problems, setProblems] = useState<NewReleaseProblems>({});
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const { form: formRef, first, focusInvalid } = useFormFocus<HTMLInputElement>();

  const read = useMemo(() => (fields.planSource === 'yaml' ? readPlan(fields.yaml) : null), [fields.planSource, fields.yaml]);
  const plan = read?.ok ? read.plan : null;
  const mapping = plan?.metrics;
  // A plan with a metric mapping reads through a connection: the operator picks one of theirs.
  const connections = useQuery({ ...useReads().connections(), enabled: operator && mapping !== undefined }).data ?? null;

  const update = (patch: Partial<NewReleaseFields>) => {
    setFields((f) => {
      const next = { ...f, ...patch };
      // A newly read plan brings its own connection, where that one is saved.
      if ('yaml' in patch || 'planSource' in patch) {
        const r = next.planSource === 'yaml' ? readPlan(next.yaml) : null;
        next.connection = r?.ok ? initialConnection(r.plan.metrics, connections) : '';
      }
      return next;
    });
    setProblems((p) => Object.fromEntries(Object.entries(p).filter(([k]) => !(k in patch) && !(k === 'yaml' && 'planSource' in patch))));
    setError(null);
  };

  // The connections may arrive after the plan was read.
  useEffect(() => {
    if (mapping && connections && !fields.connection) {
      const start = initialConnection(mapping, connections);
      if (start) setFields((f) => ({ ...f, connection: start }));
    }
  }, [mapping, connections, fields.connection]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const check = newReleaseInput(fields, connections);
    if (!check.ok) {
      setProblems(check.problems);
      focusInvalid();
      return;
    }
    setBusy(true);
    const result = await createRelease(check.input);
    setBusy(false);
    if (result.ok) {
      drafts.clear();
      navigate(`/releases/${encodeURIComponent(result.value.release.id)}`);
      return;
    }
    const placed = newReleaseProblems(result.error.issues ?? []);
    setProblems(placed.fields);
    focusInvalid();
    setError(placed.rest.length || Object.keys(placed.fields).length === 0 ? withIssuesLeft(result.error, placed.rest) : null);
  };

  const loadFile = async (file: File | undefined) => {
    if (!file) return;
    update({ yaml: await file.text() });
  };

  const needsBaseline = usesBaselineVersion(mapping);
  const fromFile = !plan?.metrics ? null : plan.metrics.connection;
  return (
    <form ref={formRef} className="panel form" onSubmit={submit} noValidate aria-labelledby="new-release-title" data-testid="new-release-form">
      <h2 id="new-release-title">New release</h2>
      <DraftNotice restoredAt={drafts.restoredAt} onDiscard={drafts.discard} />
      <div className="form-grid">
        <Field label="Name" problem={problems.name}>
          {(control) => <input {...control} ref={first} className="input" value={fields.name} onChange={(e) => update({ name: e.target.value })} placeholder="checkout-api 2026.12.1" maxLength={120} />}
        </Field>
        <Field label="App" problem={problems.app}>
          {(control) => <input {...control} className="input" value={fields.app} onChange={(e) => update({ app: e.target.value })} placeholder="checkout-api" maxLength={120} />}
        </Field>
        <Field label="Version" problem={problems.version}>
          {(control) => <input {...control} className="input mono" value={fields.version} onChange={(e) => update({ version: e.target.value })} placeholder="2026.12.1" maxLength={40} />}
        </Field>
        <Field label="Target" hint={plan ? 'From the plan.' : undefined}>
          {(control) => (
            <select {...control} className="select" value={plan ? plan.target : fields.target} disabled={plan !== null} onChange={(e) => update({ target: e.target.value as TargetKind })}>
              {TargetKind.options.map((t) => (
                <option key={t} value={t}>
                  {TARGET_LABEL[t]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Plan">
          {(control) => (
            <select {...control} className="select" value={fields.planSource} onChange={(e) => update({ planSource: e.target.value as NewReleaseFields['planSource'] })}>
              <option value="default">The target’s default plan</option>
              <option value="yaml">A plan from YAML</option>
            </select>
          )}
        </Field>
      </div>
      {fields.planSource === 'yaml' ? (
        <div className="field">
          <label htmlFor={ids.yaml}>Plan YAML</label>
          <textarea
            id={ids.yaml}
            className="textarea code"
            rows={8}
            spellCheck={false}
            value={fields.yaml}
            placeholder={'name: checkout canary\ntarget: service\nmetrics: …\nstages: …'}
            {...invalidProps(problems.yaml, `${ids.yaml}-problem`, `${ids.yaml}-hint`)}
            onChange={(e) => update({ yaml: e.target.value })}
          />
          <div className="form-buttons">
            <label htmlFor={ids.file} className="field-label">
              Load from a file
            </label>
            <input id={ids.file} type="file" accept=".yaml,.yml,application/yaml,text/yaml" onChange={(e) => void loadFile(e.target.files?.[0])} data-testid="plan-file" />
          </div>
          <div id={`${ids.yaml}-hint`} className="field-hint" data-testid="plan-read">
            {read === null ? (
              'As the plan editor exports it, e.g. scripts/demo/checkout-plan.yaml.'
            ) : read.ok ? (
              planSummary(read.plan)
            ) : (
              <>
                The plan cannot be read yet:
                <IssueList issues={read.issues} />
              </>
            )}
          </div>
          <FieldError id={`${ids.yaml}-problem`} message={problems.yaml && read?.ok !== false ? problems.yaml : undefined} />
        </div>
      ) : null}
      {mapping ? (
        <div className="form-grid">
          <Field
            label="Metrics connection"
            problem={problems.connection}
            hint={
              connections?.length === 0 ? (
                <>
                  No connections yet: <Link to="/settings/connections">add one in Settings ▸ Connections</Link>.
                </>
              ) : fromFile && !connections?.some((c) => c.id === fromFile) ? (
                <>
                  The file names <span className="mono">{fromFile}</span>, which is not saved here: choose the one to use.
                </>
              ) : (
                'The plan’s queries run on it.'
              )
            }
          >
            {(control) => (
              <select {...control} className="select" value={fields.connection} onChange={(e) => update({ connection: e.target.value })}>
                <option value="">Choose a connection…</option>
                {(connections ?? []).map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} ({KIND_LABEL[c.config.kind]})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label={`Baseline version${needsBaseline ? '' : ' (optional)'}`}
            problem={problems.baselineVersion}
            hint={needsBaseline ? 'Required: the baseline selector is $baselineVersion, the version the canary is compared with.' : 'The version the canary is compared with, if the queries use $baselineVersion.'}
          >
            {(control) => (
              <input
                {...control}
                className="input mono"
                value={fields.baselineVersion}
                maxLength={40}
                placeholder="1.3.9"
                aria-required={needsBaseline || undefined}
                onChange={(e) => update({ baselineVersion: e.target.value })}
              />
            )}
          </Field>
        </div>
      ) : null}
      <p className="field-hint">{plan ? 'The release follows this plan and starts as planned; start it from its page.' : 'The release follows the default plan for its target and starts as planned; start it from its page.'}</p>
      {error ? <ErrorBanner error={error} context="Could not create the release" /> : null}
      <SubmitCancel label="Create release" busy={busy} onCancel={onCancel} />
    </form>
  );
}
