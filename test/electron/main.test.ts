import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { DB_FILE } from '../../electron/core/db/open.ts';
import { dataDirFrom, nativeBindingPath } from '../../electron/main/config.ts';
import { IPC_INVOKE_PREFIX, methodNames } from '../../shared/index.ts';
import { FakeSafeStorage, FakeWebContents } from './fakes.ts';

// Hoisted above the imports: window.ts imports electron, whose real index.js would try to download the runtime.
// Each start-up below swaps in a fuller fake with vi.doMock.
vi.mock('electron', () => ({ shell: { openExternal: vi.fn() } }));

/** The slice of Electron the entry point touches, recorded so the start-up can be checked without the runtime. */
function fakeElectron(appPath: string, { firstInstance = true } = {}) {
  const app = Object.assign(new EventEmitter(), {
    setName: vi.fn(),
    setPath: vi.fn(),
    getPath: vi.fn((name: string) => path.join(appPath, `path-${name}`)),
    getAppPath: () => appPath,
    getVersion: () => '9.9.9',
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => firstInstance),
    whenReady: vi.fn(async () => {}),
    quit: vi.fn(),
    exit: vi.fn(),
  });
  const windows: FakeWindow[] = [];
  class FakeWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    readonly loadFile = vi.fn(async () => {});
    readonly show = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    isDestroyed = () => false;
    isMinimized = () => false;
    readonly options: BrowserWindowConstructorOptions;
    constructor(options: BrowserWindowConstructorOptions) {
      super();
      this.options = options;
      windows.push(this);
    }
    static getAllWindows = () => windows;
  }
  return {
    app,
    windows,
    BrowserWindow: FakeWindow,
    dialog: { showErrorBox: vi.fn() },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((template: unknown) => ({ template })) },
    session: { defaultSession: { webRequest: { onHeadersReceived: vi.fn() } } },
    shell: { openExternal: vi.fn() },
    safeStorage: new FakeSafeStorage(),
  };
}

