import { useId } from 'react';
import { FieldError, invalidProps } from '../../ui/FieldError.tsx';
import type { PrometheusAuth } from './connectionFormState.ts';
import type { KindFieldsProps } from './fieldProps.ts';

const AUTH: { value: PrometheusAuth; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'bearer', label: 'Bearer token' },
  { value: 'basic', label: 'Basic auth' },
];

/** Prometheus: its address, how it authenticates (none, a bearer token, basic auth) and a private CA to trust. */
export function PrometheusFields({ form, problems, update, secret }: KindFieldsProps) {
  const ids = { url: useId(), urlHint: useId(), user: useId(), ca: useId(), caHint: useId(), auth: useId() };
  return (
    <>
      <div className="field">
        <label htmlFor={ids.url}>Base URL</label>
        <input
          id={ids.url}
          className="input mono"
          value={form.prometheusUrl}
          maxLength={2048}
          placeholder="http://prometheus.internal:9090"
          spellCheck={false}
          {...invalidProps(problems.baseUrl, `${ids.url}-problem`, ids.urlHint)}
          onChange={(e) => update({ prometheusUrl: e.target.value })}
        />
        <p className="field-hint" id={ids.urlHint}>
          Where Prometheus answers; "Test connection" asks it for /api/v1/status/buildinfo.
        </p>
        <FieldError id={`${ids.url}-problem`} message={problems.baseUrl} />
      </div>
      <fieldset aria-describedby={problems.auth ? `${ids.auth}-problem` : undefined}>
        <legend>Authentication</legend>
        <div className="choice-row">
          {AUTH.map((a) => (
            <label key={a.value}>
              <input type="radio" name={ids.auth} value={a.value} checked={form.auth === a.value} onChange={() => update({ auth: a.value })} />
              {a.label}
            </label>
          ))}
        </div>
        <FieldError id={`${ids.auth}-problem`} message={problems.auth} />
        {form.auth === 'basic' ? (
          <div className="secret-grid">
            <div className="field">
              <label htmlFor={ids.user}>Username</label>
              <input id={ids.user} className="input" value={form.username} maxLength={256} autoComplete="off" {...invalidProps(problems.username, `${ids.user}-problem`)} onChange={(e) => update({ username: e.target.value })} />
              <FieldError id={`${ids.user}-problem`} message={problems.username} />
            </div>
            {secret('password')}
          </div>
        ) : null}
        {form.auth === 'bearer' ? <div className="secret-grid">{secret('token')}</div> : null}
      </fieldset>
      <div className="field">
        <label htmlFor={ids.ca}>Custom CA (PEM, optional)</label>
        <textarea
          id={ids.ca}
          className="textarea code"
          rows={4}
          maxLength={65_536}
          spellCheck={false}
          value={form.caCert}
          placeholder={'-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----'}
          {...invalidProps(problems.caCert, `${ids.ca}-problem`, ids.caHint)}
          onChange={(e) => update({ caCert: e.target.value })}
        />
        <p className="field-hint" id={ids.caHint}>
          Certificates to trust besides the system's, for a Prometheus behind a private CA. Public: not a secret.
        </p>
        <FieldError id={`${ids.ca}-problem`} message={problems.caCert} />
      </div>
    </>
  );
}
