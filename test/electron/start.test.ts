import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronRuntime, FALLBACK_NOTICE } from '../../scripts/electron-runtime.ts';
import { tempDir } from '../support/tmp.ts';

const repo = path.resolve(import.meta.dirname, '../..');

describe('electronRuntime', () => {
  let root: string;
  let pkg: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'stagegate-runtime-'));
    pkg = path.join(root, 'node_modules', 'electron');
    fs.mkdirSync(pkg, { recursive: true });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('is null when the binary was never extracted (no path.txt)', () => {
    expect(electronRuntime(root, {})).toBeNull();
  });

  it('is null when path.txt names a binary that is not there, and fetches nothing', () => {
    fs.writeFileSync(path.join(pkg, 'path.txt'), 'electron');
    expect(electronRuntime(root, {})).toBeNull();
    expect(fs.readdirSync(pkg)).toEqual(['path.txt']);
  });

  it('is the binary path.txt names under dist/', () => {
    fs.writeFileSync(path.join(pkg, 'path.txt'), 'electron');
    fs.mkdirSync(path.join(pkg, 'dist'));
    fs.writeFileSync(path.join(pkg, 'dist', 'electron'), '');
    expect(electronRuntime(root, {})).toBe(path.join(pkg, 'dist', 'electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as the electron package does', () => {
    const elsewhere = path.join(root, 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.writeFileSync(path.join(elsewhere, 'electron'), '');
    expect(electronRuntime(root, { ELECTRON_OVERRIDE_DIST_PATH: elsewhere })).toBe(path.join(elsewhere, 'electron'));
  });

  it('is null for a package installed without its download (no path.txt, no dist/), and fetches nothing', () => {
    // What npm leaves where the postinstall could not download the binary: the package's own files only.
    fs.writeFileSync(path.join(pkg, 'package.json'), '{"name":"electron"}');
    fs.writeFileSync(path.join(pkg, 'index.js'), '');
    expect(electronRuntime(root, {})).toBeNull();
    expect(fs.readdirSync(pkg).sort()).toEqual(['index.js', 'package.json']);
  });
});

/**
 * A copy of scripts/start.ts in a folder of its own: the script takes its repo root from where it
 * lies, so the copy looks for Electron in the fake repo's node_modules and nowhere else.
 */
function fakeRepo(withRuntime: boolean): string {
  const root = fs.realpathSync(tempDir('stagegate-start-'));
  fs.mkdirSync(path.join(root, 'scripts'));
  fs.writeFileSync(path.join(root, 'package.json'), '{"type":"module"}');
  for (const file of ['start.ts', 'electron-runtime.ts']) fs.copyFileSync(path.join(repo, 'scripts', file), path.join(root, 'scripts', file));
  const electronDir = path.join(root, 'node_modules', 'electron');
  fs.mkdirSync(electronDir, { recursive: true });
  fs.writeFileSync(path.join(electronDir, 'index.js'), '');
  if (withRuntime) {
    fs.writeFileSync(path.join(electronDir, 'path.txt'), 'electron');
    fs.mkdirSync(path.join(electronDir, 'dist'));
    fs.writeFileSync(path.join(electronDir, 'dist', 'electron'), '');
  }
  return root;
}

function dryRun(root: string): string[] {
  // Without the caller's override, which would name a runtime outside the fake repo.
  const { ELECTRON_OVERRIDE_DIST_PATH: _override, ...env } = process.env;
  const out = execFileSync(process.execPath, [path.join(root, 'scripts', 'start.ts'), '--dry-run', '--port', '0'], { cwd: root, encoding: 'utf8', env });
  return out.trimEnd().split('\n');
}

describe('npm start (scripts/start.ts --dry-run)', () => {
  it('names Electron, built first, where the runtime is installed', () => {
    const root = fakeRepo(true);
    expect(dryRun(root)).toEqual([`would run: npm run build, then ${path.join(root, 'node_modules', 'electron', 'dist', 'electron')} ${root} --port 0`]);
  });

  it('names the web host after one line saying why, where the runtime is missing, and downloads nothing', () => {
    const root = fakeRepo(false);
    const electronDir = path.join(root, 'node_modules', 'electron');
    expect(dryRun(root)).toEqual([FALLBACK_NOTICE, 'would run: node scripts/serve.ts --port 0']);
    expect(fs.readdirSync(electronDir)).toEqual(['index.js']);
  });
});
