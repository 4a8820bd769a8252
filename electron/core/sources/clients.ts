import { SOURCE_WORDS } from '../../../shared/index.ts';
import type { SourceClientFactory } from '../connections/probe.ts';
import { resolveConnection } from '../connections/resolve.ts';
import type { Db } from '../db/open.ts';
import { connectionHead } from '../connections/repo.ts';
import { SecretStoreError } from '../secrets/store.ts';
import type { SecretVault } from '../secrets/vault.ts';
import { SourceError, type MetricSourceClient } from './types.ts';

/**
 * The client of each saved connection, made once per edit of it (its secrets opened in the core only,
 * its HTTP agent reused across polls) and made again when the connection is edited.
 */
export function connectionClients(db: Db, vault: SecretVault, factory: SourceClientFactory | undefined): (connectionId: string) => MetricSourceClient {
  const made = new Map<string, { version: number; client: MetricSourceClient }>();
  return (connectionId) => {
    // The version alone says whether the client made last time still fits; secrets are opened only for a new one.
    const current = connectionHead(db, connectionId);
    const had = made.get(connectionId);
    if (had && current && had.version === current.version) return had.client;
    let resolved;
    try {
      resolved = resolveConnection(db, vault, connectionId);
    } catch (error) {
      if (error instanceof SecretStoreError) throw new SourceError('missing_secret', error.message);
      throw error;
    }
    if (!resolved) throw new SourceError('not_found', `The connection "${connectionId}" was removed: pick another in the plan's metric mapping.`);
    if (!factory) throw new SourceError('bad_response', `This build has no ${SOURCE_WORDS[resolved.config.kind]} client.`);
    const client = factory(resolved.config, resolved.secrets);
    void had?.client.close?.();
    made.set(connectionId, { version: resolved.view.version, client });
    return client;
  };
}
