import { fail, ok } from '../../../shared/index.ts';
import { getRelease } from '../repos/releases.ts';
import { mappingOf } from '../repos/sources.ts';
import { previewMapping } from '../sources/preview.ts';
import { SourceError } from '../sources/types.ts';
import type { HandlerDeps, HandlerGroup } from './deps.ts';

export function sourceHandlers(deps: HandlerDeps): HandlerGroup<'previewMetrics'> {
  return {
    previewMetrics: async (input) => {
      const release = getRelease(deps.db, input.releaseId);
      if (!release) return fail('not_found', `No release "${input.releaseId}".`);
      const mapping = input.mapping ?? mappingOf(deps.db, release.id);
      if (!mapping) return fail('invalid_input', 'This release maps no metrics: add a metric mapping to its plan first.', { issues: [{ path: 'mapping', message: 'give a mapping to preview' }] });
      let client;
      try {
        client = deps.sources.clientFor(mapping.connection);
      } catch (error) {
        if (error instanceof SourceError) return fail('unavailable', error.message);
        throw error;
      }
      const ctx = { release: release.id, app: release.app, version: release.version, baselineVersion: release.baselineVersion ?? '' };
      return ok(await previewMapping(client, deps.sources.run, mapping, ctx, deps.now()));
    },
  };
}
