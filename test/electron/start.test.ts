import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronRuntime, FALLBACK_NOTICE } from '../../scripts/electron-runtime.ts';

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

  it("finds no runtime in this repo when node_modules/electron has no dist/ (as on a machine that cannot download it)", () => {
    const hasDist = fs.existsSync(path.join(repo, 'node_modules', 'electron', 'dist'));
    if (!hasDist) expect(electronRuntime(repo)).toBeNull();
    else expect(electronRuntime(repo)).toMatch(/electron/i);
  });
});

describe('npm start (scripts/start.ts --dry-run)', () => {
  it('names what it would start: Electron when installed, else the web host after one line saying why', () => {
    const electronDir = path.join(repo, 'node_modules', 'electron');
    const before = fs.readdirSync(electronDir).sort();
    const out = execFileSync(process.execPath, [path.join(repo, 'scripts', 'start.ts'), '--dry-run', '--port', '0'], { cwd: repo, encoding: 'utf8' });
    const lines = out.trimEnd().split('\n');
    const runtime = electronRuntime(repo);
    if (runtime) {
      expect(lines).toEqual([`would run: npm run build, then ${runtime} ${repo} --port 0`]);
    } else {
      expect(lines).toEqual([FALLBACK_NOTICE, 'would run: node scripts/serve.ts --port 0']);
    }
    // Looking for the runtime never starts a download.
    expect(fs.readdirSync(electronDir).sort()).toEqual(before);
  });
});
