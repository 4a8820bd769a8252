import type { ReleaseSegments } from '../../../shared/domain/faults.ts';
import type { AppError } from '../../../shared/result.ts';
import type { SliceCreator } from '../types.ts';

export interface SegmentKeysSlice {
  /** Which segments a release has data for, and which the simulator plays; for the segment picker and the fault form. */
  segmentKeys: { releaseId: string; value: ReleaseSegments } | null;
  segmentKeysError: AppError | null;
  loadSegmentKeys(releaseId: string): Promise<void>;
}

export const createSegmentKeysSlice: SliceCreator<SegmentKeysSlice> = (client) => (set) => ({
  segmentKeys: null,
  segmentKeysError: null,
  loadSegmentKeys: async (releaseId) => {
    const result = await client.getSegmentKeys({ releaseId });
    if (result.ok) set({ segmentKeys: { releaseId, value: result.value }, segmentKeysError: null });
    else set({ segmentKeysError: result.error });
  },
});
