import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionState } from '../../renderer/api/connection.ts';
import { subscribeEvents } from '../../renderer/api/events.ts';

/** Just enough of EventSource to drive the subscription by hand. */
class FakeSource extends EventTarget {
  static opened: FakeSource[] = [];
  readyState = 0;
  closed = false;
  readonly url: string;
  constructor(url: string) {
    super();
    this.url = url;
    FakeSource.opened.push(this);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }
  push(data: string) {
    this.dispatchEvent(new MessageEvent('push', { data }));
  }
  fail(readyState: number) {
    this.readyState = readyState;
    this.dispatchEvent(new Event('error'));
  }
}

const factory = (url: string) => new FakeSource(url) as unknown as EventSource;

afterEach(() => {
  FakeSource.opened = [];
  vi.useRealTimers();
});

describe('push subscription', () => {
  it('delivers valid push events and drops malformed ones', () => {
    const events: unknown[] = [];
    const off = subscribeEvents((e) => events.push(e), { eventSource: factory });
    const source = FakeSource.opened[0]!;
    expect(source.url).toBe('/api/events');
    source.push(JSON.stringify({ type: 'release.changed', releaseId: 'r1' }));
    source.push('not json');
    source.push(JSON.stringify({ type: 'release.changed' }));
    source.push(JSON.stringify({ type: 'samples.arrived', releaseIds: ['r1'], until: 5 }));
    expect(events).toEqual([
      { type: 'release.changed', releaseId: 'r1' },
      { type: 'samples.arrived', releaseIds: ['r1'], until: 5 },
    ]);
    off();
    expect(source.closed).toBe(true);
  });

  it('reports connecting, live and reconnecting', () => {
    const states: ConnectionState[] = [];
    subscribeEvents(() => {}, { eventSource: factory, onConnection: (s) => states.push(s) });
    const source = FakeSource.opened[0]!;
    source.open();
    source.fail(0); // dropped; EventSource retries by itself
    source.open();
    expect(states).toEqual(['connecting', 'live', 'reconnecting', 'live']);
    expect(FakeSource.opened).toHaveLength(1);
  });

  it('opens a new source when the browser gives up, until unsubscribed', () => {
    vi.useFakeTimers();
    const off = subscribeEvents(() => {}, { eventSource: factory });
    FakeSource.opened[0]!.fail(2);
    vi.advanceTimersByTime(3000);
    expect(FakeSource.opened).toHaveLength(2);
    FakeSource.opened[1]!.fail(2);
    off();
    vi.advanceTimersByTime(10_000);
    expect(FakeSource.opened).toHaveLength(2);
  });
});
