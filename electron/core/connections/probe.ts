import { ConnectionTest, SECRET_FIELD_LABELS, fail, ok, secretFieldsOf, type ConnectionConfig, type Result, type SecretField } from '../../../shared/index.ts';
import { SourceError, type MetricSourceClient } from '../sources/types.ts';
import type { ConnectionSecrets } from './resolve.ts';
import { scrub, secretSpellings } from './scrub.ts';

/** Builds a provider's client for a connection (electron/core/sources); the hosts pass it in, tests pass a fake. */
export type SourceClientFactory = (config: ConnectionConfig, secrets: ConnectionSecrets) => MetricSourceClient;

/** A test that never answers is a problem of its own; the clients time out their calls sooner. */
export const PROBE_TIMEOUT_MS = 30_000;

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

const failed = (at: number, problem: ConnectionTest['problem'], message: string): ConnectionTest => ({ ok: false, at, problem, message, detail: null, latencyMs: null });

/**
 * One real call through the provider's client, said plainly. Whatever the client answers or throws,
 * every spelling of the secrets is scrubbed from the message before it leaves the core.
 */
export async function probeConnection(
  factory: SourceClientFactory | undefined,
  config: ConnectionConfig,
  secrets: ConnectionSecrets,
  now: () => number,
  timeoutMs: number = PROBE_TIMEOUT_MS,
): Promise<Result<ConnectionTest>> {
  if (!factory) return fail('unavailable', `No client for ${config.kind} in this build: this Stagegate cannot test or read ${config.kind} connections yet.`);
  const missing = secretFieldsOf(config).filter((f: SecretField) => !secrets[f]);
  if (missing.length > 0) {
    const names = missing.map((f) => SECRET_FIELD_LABELS[f]).join(' and ');
    return ok(failed(now(), 'missing_secret', `Enter the ${names} first: the connection has none set.`));
  }
  const spellings = secretSpellings(config, secrets);
  const clean = (t: ConnectionTest): ConnectionTest => ({ ...t, message: clip(scrub(t.message, spellings), 1000), detail: t.detail === null ? null : clip(scrub(t.detail, spellings), 500) });
  const started = now();
  let timer: NodeJS.Timeout | undefined;
  let client: MetricSourceClient | undefined;
  try {
    client = factory(config, secrets);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new SourceError('timeout', `No answer within ${Math.round(timeoutMs / 1000)} s: check the address, or whether a proxy or firewall holds the request.`)), timeoutMs);
    });
    const answer = ConnectionTest.safeParse(await Promise.race([client.test(started), timeout]));
    if (!answer.success) return ok(failed(now(), 'bad_response', `The ${config.kind} client answered something Stagegate cannot read; nothing was wrong with the connection that it could say.`));
    return ok(clean(answer.data));
  } catch (error) {
    if (error instanceof SourceError) return ok(clean(failed(now(), error.problem, error.message)));
    const message = error instanceof Error ? error.message : String(error);
    return ok(clean(failed(now(), 'bad_response', `The test failed unexpectedly: ${message}`)));
  } finally {
    clearTimeout(timer);
    void client?.close?.();
  }
}
