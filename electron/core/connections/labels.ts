import { SECRET_FIELD_LABELS, SecretField } from '../../../shared/index.ts';

/** How the stale-edit message names what someone else changed. */
export const CONNECTION_FIELD_LABELS: Readonly<Record<string, string>> = {
  name: 'name',
  baseUrl: 'base URL',
  auth: 'authentication',
  username: 'username',
  caCert: 'custom CA',
  site: 'site',
  organization: 'organization',
  projects: 'projects',
  environment: 'environment',
  ...Object.fromEntries(SecretField.options.map((f) => [`secrets.${f}`, SECRET_FIELD_LABELS[f]])),
};
