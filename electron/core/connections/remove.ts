import { fail, ok, type Result } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { writeTransaction } from '../db/write.ts';
import { appendEvent } from '../repos/eventLog.ts';
import { deleteConnection, getConnection } from './repo.ts';
import { staleConnectionEdit } from './save.ts';

/** Which releases read from a connection (their ids); a connection in use is not removed. */
export type ConnectionInUse = (connectionId: string) => string[];

export const noneInUse: ConnectionInUse = () => [];

/** Removes a connection and its sealed secrets, if it is at `expectedVersion` and no release reads from it. */
export function removeConnection(db: Db, input: { id: string; expectedVersion: number }, actor: string, now: number, inUse: ConnectionInUse = noneInUse): Result<{ removed: string }> {
  return writeTransaction(db, (): Result<{ removed: string }> => {
    const before = getConnection(db, input.id);
    if (!before) return fail('not_found', `No connection "${input.id}".`);
    if (before.version !== input.expectedVersion) return staleConnectionEdit(db, before, input.expectedVersion);
    const releases = inUse(input.id);
    if (releases.length > 0) {
      const list = releases.map((r) => `"${r}"`).join(', ');
      return fail('conflict', `Connection "${before.name}" is in use by ${releases.length === 1 ? 'release' : 'releases'} ${list}: point their metric mappings at another connection first. Nothing was removed.`, {
        issues: [{ path: 'id', message: `in use by ${list}` }],
      });
    }
    deleteConnection(db, input.id);
    appendEvent(db, { kind: 'connection.removed', subject: input.id, actor, at: now, payload: { name: before.name, kind: before.config.kind, version: before.version } });
    return ok({ removed: input.id });
  });
}
