import type { Input } from '../../../shared/contract.ts';
import type { ReleaseDetail } from '../../../shared/domain/release.ts';
import type { TrainView } from '../../../shared/domain/views.ts';
import type { AppError, Result } from '../../../shared/result.ts';
import { coalesce } from '../../lib/coalesce.ts';
import type { SliceCreator } from '../types.ts';

export interface TrainsSlice {
  /** null until the first answer. */
  trains: TrainView[] | null;
  trainsError: AppError | null;
  loadTrains(): Promise<void>;
  saveTrain(input: Input<'saveTrain'>): Promise<Result<TrainView>>;
  checkTrainItem(input: Input<'checkTrainItem'>): Promise<Result<TrainView>>;
  cutRelease(trainId: string, version: string): Promise<Result<ReleaseDetail>>;
}

export const createTrainsSlice: SliceCreator<TrainsSlice> = (client) => (set, get) => {
  const load = coalesce(async () => {
    const result = await client.listTrains({});
    if (result.ok) set({ trains: result.value, trainsError: null });
    else set({ trainsError: result.error });
  });
  const put = (view: TrainView) => {
    const list = get().trains ?? [];
    const exists = list.some((t) => t.train.id === view.train.id);
    set({ trains: exists ? list.map((t) => (t.train.id === view.train.id ? view : t)) : [...list, view] });
  };
  return {
    trains: null,
    trainsError: null,
    loadTrains: load,
    saveTrain: async (input) => {
      const result = await client.saveTrain(input);
      if (result.ok) put(result.value);
      // Someone saved first: show their train, so opening it again edits what is there now.
      else if (result.error.code === 'conflict') void load();
      return result;
    },
    checkTrainItem: async (input) => {
      const result = await client.checkTrainItem(input);
      if (result.ok) put(result.value);
      return result;
    },
    cutRelease: async (trainId, version) => {
      const result = await client.cutRelease({ trainId, version });
      if (result.ok) {
        void load();
        void get().loadReleases();
      }
      return result;
    },
  };
};
