// Types for what the layering test reads of eslint.config.js: its allowed-imports table and the core's public modules.
import type { Linter } from 'eslint';

export interface Layer {
  files: string[];
  folder: string;
  mayImport: string[];
  globals: Record<string, boolean | 'readonly' | 'writable'>;
}

export const layers: Record<string, Layer>;
/** The modules of electron/core a host may import, relative to that folder. */
export const corePublic: string[];

declare const config: Linter.Config[];
export default config;
