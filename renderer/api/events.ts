import { PushEvent } from '../../shared/domain/events.ts';
import type { ClientOptions } from './connection.ts';

export type EventSourceFactory = (url: string) => EventSource;

export interface SubscribeOptions extends ClientOptions {
  eventSource?: EventSourceFactory;
  /** EventSource hides the status it failed on: asked when it closes, false means the session ended (401). */
  checkSession?: () => Promise<boolean>;
}

/** After the browser gives up (e.g. the host answered 503 while restarting), try again this much later. */
const REOPEN_AFTER_MS = 3000;
/** EventSource.CLOSED, spelled out so the module also loads where EventSource is not defined (tests). */
const CLOSED = 2;

/**
 * Push events over SSE (`event: push`, data = a PushEvent). EventSource reconnects by itself after
 * a dropped connection; only when it closes for good do we open a new one.
 */
export function subscribeEvents(
  listener: (event: PushEvent) => void,
  options: SubscribeOptions = {},
): () => void {
  const open = options.eventSource ?? ((url: string) => new EventSource(url));
  const report = options.onConnection ?? (() => {});
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const onPush = (message: MessageEvent) => {
    let data: unknown;
    try {
      data = JSON.parse(String(message.data));
    } catch {
      return;
    }
    // A malformed event is dropped rather than allowed to corrupt the store.
    const parsed = PushEvent.safeParse(data);
    if (parsed.success) listener(parsed.data);
  };

  const connect = () => {
    timer = null;
    const es = open('/api/events');
    source = es;
    es.addEventListener('open', () => report('live'));
    es.addEventListener('push', onPush as EventListener);
    es.addEventListener('error', () => {
      if (stopped) return;
      report('reconnecting');
      if (es.readyState === CLOSED) {
        es.close();
        void reopenUnlessEnded();
      }
    });
  };

  // Reopening with a token the host no longer knows would say "Reconnecting…" forever.
  const reopenUnlessEnded = async () => {
    const alive = options.checkSession ? await options.checkSession() : true;
    if (stopped) return;
    if (!alive) return report('ended');
    timer = setTimeout(connect, REOPEN_AFTER_MS);
  };

  report('connecting');
  connect();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    source?.close();
  };
}
