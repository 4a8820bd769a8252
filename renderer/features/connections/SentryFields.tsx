import { useId } from 'react';
import { FieldError, invalidProps } from '../../ui/FieldError.tsx';
import type { KindFieldsProps } from './fieldProps.ts';

/** Sentry: sentry.io or a self-hosted address, the organization, which projects and environment, and an auth token. */
export function SentryFields({ form, problems, update, secret }: KindFieldsProps) {
  const ids = { url: useId(), urlHint: useId(), org: useId(), orgHint: useId(), projects: useId(), projectsHint: useId(), env: useId() };
  return (
    <>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={ids.url}>Base URL</label>
          <input id={ids.url} className="input mono" value={form.sentryUrl} maxLength={2048} spellCheck={false} {...invalidProps(problems.baseUrl, `${ids.url}-problem`, ids.urlHint)} onChange={(e) => update({ sentryUrl: e.target.value })} />
          <p className="field-hint" id={ids.urlHint}>
            https://sentry.io, or your self-hosted Sentry's address.
          </p>
          <FieldError id={`${ids.url}-problem`} message={problems.baseUrl} />
        </div>
        <div className="field">
          <label htmlFor={ids.org}>Organization</label>
          <input id={ids.org} className="input mono" value={form.organization} maxLength={100} placeholder="acme" spellCheck={false} {...invalidProps(problems.organization, `${ids.org}-problem`, ids.orgHint)} onChange={(e) => update({ organization: e.target.value })} />
          <p className="field-hint" id={ids.orgHint}>
            The slug in sentry.io/organizations/<em>slug</em>/.
          </p>
          <FieldError id={`${ids.org}-problem`} message={problems.organization} />
        </div>
        <div className="field">
          <label htmlFor={ids.projects}>Projects (optional)</label>
          <input id={ids.projects} className="input mono" value={form.projects} maxLength={1200} placeholder="4505, 4506" {...invalidProps(problems.projects, `${ids.projects}-problem`, ids.projectsHint)} onChange={(e) => update({ projects: e.target.value })} />
          <p className="field-hint" id={ids.projectsHint}>
            Numeric project ids, separated by commas; empty reads every project the token sees.
          </p>
          <FieldError id={`${ids.projects}-problem`} message={problems.projects} />
        </div>
        <div className="field">
          <label htmlFor={ids.env}>Environment (optional)</label>
          <input id={ids.env} className="input" value={form.environment} maxLength={64} placeholder="production" {...invalidProps(problems.environment, `${ids.env}-problem`)} onChange={(e) => update({ environment: e.target.value })} />
          <FieldError id={`${ids.env}-problem`} message={problems.environment} />
        </div>
      </div>
      <div className="secret-grid">{secret('authToken')}</div>
    </>
  );
}
