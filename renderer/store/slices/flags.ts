import type { Input } from '../../../shared/contract.ts';
import type { Flag } from '../../../shared/domain/flags.ts';
import type { AppError, Result } from '../../../shared/result.ts';
import { coalesce } from '../../lib/coalesce.ts';
import type { SliceCreator } from '../types.ts';

export interface FlagsSlice {
  flags: Flag[] | null;
  flagsError: AppError | null;
  loadFlags(): Promise<void>;
  saveFlag(input: Input<'saveFlag'>): Promise<Result<Flag>>;
  setFlagState(input: Input<'setFlagState'>): Promise<Result<Flag>>;
}

export const createFlagsSlice: SliceCreator<FlagsSlice> = (client) => (set, get) => {
  const load = coalesce(async () => {
    const result = await client.listFlags({});
    if (result.ok) set({ flags: result.value, flagsError: null });
    else set({ flagsError: result.error });
  });
  const put = (flag: Flag) => {
    const list = get().flags ?? [];
    const exists = list.some((f) => f.key === flag.key);
    set({ flags: exists ? list.map((f) => (f.key === flag.key ? flag : f)) : [...list, flag] });
  };
  return {
    flags: null,
    flagsError: null,
    loadFlags: load,
    saveFlag: async (input) => {
      const result = await client.saveFlag(input);
      if (result.ok) put(result.value);
      // Someone saved first: show their flag, so opening it again edits what is there now.
      else if (result.error.code === 'conflict') void load();
      return result;
    },
    setFlagState: async (input) => {
      const result = await client.setFlagState(input);
      if (result.ok) put(result.value);
      return result;
    },
  };
};
