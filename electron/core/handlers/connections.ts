import { fail, ok, secretFieldsOf, type ConnectionTest, type Result, type SecretField } from '../../../shared/index.ts';
import { usedConfig } from '../connections/normalize.ts';
import { probeConnection } from '../connections/probe.ts';
import { removeConnection } from '../connections/remove.ts';
import { recordTest } from '../connections/repo.ts';
import { resolveConnection, type ConnectionSecrets } from '../connections/resolve.ts';
import { saveConnection } from '../connections/save.ts';
import { connectionViews } from '../connections/view.ts';
import { writeTransaction } from '../db/write.ts';
import { SecretStoreError } from '../secrets/store.ts';
import type { HandlerDeps, HandlerGroup } from './deps.ts';

/** Connections to metrics services. Secrets go in and are used inside the core; no answer carries one. */
export function connectionHandlers(deps: HandlerDeps): HandlerGroup<'listConnections' | 'saveConnection' | 'testConnection' | 'removeConnection'> {
  const { db } = deps;
  return {
    listConnections: () => ok(connectionViews(db)),
    saveConnection: (input, caller) => saveConnection({ db, vault: deps.secrets, now: deps.now }, input, caller.actor),
    removeConnection: (input, caller) => removeConnection(db, input, caller.actor, deps.now(), deps.connectionInUse),
    testConnection: async (input): Promise<Result<ConnectionTest>> => {
      const given = Object.entries(input.secrets) as [SecretField, string | null | undefined][];
      if (input.id === undefined) {
        const config = usedConfig(input.config!);
        const used = secretFieldsOf(config);
        const secrets: ConnectionSecrets = Object.fromEntries(given.filter(([f, v]) => used.includes(f) && typeof v === 'string'));
        return probeConnection(deps.sourceClient, config, secrets, deps.now);
      }
      const id = input.id;
      // Only a test of the connection as saved is kept as its last test; a draft's is only shown.
      const draft = input.config !== undefined || given.length > 0;
      const keep = (test: ConnectionTest): void => {
        if (!draft) writeTransaction(db, () => recordTest(db, id, test));
      };
      let resolved: ReturnType<typeof resolveConnection>;
      try {
        resolved = resolveConnection(db, deps.secrets, id);
      } catch (error) {
        if (!(error instanceof SecretStoreError)) throw error;
        const test: ConnectionTest = { ok: false, at: deps.now(), problem: 'missing_secret', message: error.message, detail: null, latencyMs: null };
        keep(test);
        return ok(test);
      }
      if (!resolved) return fail('not_found', `No connection "${id}".`);
      const config = usedConfig(input.config ?? resolved.config);
      if (config.kind !== resolved.config.kind) {
        return fail('invalid_input', `Invalid input to testConnection: config.kind: connection "${resolved.view.name}" is a ${resolved.config.kind} connection`, {
          issues: [{ path: 'config.kind', message: `a ${resolved.config.kind} connection stays one` }],
        });
      }
      const secrets: ConnectionSecrets = { ...resolved.secrets };
      for (const [field, value] of given) {
        if (value === null) delete secrets[field];
        else if (value !== undefined) secrets[field] = value;
      }
      const used = secretFieldsOf(config);
      for (const field of Object.keys(secrets) as SecretField[]) if (!used.includes(field)) delete secrets[field];
      const result = await probeConnection(deps.sourceClient, config, secrets, deps.now);
      if (result.ok) keep(result.value);
      return result;
    },
  };
}