let tmp: string;
let dataDir: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stagegate-main-'));
  dataDir = path.join(tmp, 'data');
  vi.stubEnv('STAGEGATE_DATA_DIR', dataDir);
  vi.resetModules();
});
afterEach(() => {
  vi.unstubAllEnvs();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function start(electron: ReturnType<typeof fakeElectron>) {
  vi.doMock('electron', () => electron);
  const { started } = await import('../../electron/main/index.ts');
  await started;
}

function buildRenderer() {
  fs.mkdirSync(path.join(tmp, 'dist', 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'dist', 'renderer', 'index.html'), '<!doctype html>');
}

describe('electron/main/index.ts (Electron mocked)', () => {
  it('opens the data, wires IPC and shows one hardened window on the built renderer', async () => {
    buildRenderer();
    const electron = fakeElectron(tmp);
    await start(electron);

    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled();
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.app.setPath).toHaveBeenCalledWith('userData', path.join(tmp, 'path-appData', 'Stagegate'));
    expect(fs.existsSync(path.join(dataDir, DB_FILE))).toBe(true);
    expect(new Set(electron.ipcMain.handle.mock.calls.map(([channel]) => channel))).toEqual(new Set(methodNames.map((n) => IPC_INVOKE_PREFIX + n)));
    expect(electron.session.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalledTimes(1);
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);

    expect(electron.windows).toHaveLength(1);
    const [win] = electron.windows;
    // The window the user gets is isolated from Node whatever Electron's defaults of the day: each flag
    // is set explicitly, the preload is the built one beside the renderer, and nothing shows before the first paint.
    expect(win!.options.show).toBe(false);
    expect(win!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      preload: path.join(tmp, 'dist', 'preload', 'index.cjs'),
    });
    expect(win!.loadFile).toHaveBeenCalledWith(path.join(tmp, 'dist', 'renderer', 'index.html'));
    expect(win!.show).not.toHaveBeenCalled();
    win!.emit('ready-to-show');
    expect(win!.show).toHaveBeenCalled();

    // Any web contents created later is hardened too.
    const contents = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();

    electron.app.emit('second-instance');
    expect(win!.focus).toHaveBeenCalled();
    expect(electron.windows).toHaveLength(1);

    electron.app.emit('will-quit');
    expect(electron.ipcMain.removeHandler).toHaveBeenCalledTimes(methodNames.length);
  });

  it("hands the core Electron's safeStorage, once the app is ready, to seal connection secrets", async () => {
    buildRenderer();
    const electron = fakeElectron(tmp);
    await start(electron);
    expect(electron.safeStorage.isEncryptionAvailable).toHaveBeenCalled();
    expect(electron.app.whenReady.mock.invocationCallOrder[0]).toBeLessThan(electron.safeStorage.isEncryptionAvailable.mock.invocationCallOrder[0]!);
    const save = electron.ipcMain.handle.mock.calls.find(([channel]) => channel === `${IPC_INVOKE_PREFIX}saveConnection`)![1] as (event: unknown, input: unknown) => Promise<{ ok: boolean }>;
    const ownPage = { senderFrame: { url: pathToFileURL(path.join(tmp, 'dist', 'renderer', 'index.html')).href } };
    const saved = await save(ownPage, { name: 'Prom', config: { kind: 'prometheus', baseUrl: 'http://127.0.0.1:9090', auth: 'bearer' }, secrets: { token: 'desktop-token-123456789' } });
    expect(saved.ok).toBe(true);
    expect(electron.safeStorage.encryptString).toHaveBeenCalledTimes(1);
    expect(fs.existsSync(path.join(dataDir, 'secret.key'))).toBe(false);
    electron.app.emit('will-quit');
  });

  it('refuses a database from a newer version with a dialog, and exits without a window', async () => {
    buildRenderer();
    fs.mkdirSync(dataDir, { recursive: true });
    const db = new Database(path.join(dataDir, DB_FILE));
    db.pragma('user_version = 999');
    db.close();
    const electron = fakeElectron(tmp);
    await start(electron);

    expect(electron.dialog.showErrorBox).toHaveBeenCalledTimes(1);
    const [title, message] = electron.dialog.showErrorBox.mock.calls[0]!;
    expect(title).toMatch(/newer Stagegate/);
    expect(message).toMatch(/database version 999/);
    expect(electron.app.exit).toHaveBeenCalledWith(1);
    expect(electron.windows).toHaveLength(0);
  });

  it('says the renderer is not built rather than showing an empty window', async () => {
    const electron = fakeElectron(tmp);
    await start(electron);
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('Stagegate is not built', expect.stringContaining('npm run build'));
    expect(electron.app.exit).toHaveBeenCalledWith(1);
    expect(electron.windows).toHaveLength(0);
  });

  it('a second instance quits at once and leaves the data alone', async () => {
    const electron = fakeElectron(tmp, { firstInstance: false });
    await start(electron);
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});

describe('dataDirFrom', () => {
  const fallback = () => '/home/u/.config/Stagegate';
  it('takes --data-dir first, then STAGEGATE_DATA_DIR, then the fallback', () => {
    expect(dataDirFrom(['electron', '.', '--data-dir', '/d1'], { STAGEGATE_DATA_DIR: '/d2' }, fallback)).toBe(path.resolve('/d1'));
    expect(dataDirFrom(['electron', '.', '--data-dir=/d1'], {}, fallback)).toBe(path.resolve('/d1'));
    expect(dataDirFrom(['electron', '.'], { STAGEGATE_DATA_DIR: '/d2' }, fallback)).toBe(path.resolve('/d2'));
    expect(dataDirFrom(['electron', '.', '--data-dir'], {}, fallback)).toBe(fallback());
  });
});

describe('nativeBindingPath', () => {
  const repo = path.resolve(import.meta.dirname, '../..');
  it("points at better-sqlite3's prebuild for this platform, which opens a database in Node too", () => {
    const binding = nativeBindingPath(repo);
    expect(binding).toBe(path.join(repo, 'node_modules', 'better-sqlite3', 'prebuilds', `${process.platform}-${process.arch}.node`));
    const db = new Database(':memory:', { nativeBinding: binding });
    expect(db.prepare('select 1 as one').get()).toEqual({ one: 1 });
    db.close();
  });

  it('reads it from app.asar.unpacked in a packaged app', () => {
    const resources = path.join(tmp, 'resources');
    const prebuild = path.join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'prebuilds', 'linux-x64.node');
    fs.mkdirSync(path.dirname(prebuild), { recursive: true });
    fs.writeFileSync(prebuild, '');
    expect(nativeBindingPath(path.join(resources, 'app.asar'), 'linux', 'x64')).toBe(prebuild);
    expect(nativeBindingPath(path.join(resources, 'app.asar'), 'freebsd', 'x64')).toBeUndefined();
  });
});
