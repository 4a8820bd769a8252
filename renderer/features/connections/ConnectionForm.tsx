import { useId, useState, type FormEvent } from 'react';
import { ConnectionKind, type ConnectionTest, type ConnectionView, type SecretField } from '../../../shared/domain/connections.ts';
import type { AppError } from '../../../shared/result.ts';
import { useWrites } from '../../api/ApiProvider.tsx';
import { refusalBanner } from '../../lib/refusal.ts';
import { escapeCancels } from '../../lib/escapeCancels.ts';
import { useFormFocus } from '../../lib/useFormFocus.ts';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';
import { Field } from '../../ui/Field.tsx';
import { emptyConnectionForm, formFromView, formToSaveInput, problemsFromIssues, testInput, type ConnectionField, type ConnectionFormState, type FieldProblems } from './connectionFormState.ts';
import { KIND_LABEL } from './connectionText.ts';
import { DatadogFields } from './DatadogFields.tsx';
import { PrometheusFields } from './PrometheusFields.tsx';
import { SecretInput } from './SecretInput.tsx';
import { SentryFields } from './SentryFields.tsx';
import { TestResult } from './TestResult.tsx';

/** Which problem a change of form state puts to rest. */
const FIELD_OF_STATE: Partial<Record<keyof ConnectionFormState, ConnectionField>> = { prometheusUrl: 'baseUrl', sentryUrl: 'baseUrl' };

/** Adds a connection, or edits one (`connection`): per kind its fields and write-only secrets, a test before saving. */
export function ConnectionForm({ connection, onDone }: { connection?: ConnectionView; onDone: (id: string | null) => void }) {
  const { saveConnection, testConnection } = useWrites();
  const titleId = useId();
  // The connection as it was when the form opened: the edit is based on that version.
  const [opened] = useState(connection);
  const [form, setForm] = useState<ConnectionFormState>(() => (opened ? formFromView(opened) : emptyConnectionForm()));
  const [problems, setProblems] = useState<FieldProblems>({});
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<{ result: ConnectionTest | null; error: AppError | null } | null>(null);
  const { form: formRef, first, focusInvalid } = useFormFocus<HTMLInputElement>();

  const update = (patch: Partial<ConnectionFormState>) => {
    setForm((f) => ({ ...f, ...patch }));
    const fields = Object.keys(patch).map((k) => FIELD_OF_STATE[k as keyof ConnectionFormState] ?? (k as ConnectionField));
    setProblems((p) => Object.fromEntries(Object.entries(p).filter(([field]) => !fields.includes(field as ConnectionField))));
    // A test answers for what was tested, and a refusal for what was sent; once that changes, neither says anything.
    setTest(null);
    setError(null);
  };
  const updateSecret = (field: SecretField, draft: ConnectionFormState['secrets'][SecretField]) => {
    setForm((f) => ({ ...f, secrets: { ...f.secrets, [field]: draft } }));
    setProblems((p) => Object.fromEntries(Object.entries(p).filter(([k]) => k !== field)));
    setTest(null);
  };

  const place = (err: AppError) => {
    const placed = problemsFromIssues(err.issues ?? []);
    setProblems(placed.fields);
    focusInvalid();
    return refusalBanner(err, placed);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setError(null);
    const check = formToSaveInput(form, opened);
    if (!check.ok) {
      setProblems(check.problems);
      focusInvalid();
      return;
    }
    setBusy(true);
    const result = await saveConnection(check.input);
    setBusy(false);
    if (result.ok) return onDone(result.value.id);
    setError(place(result.error));
  };

  const runTest = async () => {
    if (testing) return;
    setTesting(true);
    setTest(null);
    const result = await testConnection(testInput(form, opened));
    setTesting(false);
    if (result.ok) return setTest({ result: result.value, error: null });
    if (result.error.code === 'invalid_input') {
      const placed = place(result.error);
      return setTest({ result: null, error: placed });
    }
    setTest({ result: null, error: result.error });
  };

  const secret = (field: SecretField) => (
    <SecretInput key={field} field={field} stored={opened?.secrets.find((s) => s.field === field)} draft={form.secrets[field]} problem={problems[field]} onChange={(d) => updateSecret(field, d)} />
  );
  const kindProps = { form, problems, update, secret };

  return (
    <form
      ref={formRef}
      className="panel form connection-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={titleId}
      data-testid={opened ? 'edit-connection-form' : 'new-connection-form'}
      onKeyDown={escapeCancels(() => onDone(null))}
    >
      <h2 id={titleId}>{opened ? `Edit ${opened.name}` : 'New connection'}</h2>
      <div className="form-grid">
        <Field label="Name" problem={problems.name}>
          {(control) => <input ref={first} {...control} className="input" value={form.name} maxLength={80} placeholder="Production Prometheus" onChange={(e) => update({ name: e.target.value })} />}
        </Field>
        <Field label="Kind" problem={problems.kind} hint={opened ? 'Queries are written for one kind, so it does not change.' : undefined}>
          {(control) =>
            opened ? (
              <input {...control} className="input" value={KIND_LABEL[opened.config.kind]} readOnly />
            ) : (
              <select {...control} className="select" value={form.kind} onChange={(e) => update({ kind: e.target.value as ConnectionKind })}>
                {ConnectionKind.options.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABEL[k]}
                  </option>
                ))}
              </select>
            )
          }
        </Field>
      </div>
      {form.kind === 'prometheus' ? <PrometheusFields {...kindProps} /> : null}
      {form.kind === 'datadog' ? <DatadogFields {...kindProps} /> : null}
      {form.kind === 'sentry' ? <SentryFields {...kindProps} /> : null}
      <div className="connection-test" aria-live="polite">
        <button type="button" className="button" onClick={() => void runTest()} aria-busy={testing || undefined} aria-disabled={testing || undefined}>
          {testing ? 'Testing…' : 'Test connection'}
        </button>
        {test ? <TestResult test={test.result} error={test.error} /> : <span className="muted">{opened ? 'Tests what the form holds now, before you save.' : 'Try it before saving: one real call to the service.'}</span>}
      </div>
      {error ? <ErrorBanner error={error} context="Could not save the connection" /> : null}
      <div className="form-buttons">
        <button type="submit" className="button primary" aria-busy={busy || undefined} aria-disabled={busy || undefined}>
          {opened ? 'Save changes' : 'Save connection'}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
