import type { ConnectionConfig } from '../../../shared/index.ts';

const filled = (s: string | undefined): string | undefined => (s !== undefined && s.trim() !== '' ? s : undefined);

/**
 * The config as it is kept: a field the kind or its auth does not use is dropped (a username without
 * basic auth, an empty CA or environment), so what is stored is what is used.
 */
export function usedConfig(config: ConnectionConfig): ConnectionConfig {
  switch (config.kind) {
    case 'prometheus': {
      const username = config.auth === 'basic' ? filled(config.username)?.trim() : undefined;
      const caCert = filled(config.caCert);
      return { kind: 'prometheus', baseUrl: config.baseUrl, auth: config.auth, ...(username ? { username } : {}), ...(caCert ? { caCert: caCert.trim() + '\n' } : {}) };
    }
    case 'datadog':
      return { kind: 'datadog', site: config.site };
    case 'sentry': {
      const environment = filled(config.environment)?.trim();
      return { kind: 'sentry', baseUrl: config.baseUrl, organization: config.organization, projects: [...new Set(config.projects)], ...(environment ? { environment } : {}) };
    }
  }
}

/** Shown as "set · …1234": only for secrets long enough (12+) that four characters give little away. */
export function last4Of(value: string): string | null {
  if (value.length < 12) return null;
  const tail = value.slice(-4);
  // Half of a surrogate pair is not a character a person could recognise.
  return /[\uD800-\uDFFF]/.test(tail) ? null : tail;
}
