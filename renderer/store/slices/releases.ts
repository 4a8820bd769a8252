import type { Input } from '../../../shared/contract.ts';
import type { ReleaseDetail, ReleaseListItem } from '../../../shared/domain/release.ts';
import type { AppError, Result } from '../../../shared/result.ts';
import { coalesce } from '../../lib/coalesce.ts';
import type { SliceCreator } from '../types.ts';

export interface ReleasesSlice {
  /** null until the first answer; loading is "null and no error". */
  releases: ReleaseListItem[] | null;
  releasesError: AppError | null;
  loadReleases(): Promise<void>;
  /** Puts one release's fresh summary into the list (after a decision) without a round trip. */
  replaceSummary(summary: ReleaseListItem): void;
  /** A new planned release (the target's default plan when none is given). */
  createRelease(input: Input<'createRelease'>): Promise<Result<ReleaseDetail>>;
}

export const createReleasesSlice: SliceCreator<ReleasesSlice> = (client) => (set, get) => {
  const load = coalesce(async () => {
    const result = await client.listReleases({});
    if (result.ok) set({ releases: result.value, releasesError: null });
    else set({ releasesError: result.error });
  });
  return {
    releases: null,
    releasesError: null,
    loadReleases: load,
    replaceSummary: (summary) => {
      const list = get().releases;
      if (list) set({ releases: list.map((r) => (r.id === summary.id ? summary : r)) });
    },
    createRelease: async (input) => {
      const result = await client.createRelease(input);
      if (result.ok) void load();
      return result;
    },
  };
};
