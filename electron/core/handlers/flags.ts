import { changedFlagFields, fail, ok, trainRelativeExpiry, type Flag, type FlagExpiry, type Result } from '../../../shared/index.ts';
import { appendEvent } from '../repos/eventLog.ts';
import { flagKeys, getFlag, setFlagState, upsertFlagMeta } from '../repos/flags.ts';
import { getRelease } from '../repos/releases.ts';
import { getTrain } from '../repos/trains.ts';
import type { HandlerDeps, HandlerGroup } from './deps.ts';
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
    saveFlag: (input, caller) => {
      const missing = input.linkedReleases.filter((id) => !getRelease(db, id));
      if (missing.length) return fail('invalid_input', `No release ${missing.join(', ')}.`, { issues: missing.map((id) => ({ path: 'linkedReleases', message: `no release "${id}"` })) });
      if (input.expiry.kind === 'train' && !getTrain(db, input.expiry.trainId)) {
        return fail('invalid_input', `No train "${input.expiry.trainId}".`, { issues: [{ path: 'expiry.trainId', message: 'no such train' }] });
      }
      const now = deps.now();
      // Read under the write lock, so "from" is what this save replaced even when another host saved just before.
      const saved = writeTransaction(db, (): { before: Flag | null; changed: boolean } => {
        const before = getFlag(db, input.key, resolve, now);
        const changed = before ? changedFlagFields(before, input) : [];
        // Saving what is already there is no change: no event, and a stale flag stays stale.
        if (before && changed.length === 0) return { before, changed: false };
        const what = upsertFlagMeta(db, input, now);
        // An update keeps what it replaced, so the log alone says who changed what from what.
        const from = before ? Object.fromEntries(changed.map((field) => [field, before[field]])) : undefined;
        appendEvent(db, { kind: `flag.${what}`, subject: input.key, actor: caller.actor, at: now, payload: from ? { ...input, from } : { ...input } });
        return { before, changed: true };
      });
      if (!saved.changed && saved.before) return ok(saved.before);
      // The timelines of the releases it was or is now linked to show this change.
      for (const releaseId of new Set([...(saved.before?.linkedReleases ?? []), ...input.linkedReleases])) deps.bus.emit({ type: 'release.changed', releaseId });
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
