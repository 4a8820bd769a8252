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

/** How an import of each folder is spelled: the patterns a forbidden import is recognised by. */
const spelledAs = {
  shared: ['**/shared/**'],
  core: ['**/electron/core/**', '**/core/**'],
  main: ['**/electron/main/**', '**/main/**'],
  preload: ['**/electron/preload/**', '**/preload/**'],
  web: ['**/electron/web/**', '**/web/**'],
  cli: ['**/electron/cli/**', '**/cli/**'],
  renderer: ['**/renderer/**'],
  test: ['**/test/**'],
};

const hostGlobals = globals.node;

/**
 * All a host may import of electron/core, relative to it: the core's public entry points. Its database,
 * repositories and token storage stay inside, reached only through the contract and the core's services.
 */
export const corePublic = ['core.ts', 'dispatch.ts', 'paths.ts', 'version.ts', 'errors.ts', 'osUser.ts', 'secrets/store.ts', 'backtest/index.ts', 'tokens/value.ts'];

/** Everything under electron/core, then each public module and the folders holding it let back in (gitignore order: last match wins). */
const coreInternals = [
  '**/core/*',
  '**/core/*/**',
  ...corePublic.flatMap((file) => file.split('/').map((_, i, parts) => `!**/core/${parts.slice(0, i + 1).join('/')}`)),
];
const hostRules = {
  patterns: [{ group: coreInternals, message: `A host imports only the core's public entry points (electron/core/: ${corePublic.join(', ')}); not its database, repositories or token storage.` }],
};

/**
 * The allowed-imports table, one row a folder: what it may import of the others (itself always).
 * Every other folder in `spelledAs` is forbidden to it; the lint rules below are generated from this table.
 * Hosts do not import each other: what two hosts share belongs in electron/core.
 */
export const layers = {
  shared: { files: ['shared/**/*.ts'], folder: 'shared', mayImport: [], globals: {} },
  core: { files: ['electron/core/**/*.ts'], folder: 'electron/core', mayImport: ['shared'], globals: hostGlobals },
  main: { files: ['electron/main/**/*.ts'], folder: 'electron/main', mayImport: ['core', 'shared'], globals: hostGlobals },
  preload: { files: ['electron/preload/**/*.ts'], folder: 'electron/preload', mayImport: ['core', 'shared'], globals: hostGlobals },
  web: { files: ['electron/web/**/*.ts'], folder: 'electron/web', mayImport: ['core', 'shared'], globals: hostGlobals },
  cli: { files: ['electron/cli/**/*.{ts,mjs}'], folder: 'electron/cli', mayImport: ['core', 'shared'], globals: hostGlobals },
  renderer: { files: ['renderer/**/*.{ts,tsx}'], folder: 'renderer', mayImport: ['shared'], globals: globals.browser },
};

/** What a folder may not use besides other folders: packages and Node modules, with the reason. */
const extraRules = {
  shared: {
    patterns: [{ group: [...serverOnly, 'react', 'react-*', 'recharts', 'zustand'], message: 'shared/ is pure TypeScript: no Node, DOM, Electron or UI library.' }],
    paths: nodePaths('shared/ is pure TypeScript: no Node API.'),
  },
  core: { patterns: [{ group: ['electron', 'electron/*'], message: 'electron/core never imports electron: the hosts hand it what only Electron has.' }] },
  main: hostRules,
  preload: hostRules,
  web: hostRules,
  cli: hostRules,
  renderer: {
    patterns: [{ group: serverOnly, message: 'The renderer runs in a sandboxed page: no Node or server modules.' }],
    paths: nodePaths('The renderer runs in a sandboxed page: no Node API.'),
  },
};

const layerConfigs = Object.entries(layers).map(([name, layer]) => {
  const forbidden = Object.keys(spelledAs).filter((other) => other !== name && !layer.mayImport.includes(other));
  const allowed = layer.mayImport.length ? layer.mayImport.join(', ') : 'nothing';
  const patterns = [
    { group: forbidden.flatMap((other) => spelledAs[other]), message: `${layer.folder} may import only ${allowed} (besides itself); not ${forbidden.join(', ')}.` },
    ...(extraRules[name]?.patterns ?? []),
  ];
  return {
    files: layer.files,
    languageOptions: { globals: layer.globals },
    rules: { 'no-restricted-imports': ['error', { paths: extraRules[name]?.paths ?? [], patterns }] },
  };
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
  ...layerConfigs,
  {
    files: layers.shared.files,
    rules: { 'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', '__dirname', 'localStorage', 'navigator'] },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'scripts/**/*.ts', 'bench/**/*.ts', '*.config.{ts,js}', 'build/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
