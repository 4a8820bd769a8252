import { DatadogSite } from '../../../shared/domain/connections.ts';
import { Field } from '../../ui/Field.tsx';
import type { DatadogSiteName } from './connectionFormState.ts';
import type { KindFieldsProps } from './fieldProps.ts';

/** Datadog's sites by the names its docs and login page use. */
const SITE_LABEL: Record<DatadogSiteName, string> = {
  'datadoghq.com': 'US1 — datadoghq.com',
  'us3.datadoghq.com': 'US3 — us3.datadoghq.com',
  'us5.datadoghq.com': 'US5 — us5.datadoghq.com',
  'datadoghq.eu': 'EU1 — datadoghq.eu',
  'ap1.datadoghq.com': 'AP1 — ap1.datadoghq.com',
  'ddog-gov.com': 'US1-FED — ddog-gov.com',
};

/** Datadog: the site the account lives on, and its API and application keys. */
export function DatadogFields({ form, problems, update, secret }: KindFieldsProps) {
  return (
    <>
      <Field className="field connection-narrow" label="Site" problem={problems.site} hint="The address you sign in at: app.datadoghq.eu is EU1. A key of another site answers 403.">
        {(control) => (
          <select {...control} className="select" value={form.site} onChange={(e) => update({ site: e.target.value as DatadogSiteName })}>
            {DatadogSite.options.map((s) => (
              <option key={s} value={s}>
                {SITE_LABEL[s]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="secret-grid">
        {secret('apiKey')}
        {secret('appKey')}
      </div>
    </>
  );
}
