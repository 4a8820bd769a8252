import type { SourceClientFactory } from '../../electron/core/connections/probe.ts';
import type { ConnectionSecrets } from '../../electron/core/connections/resolve.ts';
import type { MetricSourceClient } from '../../electron/core/sources/types.ts';
import type { ConnectionConfig, ConnectionTest } from '../../shared/index.ts';

export interface FakeSource {
  factory: SourceClientFactory;
  /** What each client was built with: the test sees which secrets reached it. */
  built: { config: ConnectionConfig; secrets: ConnectionSecrets }[];
}

/** A source client whose test answers what `answer` says (or throws what it throws); queries are not for these tests. */
export function fakeSource(answer: (config: ConnectionConfig, secrets: ConnectionSecrets, now: number) => ConnectionTest | Promise<ConnectionTest>): FakeSource {
  const built: FakeSource['built'] = [];
  const factory: SourceClientFactory = (config, secrets) => {
    built.push({ config, secrets: { ...secrets } });
    const client: MetricSourceClient = {
      kind: config.kind,
      limits: { maxPointsPerSeries: 11_000, minStepSeconds: 1 },
      cohortMatcher: (label, value) => `${label}="${value}"`,
      queryRange: async () => {
        throw new Error('the fake source does not query');
      },
      test: async (now) => answer(config, secrets, now),
    };
    return client;
  };
  return { factory, built };
}

export const passed = (now: number, detail = 'Prometheus 3.1.0'): ConnectionTest => ({ ok: true, at: now, problem: null, message: 'Connected.', detail, latencyMs: 12 });
