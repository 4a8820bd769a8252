import type { SourceClientFactory } from '../../electron/core/connections/probe.ts';
import { SourceError, type MetricSourceClient } from '../../electron/core/sources/types.ts';

/**
 * A Prometheus client for the secret tests: it calls status/buildinfo with the connection's bearer token
 * for real, and carelessly passes on what the server said — its echo of the Authorization header, the
 * body of a 401 — so only the core's scrubbing stands between the token and the answer.
 */
export const echoingPrometheusClient: SourceClientFactory = (config, secrets) => {
  if (config.kind !== 'prometheus') throw new Error(`this test client speaks Prometheus only, not ${config.kind}`);
  const client: MetricSourceClient = {
    kind: 'prometheus',
    limits: { maxPointsPerSeries: 11_000, minStepSeconds: 1 },
    cohortMatcher: (label, value) => `${label}="${value}"`,
    queryRange: async () => {
      throw new SourceError('bad_request', 'this test client does not query');
    },
    test: async (now) => {
      const headers: Record<string, string> = config.auth === 'bearer' && secrets.token ? { authorization: `Bearer ${secrets.token}` } : {};
      let res: Response;
      try {
        res = await fetch(`${config.baseUrl}/api/v1/status/buildinfo`, { headers });
      } catch (error) {
        throw new SourceError('unreachable', `Cannot reach ${config.baseUrl} with ${JSON.stringify(headers)}: ${String(error)}`);
      }
      const body = await res.text();
      if (res.status === 401) throw new SourceError('unauthorized', `Prometheus refused the token (401): ${body}`, null, 401);
      const parsed = JSON.parse(body) as { data: { version: string; seenAuthorization?: string } };
      return { ok: true, at: now, problem: null, message: 'Connected.', detail: `Prometheus ${parsed.data.version}; the proxy saw ${parsed.data.seenAuthorization ?? 'nothing'}`, latencyMs: 5 };
    },
  };
  return client;
};
