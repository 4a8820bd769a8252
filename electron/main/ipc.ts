import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { fail, IPC_INVOKE_PREFIX, IPC_PUSH_CHANNEL, methodNames, type Result } from '../../shared/index.ts';
import type { Core } from '../core/core.ts';
import { isAppUrl } from './origin.ts';

export interface IpcOptions {
  /** URL prefix of the app's own pages; a call from any other frame is refused. */
  appOrigin: string;
  /** The person at this desktop: the OS account. */
  actor: string;
}

/**
 * One handler per contract method and nothing else. The desktop user is the operator; validation,
 * roles and errors are the core's, so both hosts answer a call the same way.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, core: Pick<Core, 'invoke'>, options: IpcOptions): () => void {
  const caller = { actor: options.actor, role: 'operator' } as const;
  const channels = methodNames.map((name) => {
    const channel = IPC_INVOKE_PREFIX + name;
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
      if (!isAppUrl(event.senderFrame?.url, options.appOrigin)) {
        return fail('forbidden', `"${name}" may be called only from Stagegate's own window.`);
      }
      return core.invoke(name, input, caller);
    });
    return channel;
  });
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}

/** Sends every push to one window until it is destroyed. */
export function forwardPushes(core: Pick<Core, 'subscribe'>, contents: Pick<WebContents, 'send' | 'isDestroyed' | 'once'>): () => void {
  const unsubscribe = core.subscribe((event) => {
    if (!contents.isDestroyed()) contents.send(IPC_PUSH_CHANNEL, event);
  });
  contents.once('destroyed', unsubscribe);
  return unsubscribe;
}
