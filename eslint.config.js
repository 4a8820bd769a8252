// Layering is a rule, not a convention: shared → nothing · core → shared ·
// main/preload/web/cli → core, shared · renderer → shared.
import js from '@eslint/js';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const serverOnly = ['better-sqlite3', 'fastify', '@fastify/*', 'electron', 'electron/*', 'electron-builder'];
// Exact names, not patterns: a gitignore-style pattern 'domain' would also match './domain/x.ts'.
const nodePaths = (message) => nodeBuiltins.map((name) => ({ name, message }));

const restrict = (patterns, paths = []) => ({
  'no-restricted-imports': ['error', { paths, patterns }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      ...restrict(
        [
          { group: ['**/electron/**', '**/renderer/**', '**/test/**'], message: 'shared/ imports no other layer.' },
          { group: [...serverOnly, 'react', 'react-*', 'recharts', 'zustand'], message: 'shared/ is pure TypeScript: no Node, DOM, Electron or UI library.' },
        ],
        nodePaths('shared/ is pure TypeScript: no Node API.'),
      ),
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', '__dirname', 'localStorage', 'navigator'],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: restrict([
      { group: ['electron', 'electron/*'], message: 'electron/core never imports electron: the hosts hand it what only Electron has.' },
      { group: ['**/renderer/**', '**/main/**', '**/preload/**', '**/web/**', '**/cli/**', '**/test/**'], message: 'electron/core imports only shared/.' },
    ]),
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts', 'electron/web/**/*.ts', 'electron/cli/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: restrict([{ group: ['**/renderer/**', '**/test/**'], message: 'Hosts import electron/core and shared/, never the renderer.' }]),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    rules: restrict(
      [
        { group: ['**/electron/**', '**/test/**'], message: 'The renderer knows the contract in shared/ and nothing of the Node side.' },
        { group: serverOnly, message: 'The renderer runs in a sandboxed page: no Node or server modules.' },
      ],
      nodePaths('The renderer runs in a sandboxed page: no Node API.'),
    ),
  },
  {
    files: ['test/**/*.{ts,tsx}', 'scripts/**/*.ts', 'bench/**/*.ts', '*.config.{ts,js}', 'build/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
