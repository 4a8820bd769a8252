import { InfiniteQueryObserver, QueryObserver, type InfiniteQueryObserverOptions, type QueryKey, type QueryObserverOptions } from '@tanstack/react-query';
import { createReads } from '../../renderer/api/queries.ts';
import { createQueryClient } from '../../renderer/api/queryClient.ts';
import { startLive } from '../../renderer/api/live.ts';
import { createWrites } from '../../renderer/api/writes/createWrites.ts';
import { fakeClient, type FakeClient } from './fakeClient.ts';

/**
 * The renderer's server state without React: the app's query client, reads and writes around a
 * fake client, with pushes routed into the cache as the app does. `show` puts a read on screen the
 * way a mounted useQuery does (an observer subscribed to it); its `off` takes it off again.
 */
export function screen(fake: FakeClient = fakeClient(), options: { live?: boolean } = {}) {
  const queryClient = createQueryClient();
  const reads = createReads(fake.client);
  const writes = createWrites(fake.client, queryClient);
  const stopLive = options.live === false ? () => {} : startLive(fake.client, queryClient);

  function show<TQueryFnData, TError, TData, TQueryKey extends QueryKey>(opts: QueryObserverOptions<TQueryFnData, TError, TData, TQueryFnData, TQueryKey>) {
    const observer = new QueryObserver(queryClient, opts);
    const off = observer.subscribe(() => {});
    return Object.assign(observer, { off });
  }

  function showPages<TQueryFnData, TError, TData, TQueryKey extends QueryKey, TPageParam>(opts: InfiniteQueryObserverOptions<TQueryFnData, TError, TData, TQueryKey, TPageParam>) {
    const observer = new InfiniteQueryObserver(queryClient, opts);
    const off = observer.subscribe(() => {});
    return Object.assign(observer, { off });
  }

  /** Until nothing is fetching (each answer and the fetches it set off have landed); a write is awaited by its caller. */
  async function idle(): Promise<void> {
    for (let i = 0; i < 100; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (queryClient.isFetching() === 0) return;
    }
    throw new Error('still fetching after 100 turns');
  }

  /** A few turns of the event loop, for a test that leaves a fetch hanging on purpose. */
  async function turns(n = 3): Promise<void> {
    for (let i = 0; i < n; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  }

  return { fake, queryClient, reads, writes, show, showPages, idle, turns, stop: stopLive };
}
