// Types for what the layering test reads of eslint.config.js: its allowed-imports table.
import type { Linter } from 'eslint';

export interface Layer {
  files: string[];
  folder: string;
  mayImport: string[];
  globals: Record<string, boolean | 'readonly' | 'writable'>;
}

export const layers: Record<string, Layer>;

declare const config: Linter.Config[];
export default config;
