import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEALED_FORMAT_V1 } from '../../electron/core/secrets/aesGcm.ts';
import { KEY_FILE, keyFileStore } from '../../electron/core/secrets/keyFile.ts';
import { SecretStoreError } from '../../electron/core/secrets/store.ts';
import { secretVault } from '../../electron/core/secrets/vault.ts';
import { tempDir } from '../support/tmp.ts';

const SECRET = 'glpat-9f8e7d6c5b4a3210-marker';
const posix = process.platform !== 'win32';

describe('the key-file secret store', () => {
  it('round-trips a secret, with a fresh IV each time and a format byte in front', () => {
    const store = keyFileStore(tempDir());
    const a = store.encrypt(SECRET);
    const b = store.encrypt(SECRET);
    expect(a[0]).toBe(SEALED_FORMAT_V1);
    expect(a.equals(b)).toBe(false);
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
    expect(a.toString('latin1')).not.toContain(SECRET);
    expect(store.decrypt(a)).toBe(SECRET);
    expect(store.decrypt(b)).toBe(SECRET);
    expect(store.decrypt(store.encrypt('ünïcødé ✓'))).toBe('ünïcødé ✓');
  });

  it('creates a 32-byte key file only once something is sealed', () => {
    const dir = tempDir();
    const store = keyFileStore(dir);
    const file = path.join(dir, KEY_FILE);
    expect(fs.existsSync(file)).toBe(false);
    store.encrypt('x');
    expect(fs.statSync(file).size).toBe(32);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  // Its own test, skipped (and reported as such) where file modes do not exist, instead of an assertion left out.
  it.skipIf(!posix)('creates the key file readable by its owner alone (0600)', () => {
    const dir = tempDir();
    keyFileStore(dir).encrypt('x');
    expect(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('keeps the key another store of the same folder made first', () => {
    const dir = tempDir();
    const first = keyFileStore(dir);
    const sealed = first.encrypt(SECRET);
    const second = keyFileStore(dir);
    expect(second.decrypt(sealed)).toBe(SECRET);
    expect(first.decrypt(second.encrypt(SECRET))).toBe(SECRET);
  });

  it.each([
    ['a byte of the ciphertext', -1],
    ['a byte of the tag', 20],
    ['a byte of the IV', 3],
  ])('refuses a secret with %s changed', (_what, at) => {
    const store = keyFileStore(tempDir());
    const sealed = store.encrypt(SECRET);
    const i = at < 0 ? sealed.length + at : at;
    sealed[i] = sealed[i]! ^ 0x01;
    expect(() => store.decrypt(sealed)).toThrow(SecretStoreError);
    expect(() => store.decrypt(sealed)).toThrow(/altered, or sealed under another secret\.key/);
  });

  it('refuses a truncated secret and one of an unknown format', () => {
    const store = keyFileStore(tempDir());
    const sealed = store.encrypt(SECRET);
    expect(() => store.decrypt(sealed.subarray(0, 20))).toThrow(/truncated/);
    const future = Buffer.from(sealed);
    future[0] = 0x02;
    expect(() => store.decrypt(future)).toThrow(/unknown format \(2\)/);
  });

  it('refuses a secret sealed under another key', () => {
    const sealed = keyFileStore(tempDir()).encrypt(SECRET);
    const other = keyFileStore(tempDir());
    other.encrypt('makes its own key');
    expect(() => other.decrypt(sealed)).toThrow(/does not open with this key file/);
  });

  it.skipIf(!posix)('refuses a key file that group or others can read, naming the fix, and leaves its mode alone', () => {
    const dir = tempDir();
    keyFileStore(dir).encrypt('x');
    const file = path.join(dir, KEY_FILE);
    fs.chmodSync(file, 0o644);
    const store = keyFileStore(dir);
    expect(() => store.encrypt(SECRET)).toThrow(`can be read by other users (mode 644), so Stagegate will not use it. Run "chmod 600 ${file}"`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o644);
    fs.chmodSync(file, 0o640);
    expect(() => keyFileStore(dir).decrypt(Buffer.alloc(40))).toThrow(/mode 640/);
  });

  it('refuses a key file of the wrong size', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, KEY_FILE), Buffer.alloc(16), { mode: 0o600 });
    expect(() => keyFileStore(dir).encrypt(SECRET)).toThrow(/not a Stagegate key \(it holds 16 bytes, not 32\)/);
  });

  it('never makes a new key while secrets sealed with the lost one exist, and never opens without one', () => {
    const dir = tempDir();
    const sealed = keyFileStore(dir).encrypt(SECRET);
    fs.rmSync(path.join(dir, KEY_FILE));
    const store = keyFileStore(dir, { sealedSecrets: () => 2 });
    expect(() => store.encrypt('new')).toThrow(/secret\.key is missing, and 2 stored secrets were sealed with it/);
    expect(() => store.decrypt(sealed)).toThrow(/is missing/);
    expect(fs.existsSync(path.join(dir, KEY_FILE))).toBe(false);
    expect(() => keyFileStore(dir).decrypt(sealed)).toThrow(/is missing: no secret can be opened/);
  });
});

describe('the vault over a store', () => {
  it('opens a secret only for the connection and field it was sealed for', () => {
    const store = keyFileStore(tempDir());
    const vault = secretVault(store, store);
    const sealed = vault.seal('prom-1', 'token', SECRET);
    expect(sealed.by).toBe('keyfile');
    expect(vault.open('prom-1', 'token', sealed)).toBe(SECRET);
    expect(() => vault.open('prom-2', 'token', sealed)).toThrow(/belongs to another connection or field/);
    expect(() => vault.open('prom-1', 'password', sealed)).toThrow(/belongs to another connection or field/);
  });

  it('says a safeStorage secret cannot be opened by a host without safeStorage', () => {
    const store = keyFileStore(tempDir());
    const vault = secretVault(store, store);
    expect(() => vault.open('p', 'token', { sealed: Buffer.from('v10xxxx'), by: 'safeStorage' })).toThrow(/sealed by the desktop app's OS keychain \(safeStorage\), which this host cannot open/);
  });
});
