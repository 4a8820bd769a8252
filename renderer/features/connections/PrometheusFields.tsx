import { useId } from 'react';
import { Field } from '../../ui/Field.tsx';
import { FieldError } from '../../ui/FieldError.tsx';
import type { PrometheusAuth } from './connectionFormState.ts';
import type { KindFieldsProps } from './fieldProps.ts';

const AUTH: { value: PrometheusAuth; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'bearer', label: 'Bearer token' },
  { value: 'basic', label: 'Basic auth' },
];

/** Prometheus: its address, how it authenticates (none, a bearer token, basic auth) and a private CA to trust. */
export function PrometheusFields({ form, problems, update, secret }: KindFieldsProps) {
  const authId = useId();
  return (
    <>
      <Field label="Base URL" problem={problems.baseUrl} hint={'Where Prometheus answers; "Test connection" asks it for /api/v1/status/buildinfo.'}>
        {(control) => (
          <input {...control} className="input mono" value={form.prometheusUrl} maxLength={2048} placeholder="http://prometheus.internal:9090" spellCheck={false} onChange={(e) => update({ prometheusUrl: e.target.value })} />
        )}
      </Field>
      <fieldset aria-describedby={problems.auth ? `${authId}-problem` : undefined}>
        <legend>Authentication</legend>
        <div className="choice-row">
          {AUTH.map((a) => (
            <label key={a.value}>
              <input type="radio" name={authId} value={a.value} checked={form.auth === a.value} onChange={() => update({ auth: a.value })} />
              {a.label}
            </label>
          ))}
        </div>
        <FieldError id={`${authId}-problem`} message={problems.auth} />
        {form.auth === 'basic' ? (
          <div className="secret-grid">
            <Field label="Username" problem={problems.username}>
              {(control) => <input {...control} className="input" value={form.username} maxLength={256} autoComplete="off" onChange={(e) => update({ username: e.target.value })} />}
            </Field>
            {secret('password')}
          </div>
        ) : null}
        {form.auth === 'bearer' ? <div className="secret-grid">{secret('token')}</div> : null}
      </fieldset>
      <Field label="Custom CA (PEM, optional)" problem={problems.caCert} hint="Certificates to trust besides the system's, for a Prometheus behind a private CA. Public: not a secret.">
        {(control) => (
          <textarea
            {...control}
            className="textarea code"
            rows={4}
            maxLength={65_536}
            spellCheck={false}
            value={form.caCert}
            placeholder={'-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----'}
            onChange={(e) => update({ caCert: e.target.value })}
          />
        )}
      </Field>
    </>
  );
}
