import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.ts';
import { forwardPushes, registerIpc } from '../../electron/main/ipc.ts';
import { appOriginFor } from '../../electron/main/origin.ts';
import { IPC_INVOKE_PREFIX, IPC_PUSH_CHANNEL, methodNames } from '../../shared/index.ts';
import { tempDir } from '../support/tmp.ts';
import { FakeWebContents } from './fakes.ts';

vi.mock('electron', () => ({}));

type Handler = (event: { senderFrame: { url: string } | null }, input: unknown) => Promise<unknown> | unknown;

const appOrigin = appOriginFor('/opt/stagegate/dist/renderer');
const ownFrame = { senderFrame: { url: `${appOrigin}index.html` } };
const dataDir = tempDir('stagegate-ipc-');
let core: Core;
// Recorded by hand: vitest clears mock.calls before each test, and registration happens once in beforeAll.
const registered: string[] = [];
const removed: string[] = [];
const handlers = new Map<string, Handler>();
const ipcMain = {
  handle: (channel: string, handler: Handler) => {
    registered.push(channel);
    handlers.set(channel, handler);
  },
  removeHandler: (channel: string) => {
    removed.push(channel);
    handlers.delete(channel);
  },
};
let dispose: () => void;

beforeAll(() => {
  core = createCore({ dataDir, version: 't', demo: true });
  // The fake passes a bare { senderFrame } where Electron passes a full IpcMainInvokeEvent.
  dispose = registerIpc(ipcMain as never, core, { appOrigin, actor: 'alice' });
});
// Runs before tempDir's removal: after-hooks run in reverse order of registration.
afterAll(() => core.close());

const call = (name: string, input: unknown, event: Parameters<Handler>[0] = ownFrame) => handlers.get(IPC_INVOKE_PREFIX + name)!(event, input);

describe('registerIpc', () => {
  it('registers exactly one handler per contract method and nothing else', () => {
    expect(registered).toHaveLength(methodNames.length);
    expect(new Set(registered)).toEqual(new Set(methodNames.map((name) => IPC_INVOKE_PREFIX + name)));
  });

  it('answers from the core as the operator named by the OS', async () => {
    await expect(call('getInfo', {})).resolves.toMatchObject({ ok: true, value: { actor: 'alice', role: 'operator', version: 't', dataDir } });
    const releases = (await call('listReleases', {})) as { ok: true; value: unknown[] };
    expect(releases.ok).toBe(true);
    expect(releases.value.length).toBeGreaterThan(0);
  });

  it('returns invalid_input with the failing paths for a bad input, and does not throw', async () => {
    const result = await call('getRelease', { releaseId: 'no spaces allowed', extra: 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const paths = (result as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path);
    expect(paths).toContain('releaseId');
    await expect(call('decide', 'not an object')).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: '(input)' }] } });
  });

  it.each([
    ['another site', { senderFrame: { url: 'https://evil.example/' } }],
    ['another local file', { senderFrame: { url: 'file:///tmp/evil.html' } }],
    ['a frame already gone', { senderFrame: null }],
  ])('refuses a call from %s with forbidden', async (_what, event) => {
    await expect(call('listReleases', {}, event)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('removes every handler it registered when disposed', () => {
    dispose();
    expect([...removed].sort()).toEqual([...registered].sort());
    expect(handlers.size).toBe(0);
  });
});

describe('forwardPushes', () => {
  it('sends the core pushes to the window on the push channel until the window is destroyed', () => {
    const contents = new FakeWebContents();
    forwardPushes(core, contents as never);
    core.simulator.tick();
    expect(contents.send).toHaveBeenCalledWith(IPC_PUSH_CHANNEL, expect.objectContaining({ type: 'samples.arrived' }));

    contents.send.mockClear();
    contents.destroyed = true;
    contents.emit('destroyed');
    core.simulator.tick();
    expect(contents.send).not.toHaveBeenCalled();
  });
});
