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

/**
 * Electron's safeStorage, same API shape: a "keychain" of its own per instance (a random XOR pad behind
 * a v10 prefix, like Chromium's), so a secret sealed by one instance does not open in another.
 */
export class FakeSafeStorage {
  private readonly pad = Buffer.from(Array.from({ length: 32 }, () => Math.floor(Math.random() * 256)));
  available = true;
  backend = 'gnome_libsecret';
  readonly sealed: string[] = [];
  isEncryptionAvailable = vi.fn(() => this.available);
  getSelectedStorageBackend = vi.fn(() => this.backend);
  encryptString = vi.fn((plain: string): Buffer => {
    this.sealed.push(plain);
    const bytes = Buffer.from(`ok:${plain}`, 'utf8').map((b, i) => b ^ this.pad[i % this.pad.length]!);
    return Buffer.concat([Buffer.from('v10'), bytes]);
  });
  decryptString = vi.fn((encrypted: Buffer): string => {
    const text = Buffer.from(encrypted.subarray(3).map((b, i) => b ^ this.pad[i % this.pad.length]!)).toString('utf8');
    if (!encrypted.subarray(0, 3).equals(Buffer.from('v10')) || !text.startsWith('ok:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return text.slice(3);
  });
}
