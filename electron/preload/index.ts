// Bundled into one CommonJS file (build/vite.preload.config.ts): a sandboxed preload cannot require local files.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CLIENT_GLOBAL, IPC_INVOKE_PREFIX, IPC_PUSH_CHANNEL, methodNames, type StagegateClient } from '../../shared/contract.ts';
import type { PushEvent } from '../../shared/domain/events.ts';

const methods = Object.fromEntries(methodNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(IPC_INVOKE_PREFIX + name, input)]));

/** The contract's functions and one subscription: the page never sees ipcRenderer itself. */
const api = {
  ...methods,
  subscribe(listener: (event: PushEvent) => void): () => void {
    const handler = (_event: IpcRendererEvent, event: PushEvent) => listener(event);
    ipcRenderer.on(IPC_PUSH_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_PUSH_CHANNEL, handler);
    };
  },
} as StagegateClient;

contextBridge.exposeInMainWorld(CLIENT_GLOBAL, api);
