import { Field } from '../../ui/Field.tsx';
import type { KindFieldsProps } from './fieldProps.ts';

/** Sentry: sentry.io or a self-hosted address, the organization, which projects and environment, and an auth token. */
export function SentryFields({ form, problems, update, secret }: KindFieldsProps) {
  return (
    <>
      <div className="form-grid">
        <Field label="Base URL" problem={problems.baseUrl} hint="https://sentry.io, or your self-hosted Sentry's address.">
          {(control) => <input {...control} className="input mono" value={form.sentryUrl} maxLength={2048} spellCheck={false} onChange={(e) => update({ sentryUrl: e.target.value })} />}
        </Field>
        <Field
          label="Organization"
          problem={problems.organization}
          hint={
            <>
              The slug in sentry.io/organizations/<em>slug</em>/.
            </>
          }
        >
          {(control) => <input {...control} className="input mono" value={form.organization} maxLength={100} placeholder="acme" spellCheck={false} onChange={(e) => update({ organization: e.target.value })} />}
        </Field>
        <Field label="Projects (optional)" problem={problems.projects} hint="Numeric project ids, separated by commas; empty reads every project the token sees.">
          {(control) => <input {...control} className="input mono" value={form.projects} maxLength={1200} placeholder="4505, 4506" onChange={(e) => update({ projects: e.target.value })} />}
        </Field>
        <Field label="Environment (optional)" problem={problems.environment}>
          {(control) => <input {...control} className="input" value={form.environment} maxLength={64} placeholder="production" onChange={(e) => update({ environment: e.target.value })} />}
        </Field>
      </div>
      <div className="secret-grid">{secret('authToken')}</div>
    </>
  );
}
