import { fail, isConnectionSource, ok, SOURCE_WORDS, type IngestSample, type Release } from '../../../shared/index.ts';
import { writeTransaction } from '../db/write.ts';
import { appendEvent } from '../repos/eventLog.ts';
import { setSource } from '../repos/sources.ts';
import { insertSamples, type StoredSample } from '../metrics/store.ts';
import { recordPushReports } from '../repos/pushReports.ts';
import { getRelease } from '../repos/releases.ts';
import { judgedSpan } from '../rollout/evaluation.ts';
import { newRows, recordBackfilled } from '../metrics/backfilled.ts';
import type { HandlerDeps, HandlerGroup } from './deps.ts';

/**
 * The batch's rows, a row that a later one of the batch repeats (one series and time) left out: the
 * store keeps the later, so the earlier is neither counted nor judged.
 */
function lastOfEachRow(samples: readonly IngestSample[]): IngestSample[] {
  const last = new Map<string, number>();
  samples.forEach((s, i) => last.set(JSON.stringify([s.releaseId, s.metric, s.cohort, s.region, s.device, s.tenant, s.t]), i));
  return last.size === samples.length ? [...samples] : [...last.values()].sort((a, b) => a - b).map((i) => samples[i]!);
}

export function ingestHandlers(deps: HandlerDeps): HandlerGroup<'ingestSamples'> {
  const { db } = deps;
  return {
    ingestSamples: (input, caller) => {
      // Every release is checked before anything is written: a batch naming an unknown one writes nothing.
      const releases = new Map<string, Release | null>();
      const unknown: { path: string; message: string }[] = [];
      const bound: { path: string; message: string }[] = [];
      input.samples.forEach((s, i) => {
        let release = releases.get(s.releaseId);
        if (release === undefined) {
          release = getRelease(db, s.releaseId);
          releases.set(s.releaseId, release);
        }
        if (!release && unknown.length < 100) unknown.push({ path: `samples.${i}.releaseId`, message: `no release "${s.releaseId}"` });
        else if (release && isConnectionSource(release.source) && bound.length < 100) {
          bound.push({ path: `samples.${i}.releaseId`, message: `release "${s.releaseId}" reads its metrics from ${SOURCE_WORDS[release.source]}` });
        }
      });
      if (unknown.length > 0) {
        const first = unknown[0]!;
        return fail('not_found', `${first.path}: ${first.message}; nothing was stored.`, { issues: unknown });
      }
      // Pushed samples would mix with the ones fetched through the connection; the mapping is the one source.
      if (bound.length > 0) return fail('invalid_input', `${bound[0]!.message}, not from pushed samples; nothing was stored.`, { issues: bound });
      // Read before the write: the look this batch leads to judges its rows after that point.
      const judged = new Map<string, { startedAt: number; until: number } | null>();
      for (const release of releases.values()) if (release) judged.set(release.id, judgedSpan(db, release));
      let missing = 0;
      let until = Number.MIN_SAFE_INTEGER;
      const behind: StoredSample[] = [];
      const kept = lastOfEachRow(input.samples);
      const rows: StoredSample[] = kept.map((s) => {
        if (s.value === null) missing += 1;
        if (s.t > until) until = s.t;
        const row: StoredSample = { releaseId: s.releaseId, metric: s.metric, cohort: s.cohort, segment: { region: s.region, device: s.device, tenant: s.tenant }, t: s.t, value: s.value, weight: s.weight };
        const span = judged.get(s.releaseId);
        if (span && s.t <= span.until) behind.push(row);
        return row;
      });
      let backfilled = 0;
      writeTransaction(db, () => {
        // Rows for a time already folded count if no row of their series was there (another region's
        // part of the minute, a minute retried after the next); a repeat or a correction does not.
        const fresh = newRows(db, behind.filter((r) => r.t > judged.get(r.releaseId)!.startedAt));
        backfilled = fresh.length;
        insertSamples(db, rows);
        recordBackfilled(db, fresh);
        recordPushReports(db, rows, deps.now());
        // A simulated release that is pushed to becomes a pushed one: the simulator stops writing into it.
        for (const release of releases.values()) {
          if (release?.source !== 'simulator') continue;
          setSource(db, release.id, 'push', null);
          appendEvent(db, { kind: 'release.source_changed', subject: release.id, actor: caller.actor, at: deps.now(), payload: { from: 'simulator', to: 'push' } });
        }
      });
      const late = behind.length - backfilled;
      const releaseIds = [...releases.keys()];
      // The guard listens for this and looks at each release at once.
      deps.bus.emit({ type: 'samples.arrived', releaseIds, until });
      return ok({ accepted: rows.length, repeated: input.samples.length - rows.length, missing, late, backfilled, releases: releaseIds });
    },
  };
}
