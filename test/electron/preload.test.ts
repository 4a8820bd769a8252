import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { CLIENT_GLOBAL, IPC_INVOKE_PREFIX, IPC_PUSH_CHANNEL, methodNames, type StagegateClient } from '../../shared/index.ts';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })), on: vi.fn(), removeListener: vi.fn() },
}));
vi.mock('electron', () => electron);

await import('../../electron/preload/index.ts');
// Copied now: vitest clears mock.calls before each test.
const exposeCalls = [...electron.contextBridge.exposeInMainWorld.mock.calls];
const api = exposeCalls[0]?.[1] as StagegateClient;

describe('the preload', () => {
  it('exposes one global holding exactly the contract methods and subscribe', () => {
    expect(exposeCalls).toHaveLength(1);
    expect(exposeCalls[0]![0]).toBe(CLIENT_GLOBAL);
    expect(Object.keys(api).sort()).toEqual([...methodNames, 'subscribe'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it.each(methodNames)('%s invokes its own channel with the input as given', async (name) => {
    electron.ipcRenderer.invoke.mockClear();
    const input = { probe: name };
    const call = api[name] as (input: unknown) => Promise<unknown>;
    await expect(call(input)).resolves.toEqual({ ok: true, value: { channel: IPC_INVOKE_PREFIX + name, input } });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(IPC_INVOKE_PREFIX + name, input);
  });

  it('subscribe adds one push listener, hands on the event alone, and removes exactly that listener', () => {
    const listener = vi.fn();
    const unsubscribe = api.subscribe(listener);
    expect(electron.ipcRenderer.on).toHaveBeenCalledTimes(1);
    const [channel, handler] = electron.ipcRenderer.on.mock.calls[0]!;
    expect(channel).toBe(IPC_PUSH_CHANNEL);
    const event = { type: 'release.changed', releaseId: 'r1' };
    handler({ sender: 'the IpcRendererEvent' }, event);
    expect(listener).toHaveBeenCalledExactlyOnceWith(event);

    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledExactlyOnceWith(IPC_PUSH_CHANNEL, handler);
  });
});

describe('the bundled preload (build/vite.preload.config.ts)', () => {
  it('is one CommonJS file that requires nothing but electron and runs in a bare context', async () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagegate-preload-'));
    const { build } = await import('vite');
    await build({ configFile: path.resolve(import.meta.dirname, '../../build/vite.preload.config.ts'), logLevel: 'silent', build: { outDir } });
    expect(fs.readdirSync(outDir)).toEqual(['index.cjs']);

    const required: string[] = [];
    const exposed: Record<string, Record<string, unknown>> = {};
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, value: Record<string, unknown>) => (exposed[key] = value) },
      ipcRenderer: { invoke: async () => undefined, on: () => undefined, removeListener: () => undefined },
    };
    const require = (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return fakeElectron;
    };
    // No process, Buffer or module globals: what a sandboxed preload does not have either.
    vm.runInNewContext(fs.readFileSync(path.join(outDir, 'index.cjs'), 'utf8'), { require, console });
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(Object.keys(exposed)).toEqual([CLIENT_GLOBAL]);
    expect(Object.keys(exposed[CLIENT_GLOBAL]!).sort()).toEqual([...methodNames, 'subscribe'].sort());
    fs.rmSync(outDir, { recursive: true, force: true });
  });
});
