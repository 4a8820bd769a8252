import { SecretStoreError, type SecretStore, type SecretStoreKind } from './store.ts';

export interface SealedSecret {
  sealed: Buffer;
  /** The store that sealed it, kept beside it: hosts sharing a folder may hold different stores. */
  by: SecretStoreKind;
}

/** Seals a connection's secrets with the host's store and opens them with whichever store sealed them. */
export interface SecretVault {
  /** The store new secrets are sealed with. */
  readonly kind: SecretStoreKind;
  seal(connectionId: string, field: string, value: string): SealedSecret;
  open(connectionId: string, field: string, secret: SealedSecret): string;
}

const WHERE: Record<SecretStoreKind, string> = {
  safeStorage: "the desktop app's OS keychain (safeStorage)",
  keyfile: "the data folder's secret.key",
};

/**
 * The desktop app seals with safeStorage and can still open what a web host sealed with the key file in
 * the same folder; a web host cannot open safeStorage's, and says so. The sealed text names its
 * connection and field, so a ciphertext moved to another row (an edited database) does not open.
 */
export function secretVault(primary: SecretStore, keyFile: SecretStore): SecretVault {
  const storeFor = (by: SecretStoreKind): SecretStore | null => (by === primary.kind ? primary : by === 'keyfile' ? keyFile : null);
  return {
    kind: primary.kind,
    seal: (connectionId, field, value) => ({ sealed: primary.encrypt(JSON.stringify([connectionId, field, value])), by: primary.kind }),
    open: (connectionId, field, secret) => {
      const store = storeFor(secret.by);
      if (!store) {
        throw new SecretStoreError(`This secret was sealed by ${WHERE[secret.by]}, which this host cannot open. Use the desktop app, or replace the secret here.`);
      }
      const plain = store.decrypt(secret.sealed);
      let bound: unknown = null;
      try {
        bound = JSON.parse(plain);
      } catch {
        // Not what this vault seals: reported below like a secret of another row.
      }
      if (!Array.isArray(bound) || bound[0] !== connectionId || bound[1] !== field || typeof bound[2] !== 'string') {
        throw new SecretStoreError('A stored secret belongs to another connection or field: the database was changed outside Stagegate. Replace the secret.');
      }
      return bound[2];
    },
  };
}
