import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebContents, fakeEvent } from './fakes.ts';

const { openExternal } = vi.hoisted(() => ({ openExternal: vi.fn(async () => {}) }));
vi.mock('electron', () => ({ shell: { openExternal } }));

const { windowOptions, hardenWebContents } = await import('../../electron/main/window.ts');
const { applyContentSecurityPolicy } = await import('../../electron/main/csp.ts');
const { appOriginFor, isAppUrl } = await import('../../electron/main/origin.ts');
const { CONTENT_SECURITY_POLICY } = await import('../../shared/index.ts');

const appOrigin = appOriginFor('/opt/stagegate/dist/renderer');
const harden = (contents: FakeWebContents) => hardenWebContents(contents as never, appOrigin);

describe('windowOptions', () => {
  it('turns on every isolation flag and names the preload', () => {
    const options = windowOptions('/app/dist/preload/index.cjs');
    expect(options.webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      preload: '/app/dist/preload/index.cjs',
      spellcheck: false,
    });
  });

  it('stays hidden until ready-to-show, on a dark background, with a usable minimum size', () => {
    const options = windowOptions('/p.cjs');
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(options.minWidth).toBeGreaterThanOrEqual(800);
    expect(options.minHeight).toBeGreaterThanOrEqual(500);
    expect(options.width).toBeGreaterThanOrEqual(options.minWidth!);
    expect(options.height).toBeGreaterThanOrEqual(options.minHeight!);
  });
});

describe('hardenWebContents', () => {
  let contents: FakeWebContents;
  beforeEach(() => {
    openExternal.mockClear();
    contents = new FakeWebContents();
    harden(contents);
  });

  it('denies window.open, handing only https links to the OS browser', () => {
    expect(contents.openHandler?.({ url: 'https://docs.example/runbook' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://docs.example/runbook');
    for (const url of ['http://plain.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url']) {
      expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it.each(['will-navigate', 'will-redirect'])('%s: prevents leaving the app', (name) => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'file:///opt/stagegate/dist/renderer/../../secret.html', 'file:///opt/stagegate/dist/renderer-evil/index.html']) {
      const event = fakeEvent(url);
      contents.emit(name, event, url);
      expect(event.preventDefault, url).toHaveBeenCalled();
    }
  });

  it.each(['will-navigate', 'will-redirect'])('%s: allows pages of the app itself', (name) => {
    const url = 'file:///opt/stagegate/dist/renderer/index.html#/releases';
    const event = fakeEvent(url);
    contents.emit(name, event, url);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('prevents attaching a webview', () => {
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission request and check', () => {
    const [requestHandler] = contents.session.setPermissionRequestHandler.mock.calls[0]!;
    const callback = vi.fn();
    requestHandler(contents, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    const [checkHandler] = contents.session.setPermissionCheckHandler.mock.calls[0]!;
    expect(checkHandler(contents, 'notifications', 'file://', {})).toBe(false);
  });
});

describe('isAppUrl', () => {
  it('accepts only file URLs under the renderer folder', () => {
    expect(isAppUrl('file:///opt/stagegate/dist/renderer/index.html', appOrigin)).toBe(true);
    expect(isAppUrl(undefined, appOrigin)).toBe(false);
    expect(isAppUrl('', appOrigin)).toBe(false);
    expect(isAppUrl('https://opt/stagegate/dist/renderer/index.html', appOrigin)).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  it('is the agreed policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('is set on every response, replacing a policy the response brought', () => {
    const onHeadersReceived = vi.fn();
    applyContentSecurityPolicy({ webRequest: { onHeadersReceived } } as never);
    const listener = onHeadersReceived.mock.calls[0]![0];
    const callback = vi.fn();
    listener({ responseHeaders: { 'content-type': ['text/html'], 'content-security-policy': ["default-src *"] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'content-type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
});
