import type { Output } from '../../../shared/contract.ts';
import type { AppError } from '../../../shared/result.ts';
import type { SliceCreator } from '../types.ts';

export type Info = Output<'getInfo'>;

export interface SessionSlice {
  /** Version, data dir, who we are and our role; null until the host answered. */
  info: Info | null;
  infoError: AppError | null;
  loadInfo(): Promise<void>;
  verifyEventLog(): Promise<void>;
}

export const createSessionSlice: SliceCreator<SessionSlice> = (client) => (set, get) => ({
  info: null,
  infoError: null,
  loadInfo: async () => {
    const result = await client.getInfo({});
    if (result.ok) set({ info: result.value, infoError: null });
    else set({ infoError: result.error });
  },
  verifyEventLog: async () => {
    const result = await client.verifyEventLog({});
    const info = get().info;
    if (!result.ok) set({ infoError: result.error });
    else if (info) set({ info: { ...info, eventLog: result.value }, infoError: null });
  },
});
