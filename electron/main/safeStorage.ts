import { SecretStoreError, type SecretStore } from '../core/secrets/store.ts';

/** The part of Electron's `safeStorage` the adapter uses; tests hand it a fake of the same shape. */
export interface SafeStorageApi {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which keyring backs it; 'basic_text' is a fixed, public password (obfuscation, not encryption). */
  getSelectedStorageBackend?(): string;
}

export type SafeStorageChoice = { store: SecretStore; why: null } | { store: null; why: string };

/**
 * The OS keychain (Keychain, DPAPI, libsecret/kwallet) through safeStorage, when it really encrypts.
 * Otherwise the host falls back to the core's key file and says why. Call after the app is ready:
 * on Linux, safeStorage knows its backend only then.
 */
export function safeStorageStore(api: SafeStorageApi | undefined, platform: NodeJS.Platform = process.platform): SafeStorageChoice {
  if (!api || !api.isEncryptionAvailable()) return { store: null, why: 'the OS keychain is not available to Electron' };
  if (platform === 'linux' && api.getSelectedStorageBackend?.() === 'basic_text') {
    return { store: null, why: 'no keyring (gnome-libsecret or kwallet) is running, and safeStorage would only obfuscate' };
  }
  return {
    why: null,
    store: {
      kind: 'safeStorage',
      encrypt: (plain) => api.encryptString(plain),
      decrypt: (sealed) => {
        try {
          return api.decryptString(sealed);
        } catch {
          // Electron's own message names nothing a person can act on, and must never carry plaintext.
          throw new SecretStoreError("A stored secret does not open with this user's OS keychain (it was sealed for another user or machine, or the keychain was reset). Replace the secret.");
        }
      },
    },
  };
}
