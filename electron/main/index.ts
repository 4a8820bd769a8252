import { app, BrowserWindow, dialog, ipcMain, safeStorage, session } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { createCore, type Core } from '../core/core.ts';
import { osUser } from '../core/osUser.ts';
import { DatabaseFromFutureError } from '../core/errors.ts';
import { dataDirFrom, nativeBindingPath } from './config.ts';
import { applyContentSecurityPolicy } from './csp.ts';
import { forwardPushes, registerIpc } from './ipc.ts';
import { setAppMenu } from './menu.ts';
import { appOriginFor } from './origin.ts';
import { safeStorageStore } from './safeStorage.ts';
import { hardenWebContents, windowOptions } from './window.ts';

// The folder electron/core/paths.ts names too, so the desktop app and the web host share one log by default.
app.setName('Stagegate');
app.setPath('userData', path.join(app.getPath('appData'), 'Stagegate'));
app.enableSandbox();

const appPath = app.getAppPath();
const rendererDir = path.join(appPath, 'dist', 'renderer');
const preloadPath = path.join(appPath, 'dist', 'preload', 'index.cjs');
const appOrigin = appOriginFor(rendererDir);

const isFirstInstance = app.requestSingleInstanceLock();
// A second launch only wakes the first one (its 'second-instance' handler focuses the window).
if (!isFirstInstance) app.quit();

/** Settles once the app is up (or has given up); tests await it. */
export const started: Promise<void> = isFirstInstance ? start().catch((error: unknown) => giveUp('Stagegate could not start', messageOf(error))) : Promise.resolve();

async function start(): Promise<void> {
  // Every web contents, including any a bug might create, gets the same limits.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appOrigin));
  await app.whenReady();

  const indexHtml = path.join(rendererDir, 'index.html');
  if (!fs.existsSync(indexHtml)) return giveUp('Stagegate is not built', `${indexHtml} is missing. Run "npm run build" first.`);
  // After ready: on Linux safeStorage knows which keyring it has only then.
  const secretStore = safeStorageStore(safeStorage);
  if (!secretStore.store) console.error(`stagegate: connection secrets are sealed with the data folder's key file: ${secretStore.why}.`);
  let core: Core;
  try {
    core = createCore({
      dataDir: dataDirFrom(process.argv, process.env, () => app.getPath('userData')),
      version: app.getVersion(),
      nativeBinding: nativeBindingPath(appPath),
      demo: true,
      simulateEveryMs: 2000,
      hostLabel: 'desktop app',
      ...(secretStore.store ? { secretStore: secretStore.store } : {}),
    });
  } catch (error) {
    if (error instanceof DatabaseFromFutureError) return giveUp('This data is from a newer Stagegate', error.message);
    return giveUp('Stagegate could not open its data', messageOf(error));
  }

  applyContentSecurityPolicy(session.defaultSession);
  setAppMenu();
  const disposeIpc = registerIpc(ipcMain, core, { appOrigin, actor: osUser() });
  app.on('will-quit', () => {
    disposeIpc();
    core.close();
  });

  const openWindow = (): BrowserWindow => {
    const win = new BrowserWindow(windowOptions(preloadPath));
    forwardPushes(core, win.webContents);
    win.once('ready-to-show', () => win.show());
    void win.loadFile(indexHtml);
    return win;
  };
  let main = openWindow();
  app.on('second-instance', () => {
    if (main.isDestroyed()) main = openWindow();
    if (main.isMinimized()) main.restore();
    main.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) main = openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function giveUp(title: string, message: string): void {
  dialog.showErrorBox(title, message);
  app.exit(1);
}
