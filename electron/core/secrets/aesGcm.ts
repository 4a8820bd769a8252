import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SecretStoreError } from './store.ts';

/** The first byte of every sealed secret: the format, so a later one can be told apart and never misread. */
export const SEALED_FORMAT_V1 = 0x01;
export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

/** [format 0x01][12-byte random IV][16-byte GCM tag][ciphertext]; the format byte is authenticated too. */
export function seal(key: Buffer, plain: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  const format = Buffer.from([SEALED_FORMAT_V1]);
  cipher.setAAD(format);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([format, iv, cipher.getAuthTag(), body]);
}

export function open(key: Buffer, sealed: Buffer): string {
  if (sealed.length < HEADER_BYTES) throw new SecretStoreError('A stored secret is truncated: it cannot be opened. Replace it in Settings ▸ Connections.');
  const format = sealed[0]!;
  if (format !== SEALED_FORMAT_V1) {
    throw new SecretStoreError(`A stored secret is in an unknown format (${format}): a newer Stagegate may have written it. Update Stagegate, or replace the secret.`);
  }
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(1 + IV_BYTES, HEADER_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(sealed.subarray(0, 1));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    // GCM's tag did not match: the bytes were changed, or this is not the key they were sealed with.
    throw new SecretStoreError(
      'A stored secret does not open with this key file: it was altered, or sealed under another secret.key (a database copied from elsewhere, or a key file replaced). Restore the matching secret.key, or replace the secret.',
    );
  }
}
