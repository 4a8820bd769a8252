import { shell, type BrowserWindowConstructorOptions, type WebContents } from 'electron';
import { isAppUrl } from './origin.ts';

/** Matches the renderer's --bg (renderer/app/app.css), so the window does not flash white before the first paint. */
export const BACKGROUND = '#0d1117';

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    title: 'Stagegate',
    show: false,
    backgroundColor: BACKGROUND,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      preload: preloadPath,
      spellcheck: false,
    },
  };
}

type Hardenable = Pick<WebContents, 'setWindowOpenHandler' | 'on' | 'session'>;

/**
 * The page may show only the app itself: no new windows, no navigation or redirect elsewhere, no
 * webviews, no permissions. An https link the user clicks opens in the OS browser instead.
 */
export function hardenWebContents(contents: Hardenable, appOrigin: string): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isHttps(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  const stayInApp = (event: { url: string; preventDefault(): void }) => {
    if (!isAppUrl(event.url, appOrigin)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
}

function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
