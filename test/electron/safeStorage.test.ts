import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core.ts';
import { KEY_FILE } from '../../electron/core/secrets/keyFile.ts';
import { SecretStoreError } from '../../electron/core/secrets/store.ts';
import { safeStorageStore } from '../../electron/main/safeStorage.ts';
import type { ConnectionView } from '../../shared/index.ts';
import { fakeSource, passed } from '../support/fakeSource.ts';
import { tempDir } from '../support/tmp.ts';
import { FakeSafeStorage } from './fakes.ts';
import { dataFile } from '../support/dataFile.ts';

const TOKEN = 'desktop-bearer-token-5678';
const operator = { actor: 'alice', role: 'operator' as const };
const PROM = { kind: 'prometheus', baseUrl: 'http://127.0.0.1:9090', auth: 'bearer' } as const;

describe('the safeStorage adapter (Electron faked)', () => {
  it('seals through encryptString and opens through decryptString', () => {
    const api = new FakeSafeStorage();
    const { store, why } = safeStorageStore(api, 'darwin');
    expect(why).toBeNull();
    expect(store!.kind).toBe('safeStorage');
    const sealed = store!.encrypt(TOKEN);
    expect(api.encryptString).toHaveBeenCalledWith(TOKEN);
    expect(sealed.toString('latin1')).not.toContain(TOKEN);
    expect(store!.decrypt(sealed)).toBe(TOKEN);
  });

  it("turns safeStorage's failure to decrypt into a message a person can act on", () => {
    const sealed = safeStorageStore(new FakeSafeStorage(), 'darwin').store!.encrypt(TOKEN);
    const other = safeStorageStore(new FakeSafeStorage(), 'darwin').store!;
    expect(() => other.decrypt(sealed)).toThrow(SecretStoreError);
    expect(() => other.decrypt(sealed)).toThrow(/does not open with this user's OS keychain/);
  });

  it("is not used when encryption is unavailable, or on Linux's basic_text backend (a fixed password), and says why", () => {
    const off = new FakeSafeStorage();
    off.available = false;
    expect(safeStorageStore(off, 'win32')).toEqual({ store: null, why: 'the OS keychain is not available to Electron' });
    const basic = new FakeSafeStorage();
    basic.backend = 'basic_text';
    expect(safeStorageStore(basic, 'linux')).toMatchObject({ store: null, why: expect.stringContaining('only obfuscate') });
    expect(safeStorageStore(basic, 'darwin').store).not.toBeNull();
    expect(safeStorageStore(undefined).store).toBeNull();
  });
});

describe('a core given the safeStorage store, beside a web host on the same folder', () => {
  it('seals with safeStorage and makes no key file; a host without safeStorage says it cannot open them', async () => {
    const dataDir = tempDir();
    const api = new FakeSafeStorage();
    const source = fakeSource((_c, secrets, now) => (secrets.token === TOKEN ? passed(now) : { ok: false, at: now, problem: 'unauthorized', message: 'no', detail: null, latencyMs: 1 }));
    const desktop = createCore({ dataDir, version: 't', secretStore: safeStorageStore(api, 'darwin').store!, sourceClient: source.factory, checkOutputs: true, guard: false });
    const saved = await desktop.invoke('saveConnection', { name: 'Local prom', config: PROM, secrets: { token: TOKEN } }, operator);
    expect(saved.ok).toBe(true);
    const id = (saved as { value: ConnectionView }).value.id;
    expect(api.sealed).toEqual([JSON.stringify([id, 'token', TOKEN])]);
    expect(dataFile(desktop.dataDir).prepare('SELECT sealed_by FROM connection_secrets').all()).toEqual([{ sealed_by: 'safeStorage' }]);
    expect(fs.existsSync(path.join(dataDir, KEY_FILE))).toBe(false);
    expect(await desktop.invoke('testConnection', { id }, operator)).toMatchObject({ ok: true, value: { ok: true } });

    const web = createCore({ dataDir, version: 't', sourceClient: source.factory, checkOutputs: true, guard: false });
    const test = await web.invoke('testConnection', { id }, operator);
    expect(test).toMatchObject({ ok: true, value: { ok: false, problem: 'missing_secret', message: expect.stringContaining("sealed by the desktop app's OS keychain (safeStorage), which this host cannot open") } });

    // The other way round works: the desktop app opens what the web host sealed with the key file.
    const fromWeb = await web.invoke('saveConnection', { name: 'Web prom', config: PROM, secrets: { token: TOKEN } }, operator);
    const webId = (fromWeb as { value: ConnectionView }).value.id;
    expect(await desktop.invoke('testConnection', { id: webId }, operator)).toMatchObject({ ok: true, value: { ok: true } });
    web.close();
    desktop.close();
  });
});
