import { fail, ok } from '../../../shared/index.ts';
import { insertSamples, type StoredSample } from '../metrics/store.ts';
import { getRelease } from '../repos/releases.ts';
import type { HandlerDeps, HandlerGroup } from './deps.ts';

export function ingestHandlers(deps: HandlerDeps): HandlerGroup<'ingestSamples'> {
  const { db } = deps;
  return {
    ingestSamples: (input) => {
      // Every release is checked before anything is written: a batch naming an unknown one writes nothing.
      const releases = new Map<string, boolean>();
      const unknown: { path: string; message: string }[] = [];
      input.samples.forEach((s, i) => {
        let known = releases.get(s.releaseId);
        if (known === undefined) {
          known = getRelease(db, s.releaseId) !== null;
          releases.set(s.releaseId, known);
        }
        if (!known && unknown.length < 100) unknown.push({ path: `samples.${i}.releaseId`, message: `no release "${s.releaseId}"` });
      });
      if (unknown.length > 0) {
        const first = unknown[0]!;
        return fail('not_found', `${first.path}: ${first.message}; nothing was stored.`, { issues: unknown });
      }
      let missing = 0;
      let until = Number.MIN_SAFE_INTEGER;
      const rows: StoredSample[] = input.samples.map((s) => {
        if (s.value === null) missing += 1;
        if (s.t > until) until = s.t;
        return { releaseId: s.releaseId, metric: s.metric, cohort: s.cohort, segment: { region: s.region, device: s.device, tenant: s.tenant }, t: s.t, value: s.value, weight: s.weight };
      });
      insertSamples(db, rows);
      const releaseIds = [...releases.keys()];
      // The guard listens for this and looks at each release at once.
      deps.bus.emit({ type: 'samples.arrived', releaseIds, until });
      return ok({ accepted: rows.length, missing, releases: releaseIds });
    },
  };
}
