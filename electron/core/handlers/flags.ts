import { changedFlagFields, fail, FLAG_FIELD_LABELS, ok, trainRelativeExpiry, type Flag, type FlagExpiry, type FlagMeta, type Result } from '../../../shared/index.ts';
import { appendEvent } from '../repos/eventLog.ts';
import { flagKeys, getFlag, insertFlag, setFlagState, updateFlagMeta } from '../repos/flags.ts';
import { getRelease } from '../repos/releases.ts';
import { getTrain } from '../repos/trains.ts';
import type { HandlerDeps, HandlerGroup } from './deps.ts';
import { staleEdit } from './staleEdit.ts';
import { writeTransaction } from '../db/write.ts';

export function flagExpiryResolver(deps: HandlerDeps): (expiry: FlagExpiry, createdAt: number) => number | null {
  return (expiry, createdAt) => {
    if (expiry.kind === 'none') return null;
    if (expiry.kind === 'date') return expiry.at;
    const train = getTrain(deps.db, expiry.trainId);
    return train ? trainRelativeExpiry(train.train, createdAt, expiry.trainsAfterFull) : null;
  };
}

export function flagHandlers(deps: HandlerDeps): HandlerGroup<'listFlags' | 'saveFlag' | 'setFlagState'> {
  const { db } = deps;
  const resolve = flagExpiryResolver(deps);
  const read = (key: string): Result<Flag> => {
    const flag = getFlag(db, key, resolve, deps.now());
    return flag ? ok(flag) : fail('not_found', `No flag "${key}".`);
  };
  return {
    listFlags: () => ok(flagKeys(db).map((key) => getFlag(db, key, resolve, deps.now())!)),
    saveFlag: ({ baseVersion, ...input }, caller) => {
      const missing = input.linkedReleases.filter((id) => !getRelease(db, id));
      if (missing.length) return fail('invalid_input', `No release ${missing.join(', ')}.`, { issues: missing.map((id) => ({ path: 'linkedReleases', message: `no release "${id}"` })) });
      if (input.expiry.kind === 'train' && !getTrain(db, input.expiry.trainId)) {
        return fail('invalid_input', `No train "${input.expiry.trainId}".`, { issues: [{ path: 'expiry.trainId', message: 'no such train' }] });
      }
      const now = deps.now();
      const before = getFlag(db, input.key, resolve, now);
      // What the events record of the flag; the key is their subject.
      const meta: FlagMeta = { description: input.description, owner: input.owner, type: input.type, expiry: input.expiry, cleanup: input.cleanup, linkedReleases: input.linkedReleases };
      if (baseVersion === undefined) {
        // Creating is not editing: a taken key would otherwise overwrite someone's flag.
        if (before) {
          return fail('conflict', `A flag "${input.key}" exists already (owner: ${before.owner}). Choose another key, or edit that flag.`, {
            issues: [{ path: 'key', message: `"${input.key}" is taken by an existing flag` }],
          });
        }
        writeTransaction(db, () => {
          insertFlag(db, input, now);
          appendEvent(db, { kind: 'flag.created', subject: input.key, actor: caller.actor, at: now, payload: { ...meta, version: 1 } });
        });
      } else {
        if (!before) return fail('not_found', `No flag "${input.key}" to edit.`);
        if (before.version !== baseVersion) {
          return staleEdit({ db, kind: 'flag.updated', subject: input.key, what: `flag "${input.key}"`, baseVersion, version: before.version, labels: FLAG_FIELD_LABELS });
        }
        const changed = changedFlagFields(before, input);
        // Saving what is already there is no change: no event, and a stale flag stays stale.
        if (changed.length === 0) return ok(before);
        writeTransaction(db, () => {
          const version = updateFlagMeta(db, input, now);
          // An update keeps what it replaced, so the log alone says who changed what from what.
          const from = Object.fromEntries(changed.map((field) => [field, before[field]]));
          appendEvent(db, { kind: 'flag.updated', subject: input.key, actor: caller.actor, at: now, payload: { ...meta, from, version } });
        });
      }
      // The timelines of the releases it was or is now linked to show this change.
      for (const releaseId of new Set([...(before?.linkedReleases ?? []), ...input.linkedReleases])) deps.bus.emit({ type: 'release.changed', releaseId });
      return read(input.key);
    },
    setFlagState: (input, caller) => {
      const now = deps.now();
      // Read under the write lock, so the event's "from" is the state this change replaced.
      const before = writeTransaction(db, (): Flag | null => {
        const flag = getFlag(db, input.key, resolve, now);
        if (!flag) return null;
        setFlagState(db, input.key, input.environment, input.state, now);
        appendEvent(db, {
          kind: 'flag.state_changed',
          subject: input.key,
          actor: caller.actor,
          at: now,
          payload: { environment: input.environment, from: flag.states[input.environment], to: input.state, reason: input.reason, linkedReleases: flag.linkedReleases },
        });
        return flag;
      });
      if (!before) return fail('not_found', `No flag "${input.key}".`);
      for (const releaseId of before.linkedReleases) deps.bus.emit({ type: 'release.changed', releaseId });
      return read(input.key);
    },
  };
}
