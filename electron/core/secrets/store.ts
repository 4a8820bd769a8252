/** Who sealed a secret: the OS keychain through Electron's safeStorage, or AES-256-GCM under the data folder's key file. */
export type SecretStoreKind = 'safeStorage' | 'keyfile';

/**
 * Seals and opens secrets. The core never imports Electron: the desktop host hands it a safeStorage
 * adapter, and every other host (web, CLI) uses the key file in the data folder.
 */
export interface SecretStore {
  readonly kind: SecretStoreKind;
  encrypt(plain: string): Buffer;
  /** Throws SecretStoreError when the sealed bytes were altered or sealed under another key. */
  decrypt(sealed: Buffer): string;
}

/** A secret that cannot be sealed or opened, said so a person can act on it; never holds the secret. */
export class SecretStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretStoreError';
  }
}
