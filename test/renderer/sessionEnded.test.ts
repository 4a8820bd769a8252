import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../renderer/api/connection.ts';
import { createHttpClient } from '../../renderer/api/httpClient.ts';
import { subscribeEvents } from '../../renderer/api/events.ts';
import { createAppStore } from '../../renderer/store/createAppStore.ts';

const unauthorized = () => new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'no session' } }), { status: 401, headers: { 'content-type': 'application/json' } });

/** An EventSource that fails at once and for good, as the browser's does on a 401. */
function closedSource(): EventSource {
  const target = new EventTarget() as EventTarget & { readyState: number; close(): void };
  target.readyState = 2;
  target.close = () => {};
  queueMicrotask(() => target.dispatchEvent(new Event('error')));
  return target as unknown as EventSource;
}

describe('a session the host no longer knows', () => {
  it('a 401 on a call reports the session ended', async () => {
    const states: ConnectionState[] = [];
    const client = createHttpClient({ fetch: async () => unauthorized(), onConnection: (s) => states.push(s) });
    const result = await client.listReleases({});
    expect(result.ok).toBe(false);
    expect(states).toContain('ended');
  });

  it('an event stream closed by a 401 reports the session ended and stops reopening', async () => {
    const states: ConnectionState[] = [];
    let opened = 0;
    const stop = subscribeEvents(() => {}, {
      eventSource: () => {
        opened += 1;
        return closedSource();
      },
      checkSession: async () => false,
      onConnection: (s) => states.push(s),
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    stop();
    expect(states.at(-1)).toBe('ended');
    expect(opened).toBe(1);
  });

  it('the store keeps the session ended: a later state does not make stale data look live', () => {
    const store = createAppStore();
    store.getState().setConnection('ended');
    store.getState().setConnection('live');
    expect(store.getState().connection).toBe('ended');
  });
});
