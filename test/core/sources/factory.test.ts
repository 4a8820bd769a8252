import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSourceClient } from '../../../electron/core/sources/factory.ts';
import { SourceError } from '../../../electron/core/sources/types.ts';
import type { ConnectionConfig, SecretField } from '../../../shared/index.ts';
import { startPrometheusEcho, type PrometheusEcho } from '../../support/fakes/prometheusEcho.ts';
import { startSentryFake, type SentryFake } from '../../support/fakes/sentry.ts';

let echo: PrometheusEcho;
let sentry: SentryFake;
beforeAll(async () => {
  echo = await startPrometheusEcho();
  sentry = await startSentryFake();
});
afterAll(async () => {
  await echo?.close();
  await sentry?.close();
});

const window = { start: Date.UTC(2026, 10, 29, 1), end: Date.UTC(2026, 10, 29, 2), stepSeconds: 3600 };

describe('createSourceClient', () => {
  it('gives a client whose calls fail with missing_secret, naming the field, when a required secret is not set', async () => {
    const cases: { config: ConnectionConfig; secrets: Partial<Record<SecretField, string>>; says: string }[] = [
      { config: { kind: 'prometheus', baseUrl: echo.url, auth: 'bearer' }, secrets: {}, says: 'This Prometheus connection has no bearer token set: add it in Settings ▸ Connections' },
      { config: { kind: 'prometheus', baseUrl: echo.url, auth: 'basic', username: 'u' }, secrets: { password: '' }, says: 'This Prometheus connection has no password set: add it in Settings ▸ Connections' },
      { config: { kind: 'datadog', site: 'datadoghq.com' }, secrets: { apiKey: 'k-123456' }, says: 'This Datadog connection has no application key set: add it in Settings ▸ Connections' },
      { config: { kind: 'sentry', baseUrl: sentry.url, organization: 'acme', projects: [] }, secrets: {}, says: 'This Sentry connection has no auth token set: add it in Settings ▸ Connections' },
    ];
    const before = echo.requests.length + sentry.requests.length;
    for (const c of cases) {
      const client = createSourceClient(c.config, c.secrets);
      expect(client.kind).toBe(c.config.kind);
      const err = await client.queryRange('up', window, []).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(SourceError);
      expect([(err as SourceError).problem, (err as SourceError).message, (err as SourceError).transient]).toEqual(['missing_secret', c.says, false]);
      expect(await client.test(5)).toEqual({ ok: false, at: 5, problem: 'missing_secret', message: c.says, detail: null, latencyMs: null });
    }
    expect(echo.requests.length + sentry.requests.length).toBe(before);
    // The matcher and the limits do not need the secret.
    const dd = createSourceClient({ kind: 'datadog', site: 'datadoghq.com' }, {});
    expect([dd.cohortMatcher('version', '1.4.0'), dd.limits.minStepSeconds]).toEqual(['version:1.4.0', 60]);
  });

  it('builds each kind from its config: Prometheus basic auth with the config’s user name', async () => {
    const prom = createSourceClient({ kind: 'prometheus', baseUrl: echo.url, auth: 'basic', username: 'reader' }, { password: 'pw-0001' });
    expect(prom.limits).toEqual({ maxPointsPerSeries: 11_000, minStepSeconds: 1 });
    expect(prom.cohortMatcher('version', '1.4.0')).toBe('version="1.4.0"');
    expect(await prom.test(1)).toMatchObject({ ok: true, detail: 'Prometheus 2.99.0-echo' });
    expect(echo.requests.at(-1)!.headers.authorization).toBe(`Basic ${Buffer.from('reader:pw-0001').toString('base64')}`);
    const plain = createSourceClient({ kind: 'prometheus', baseUrl: echo.url, auth: 'none' }, {});
    expect(await plain.test(1)).toMatchObject({ ok: true });
  });

  it('points Sentry at the override address and its organization', async () => {
    const client = createSourceClient({ kind: 'sentry', baseUrl: 'https://sentry.io', organization: sentry.organization, projects: ['11'] }, { authToken: sentry.token }, { baseUrlOverride: sentry.url });
    expect(client.limits).toEqual({ maxPointsPerSeries: 10_000, minStepSeconds: 3600 });
    expect(await client.queryRange('sum(session)', window, [])).toEqual([]);
    expect(sentry.requests.at(-1)!.url.startsWith('/api/0/organizations/acme/sessions/')).toBe(true);
  });

  it('applies the fetch timeout it is given', async () => {
    let release: () => void = () => {};
    echo.reply = async (_req, reply) => {
      await new Promise<void>((r) => (release = r));
      return reply.send({});
    };
    const client = createSourceClient({ kind: 'prometheus', baseUrl: echo.url, auth: 'none' }, {}, { fetchTimeoutMs: 100 });
    const t = await client.test(1);
    release();
    echo.reply = null;
    expect(t).toMatchObject({ ok: false, problem: 'timeout' });
  });
});
