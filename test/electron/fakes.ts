import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/** An Electron-style event: handlers call preventDefault to stop what was about to happen. */
export function fakeEvent(url = '') {
  return { url, preventDefault: vi.fn() };
}

/** Enough of a WebContents for the hardening and push code, with the handlers it was given kept for inspection. */
export class FakeWebContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => {
    this.openHandler = handler;
  });
  readonly session = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
  };
  readonly send = vi.fn();
  destroyed = false;
  isDestroyed = () => this.destroyed;
}
