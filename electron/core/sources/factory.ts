import { secretFieldsOf, type ConnectionConfig, type ConnectionKind, type ConnectionTest, type RawSeries, type SecretField } from '../../../shared/index.ts';
import { DATADOG_LIMITS, DatadogClient, datadogCohortMatcher } from './datadog.ts';
import { PROMETHEUS_LIMITS, PrometheusClient, promCohortMatcher, type PrometheusAuth } from './prometheus.ts';
import { SENTRY_LIMITS, SentryClient, sentryCohortMatcher } from './sentry.ts';
import { SourceError, type FetchWindow, type MetricSourceClient, type SourceLimits } from './types.ts';

export interface SourceClientOptions {
  /** Per request; default 15 s. */
  fetchTimeoutMs?: number;
  /** Replaces the address the config implies (Datadog's https://api.{site}, or a base URL): tests and proxies. */
  baseUrlOverride?: string;
  /** Largest answer read; default 32 MiB. */
  maxResponseBytes?: number;
}

const SERVICE: Record<ConnectionKind, string> = { prometheus: 'Prometheus', datadog: 'Datadog', sentry: 'Sentry' };
const LIMITS: Record<ConnectionKind, SourceLimits> = { prometheus: PROMETHEUS_LIMITS, datadog: DATADOG_LIMITS, sentry: SENTRY_LIMITS };
const MATCHER: Record<ConnectionKind, (label: string, value: string) => string> = {
  prometheus: promCohortMatcher,
  datadog: datadogCohortMatcher,
  sentry: sentryCohortMatcher,
};
const FIELD_NAME: Record<SecretField, string> = { token: 'bearer token', password: 'password', apiKey: 'API key', appKey: 'application key', authToken: 'auth token' };

/** A connection whose required secret is not set: every call fails with `missing_secret`, naming the field. */
class MissingSecretClient implements MetricSourceClient {
  readonly kind: ConnectionKind;
  readonly limits: SourceLimits;
  private readonly error: SourceError;

  constructor(kind: ConnectionKind, missing: readonly SecretField[]) {
    this.kind = kind;
    this.limits = LIMITS[kind];
    const names = missing.map((f) => FIELD_NAME[f]).join(' and ');
    this.error = new SourceError('missing_secret', `This ${SERVICE[kind]} connection has no ${names} set: add it in Settings ▸ Connections`);
  }

  cohortMatcher(label: string, value: string): string {
    return MATCHER[this.kind](label, value);
  }

  queryRange(_query: string, _window: FetchWindow, _groupBy: readonly string[]): Promise<RawSeries[]> {
    return Promise.reject(this.error);
  }

  test(now: number): Promise<ConnectionTest> {
    return Promise.resolve({ ok: false, at: now, problem: 'missing_secret', message: this.error.message, detail: null, latencyMs: null });
  }
}

/** The client for one connection, given its config and the secrets the secret store holds for it. */
export function createSourceClient(config: ConnectionConfig, secrets: Partial<Record<SecretField, string>>, options: SourceClientOptions = {}): MetricSourceClient {
  const missing = secretFieldsOf(config).filter((f) => !secrets[f]);
  if (missing.length > 0) return new MissingSecretClient(config.kind, missing);
  const common = { timeoutMs: options.fetchTimeoutMs, maxBodyBytes: options.maxResponseBytes };
  switch (config.kind) {
    case 'prometheus': {
      const auth: PrometheusAuth =
        config.auth === 'bearer'
          ? { kind: 'bearer', token: secrets.token! }
          : config.auth === 'basic'
            ? { kind: 'basic', username: config.username ?? '', password: secrets.password! }
            : { kind: 'none' };
      return new PrometheusClient({ baseUrl: options.baseUrlOverride ?? config.baseUrl, auth, caPem: config.caCert || undefined, ...common });
    }
    case 'datadog':
      return new DatadogClient({ site: config.site, apiKey: secrets.apiKey!, appKey: secrets.appKey!, baseUrl: options.baseUrlOverride, ...common });
    case 'sentry':
      return new SentryClient({
        baseUrl: options.baseUrlOverride ?? config.baseUrl,
        organization: config.organization,
        projects: config.projects,
        environment: config.environment,
        authToken: secrets.authToken!,
        ...common,
      });
  }
}
