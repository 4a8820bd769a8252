import { ESLint } from 'eslint';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corePublic, layers } from '../../eslint.config.js';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layering rule', () => {
  it.each([
    ['shared/x.ts', "import fs from 'node:fs';\nexport const a = fs;"],
    ['shared/x.ts', "import { createCore } from '../electron/core/core.ts';\nexport const a = createCore;"],
    ['shared/x.ts', "import React from 'react';\nexport const a = React;"],
    ['electron/core/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['electron/core/x.ts', "import { main } from '../web/main.ts';\nexport const a = main;"],
    ['renderer/x.ts', "import { createCore } from '../electron/core/core.ts';\nexport const a = createCore;"],
    ['renderer/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;"],
    ['renderer/x.ts', "import path from 'node:path';\nexport const a = path;"],
    ['electron/web/x.ts', "import { App } from '../../renderer/app/App.tsx';\nexport const a = App;"],
  ])('fires on %s importing across a layer: %s', async (file, code) => {
    expect((await restrictedImports(file, code)).length).toBeGreaterThan(0);
  });

  it.each([
    ['shared/x.ts', "import { z } from 'zod';\nimport { Release } from './domain/release.ts';\nexport const a = [z, Release];"],
    ['electron/core/x.ts', "import fs from 'node:fs';\nimport { contract } from '../../shared/contract.ts';\nexport const a = [fs, contract];"],
    ['electron/web/x.ts', "import { createCore } from '../core/core.ts';\nexport const a = createCore;"],
    ['renderer/x.ts', "import { contract } from '../shared/contract.ts';\nexport const a = contract;"],
  ])('allows %s its own layer and those below: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });

  // Every forbidden pair in the table, host ↔ host included, proven to fire: a row loosened by mistake fails here.
  const folders = Object.values(layers).map((l) => l.folder);
  const pairs = Object.entries(layers).flatMap(([name, layer]) =>
    Object.entries(layers)
      .filter(([other]) => other !== name && !layer.mayImport.includes(other))
      .map(([, other]) => [layer.folder, other.folder] as const),
  );
  it.each(pairs)('fires on %s importing %s', async (from, to) => {
    const specifier = path.posix.relative(from, `${to}/y.ts`);
    const ext = from === 'renderer' ? 'tsx' : 'ts';
    expect(await restrictedImports(`${from}/x.${ext}`, `import { y } from '${specifier}';\nexport const a = y;`)).not.toEqual([]);
  });

  it('covers each host against each other host', () => {
    const hosts = ['electron/main', 'electron/preload', 'electron/web', 'electron/cli'];
    for (const a of hosts) for (const b of hosts) if (a !== b) expect(pairs, `${a} → ${b}`).toContainEqual([a, b]);
    expect(folders).toEqual(expect.arrayContaining(hosts));
  });

  it('forbids DOM and Node globals in shared/', async () => {
    const [result] = await eslint.lintText('export const a = () => document.title + process.pid;', { filePath: 'shared/x.ts' });
    expect(result!.messages.filter((m) => m.ruleId === 'no-restricted-globals')).toHaveLength(2);
  });
});

describe("the core's public entry points", () => {
  const HOSTS = ['electron/main', 'electron/preload', 'electron/web', 'electron/cli/commands'];
  const importing = (from: string, coreFile: string): Promise<string[]> =>
    restrictedImports(`${from}/x.ts`, `import { y } from '${path.posix.relative(from, `electron/core/${coreFile}`)}';\nexport const a = y;`);

  it.each([
    ['electron/web', 'db/open.ts'],
    ['electron/web', 'tokens/service.ts'],
    ['electron/web', 'tokens/repo.ts'],
    ['electron/cli/commands', 'repos/eventLog.ts'],
    ['electron/cli/commands', 'db/migrations.ts'],
    ['electron/main', 'openCore.ts'],
    ['electron/main', 'connections/probe.ts'],
    ['electron/preload', 'backtest/run.ts'],
  ])('refuses %s importing core/%s', async (from, coreFile) => {
    expect(await importing(from, coreFile)).toEqual([expect.stringContaining("A host imports only the core's public entry points")]);
  });

  it.each(HOSTS.flatMap((from) => corePublic.map((file) => [from, file] as const)))('lets %s import core/%s', async (from, coreFile) => {
    expect(await importing(from, coreFile)).toEqual([]);
  });

  it('lets the core import its own internals', async () => {
    expect(await restrictedImports('electron/core/handlers/x.ts', "import { openDatabase } from '../db/open.ts';\nexport const a = openDatabase;")).toEqual([]);
  });

  // Walks the folder, so a module added to the core is internal until someone adds it to corePublic.
  const coreFiles = fs.readdirSync('electron/core', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => f.split(path.sep).join('/'));
  it('keeps every other module of electron/core from every host', async () => {
    const internal = coreFiles.filter((f) => !corePublic.includes(f));
    expect(internal.length).toBeGreaterThan(50);
    expect(corePublic.filter((f) => !coreFiles.includes(f))).toEqual([]);
    for (const from of HOSTS) for (const file of internal) expect(await importing(from, file), `${from} → core/${file}`).not.toEqual([]);
  });
});
