import type { Action } from '../../../shared/domain/release.ts';
import type { SliceCreator } from '../types.ts';

export interface PaletteSlice {
  paletteOpen: boolean;
  setPaletteOpen(open: boolean): void;
  /** An action chosen in the palette, for the release page's action bar to open its dialog for. */
  actionRequest: { releaseId: string; action: Action } | null;
  requestAction(releaseId: string, action: Action): void;
  clearActionRequest(): void;
}

export const createPaletteSlice: SliceCreator<PaletteSlice> = (set) => ({
  paletteOpen: false,
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  actionRequest: null,
  requestAction: (releaseId, action) => set({ actionRequest: { releaseId, action } }),
  clearActionRequest: () => set({ actionRequest: null }),
});
