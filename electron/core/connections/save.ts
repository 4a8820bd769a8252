import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { fail, ok, secretFieldsOf, type ConnectionConfig, type ConnectionView, type Result, type SaveConnectionInput, type SecretField } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { writeTransaction } from '../db/write.ts';
import { staleEdit } from '../handlers/staleEdit.ts';
import { appendEvent } from '../repos/eventLog.ts';
import { SecretStoreError } from '../secrets/store.ts';
import type { SealedSecret, SecretVault } from '../secrets/vault.ts';
import { CONNECTION_FIELD_LABELS } from './labels.ts';
import { last4Of, usedConfig } from './normalize.ts';
import { connectionNamed, deleteSecret, getConnection, insertConnection, putSecret, secretsOf, updateConnection, type StoredConnection } from './repo.ts';
import { connectionView } from './view.ts';

export type SaveConnection = z.output<typeof SaveConnectionInput>;

export interface ConnectionDeps {
  db: Db;
  vault: SecretVault;
  now: () => number;
}

/** The one kind of edit event, so a stale edit can say who changed which fields since (payload.changed). */
export const SAVED = 'connection.saved' as const;

export const staleConnectionEdit = (db: Db, before: StoredConnection, baseVersion: number) =>
  staleEdit({
    db,
    kind: SAVED,
    subject: before.id,
    what: `connection "${before.name}"`,
    baseVersion,
    version: before.version,
    labels: CONNECTION_FIELD_LABELS,
  });

const invalid = (path: string, message: string) => fail('invalid_input', `Invalid input to saveConnection: ${path}: ${message}`, { issues: [{ path, message }] });

const nameTaken = (name: string, taken: { name: string }) =>
  fail('conflict', `A connection called "${taken.name}" exists already. Choose another name, or edit that connection.`, { issues: [{ path: 'name', message: `"${name}" is taken` }] });

/** The config fields whose value differs (a field present on one side only counts). */
function changedConfigFields(a: ConnectionConfig, b: ConnectionConfig): string[] {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return [...new Set([...Object.keys(ra), ...Object.keys(rb)])].filter((k) => k !== 'kind' && JSON.stringify(ra[k]) !== JSON.stringify(rb[k]));
}

/** A readable id from the name; never one a removed connection had, so its log stays its own. */
function newConnectionId(db: Db, name: string, kind: string): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48) || kind;
  const used = (id: string) => getConnection(db, id) !== null || db.prepare("SELECT 1 FROM events WHERE subject = ? AND kind LIKE 'connection.%' LIMIT 1").get(id) !== undefined;
  return used(base) ? `${base}-${randomUUID().slice(0, 6)}` : base;
}

/** Seals every secret to set before anything is written: a store that cannot seal leaves nothing half-saved. */
function sealAll(vault: SecretVault, id: string, values: [SecretField, string][]): Result<[SecretField, SealedSecret, string | null][]> {
  try {
    return ok(values.map(([field, value]) => [field, vault.seal(id, field, value), last4Of(value)]));
  } catch (error) {
    if (!(error instanceof SecretStoreError)) throw error;
    return fail('unavailable', `The secrets could not be sealed, so nothing was saved: ${error.message}`, { issues: values.map(([field]) => ({ path: `secrets.${field}`, message: 'could not be sealed' })) });
  }
}

/**
 * Creates (no id) or edits a connection. Secrets: a string sets one, null clears it, left out keeps it;
 * any the config does not use are dropped, from the input and from what is stored. The log gets the
 * field names that changed, never a value.
 */
export function saveConnection(deps: ConnectionDeps, input: SaveConnection, actor: string): Result<ConnectionView> {
  const { db } = deps;
  const config = usedConfig(input.config);
  const used = secretFieldsOf(config);
  const given = (Object.entries(input.secrets) as [SecretField, string | null | undefined][]).filter(([field, v]) => used.includes(field) && v !== undefined);
  const toSet = given.filter((e): e is [SecretField, string] => typeof e[1] === 'string');
  if (input.id === undefined && input.expectedVersion !== undefined) return invalid('expectedVersion', 'only an edit names a version; leave it out to create a connection');
  if (input.id !== undefined && input.expectedVersion === undefined) return invalid('expectedVersion', 'an edit names the version it was read at');
  const id = input.id ?? newConnectionId(db, input.name, config.kind);
  const sealed = sealAll(deps.vault, id, toSet);
  if (!sealed.ok) return sealed;
  const now = deps.now();
  // Every check is made again under the write lock: another host may save the same connection meanwhile.
  return writeTransaction(db, (): Result<ConnectionView> => {
    const taken = connectionNamed(db, input.name);
    if (input.id === undefined) {
      if (taken) return nameTaken(input.name, taken);
      insertConnection(db, { id, name: input.name, config }, now);
      appendEvent(db, { kind: SAVED, subject: id, actor, at: now, payload: { created: true, name: input.name, kind: config.kind, version: 1, changed: [] } });
      for (const [field, secret, last4] of sealed.value) {
        putSecret(db, id, field, secret, last4, now);
        appendEvent(db, { kind: 'connection.secret_set', subject: id, actor, at: now, payload: { field, version: 1 } });
      }
      return ok(connectionView(getConnection(db, id)!, secretsOf(db, id)));
    }
    const before = getConnection(db, id);
    if (!before) return fail('not_found', `No connection "${id}" to edit.`);
    if (before.version !== input.expectedVersion) return staleConnectionEdit(db, before, input.expectedVersion!);
    if (before.config.kind !== config.kind) return invalid('config.kind', `a ${before.config.kind} connection stays one: add a new connection for ${config.kind}`);
    if (taken && taken.id !== id) return nameTaken(input.name, taken);
    const stored = secretsOf(db, id).map((s) => s.field);
    const cleared = [
      ...given.filter(([field, v]) => v === null && stored.includes(field)).map(([field]) => ({ field, unused: false })),
      ...stored.filter((field) => !used.includes(field)).map((field) => ({ field, unused: true })),
    ];
    const changed = [
      ...(before.name !== input.name ? ['name'] : []),
      ...changedConfigFields(before.config, config),
      ...[...toSet.map(([field]) => field), ...cleared.map((c) => c.field)].map((field) => `secrets.${field}`),
    ];
    // Saving what is already there is no change: no event, no new version.
    if (changed.length === 0) return ok(connectionView(before, secretsOf(db, id)));
    const version = updateConnection(db, { id, name: input.name, config }, now);
    appendEvent(db, { kind: SAVED, subject: id, actor, at: now, payload: { created: false, name: input.name, kind: config.kind, version, changed } });
    for (const [field, secret, last4] of sealed.value) {
      putSecret(db, id, field, secret, last4, now);
      appendEvent(db, { kind: 'connection.secret_set', subject: id, actor, at: now, payload: { field, version } });
    }
    for (const { field, unused } of cleared) {
      deleteSecret(db, id, field);
      appendEvent(db, { kind: 'connection.secret_cleared', subject: id, actor, at: now, payload: { field, version, reason: unused ? 'not used by this configuration' : null } });
    }
    return ok(connectionView(getConnection(db, id)!, secretsOf(db, id)));
  });
}
