import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

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

  it('forbids DOM and Node globals in shared/', async () => {
    const [result] = await eslint.lintText('export const a = () => document.title + process.pid;', { filePath: 'shared/x.ts' });
    expect(result!.messages.filter((m) => m.ruleId === 'no-restricted-globals')).toHaveLength(2);
  });
});
