import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { KEY_BYTES, open, seal } from './aesGcm.ts';
import { SecretStoreError, type SecretStore } from './store.ts';

export const KEY_FILE = 'secret.key';

export interface KeyFileOptions {
  /** How many stored secrets were sealed with the key file: with any, a missing key is an error, never replaced. */
  sealedSecrets?: () => number;
  /** Mode bits and owners mean nothing on Windows, where the folder's ACL protects the file. */
  platform?: NodeJS.Platform;
}

const errno = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/**
 * AES-256-GCM under 32 random bytes in `<dataDir>/secret.key`. The key is read (or created) on first use,
 * so a folder without connection secrets never gets one. A key file others can read is refused, not
 * repaired: it may already have been read, and chmod-ing it quietly would hide that.
 */
export function keyFileStore(dataDir: string, options: KeyFileOptions = {}): SecretStore {
  const file = path.join(dataDir, KEY_FILE);
  const platform = options.platform ?? process.platform;
  let key: Buffer | null = null;

  const get = (create: boolean): Buffer => {
    if (key) return key;
    const read = readKey(file, platform);
    if (read) return (key = read);
    const sealed = options.sealedSecrets?.() ?? 0;
    if (sealed > 0) {
      throw new SecretStoreError(
        `${file} is missing, and ${sealed} stored ${sealed === 1 ? 'secret was' : 'secrets were'} sealed with it. Put the key file back from where you keep it (a backup of the data folder), or clear those secrets in Settings ▸ Connections and enter them again; a new key cannot open them.`,
      );
    }
    if (!create) throw new SecretStoreError(`${file} is missing: no secret can be opened without it.`);
    createKey(file);
    return (key = readKey(file, platform)!);
  };

  return {
    kind: 'keyfile',
    encrypt: (plain) => seal(get(true), plain),
    decrypt: (sealed) => open(get(false), sealed),
  };
}

/** The key, or null when there is no key file; anything else wrong with it is an error that says what. */
function readKey(file: string, platform: NodeJS.Platform): Buffer | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if (errno(error) === 'ENOENT') return null;
    throw new SecretStoreError(`${file} cannot be read (${errno(error) ?? String(error)}).`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new SecretStoreError(`${file} is not a file.`);
    if (platform !== 'win32') {
      const uid = process.getuid?.();
      if (uid !== undefined && stat.uid !== uid) {
        throw new SecretStoreError(`${file} belongs to another user (uid ${stat.uid}); Stagegate uses a key file only its own user owns.`);
      }
      const mode = stat.mode & 0o777;
      if ((mode & 0o077) !== 0) {
        throw new SecretStoreError(
          `${file} can be read by other users (mode ${mode.toString(8)}), so Stagegate will not use it. Run "chmod 600 ${file}", and replace the connections' secrets if anyone else may have read it.`,
        );
      }
    }
    if (stat.size !== KEY_BYTES) throw new SecretStoreError(`${file} is not a Stagegate key (it holds ${stat.size} bytes, not ${KEY_BYTES}).`);
    const buffer = Buffer.alloc(KEY_BYTES);
    fs.readSync(fd, buffer, 0, KEY_BYTES, 0);
    return buffer;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes a new key to a private temporary file, flushes it, then links it into place: the link fails if
 * another host made the key first (that one is kept), and no one ever reads a half-written key.
 */
function createKey(file: string): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    // The umask could only narrow 0600, but a mode set on the descriptor holds whatever it is.
    fs.fchmodSync(fd, 0o600);
    fs.writeSync(fd, randomBytes(KEY_BYTES));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    placeExclusively(tmp, file);
  } catch (error) {
    if (errno(error) !== 'EEXIST') throw new SecretStoreError(`${file} could not be created (${errno(error) ?? String(error)}).`);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  syncFolder(path.dirname(file));
}

/** A hard link where the file system has them; else an exclusive copy (FAT, some network shares), still never over another key. */
function placeExclusively(tmp: string, file: string): void {
  try {
    fs.linkSync(tmp, file);
  } catch (error) {
    if (!['EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP'].includes(errno(error) ?? '')) throw error;
    fs.copyFileSync(tmp, file, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(file, 0o600);
  }
}

/** The new name must survive a crash too, not only the bytes. */
function syncFolder(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a folder for fsync; its file system journals the rename.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}
