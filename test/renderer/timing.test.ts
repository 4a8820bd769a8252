import { QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../renderer/api/queryClient.ts';
import { refresh } from '../../renderer/api/refresh.ts';
import { throttle } from '../../renderer/lib/throttle.ts';

afterEach(() => vi.useRealTimers());

describe('throttle', () => {
  it('runs at once, then at most once per window, keeping the last call', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const t = throttle(fn, 1000);
    t();
    expect(fn).toHaveBeenCalledTimes(1);
    t();
    t();
    t();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(999);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('can be cancelled', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const t = throttle(fn, 1000);
    t();
    t();
    t.cancel();
    vi.advanceTimersByTime(2000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe('refresh', () => {
  /** A query on screen whose fetches the test answers one by one. */
  function onScreen() {
    const queryClient = createQueryClient();
    const answers: ((n: number) => void)[] = [];
    const fetches: number[] = [];
    const observer = new QueryObserver(queryClient, {
      queryKey: ['n'],
      queryFn: () => new Promise<number>((resolve, reject) => answers.push((n) => (n < 0 ? reject(new Error('boom')) : resolve(n)))).then((n) => (fetches.push(n), n)),
    });
    observer.subscribe(() => {});
    return { queryClient, answers, fetches, observer };
  }
  const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('collapses refreshes asked during a fetch into one more fetch after it', async () => {
    const { queryClient, answers, observer } = onScreen();
    await turn();
    answers[0]!(1);
    await turn();
    const asked = [refresh(queryClient, ['n']), refresh(queryClient, ['n']), refresh(queryClient, ['n'])];
    await turn();
    expect(answers).toHaveLength(2);
    answers[1]!(2);
    await turn();
    expect(answers).toHaveLength(3);
    answers[2]!(3);
    await Promise.all(asked);
    expect(answers).toHaveLength(3);
    expect(observer.getCurrentResult().data).toBe(3);
  });

  it('still refetches after a fetch in flight that fails', async () => {
    const { queryClient, answers, observer } = onScreen();
    await turn();
    const asked = refresh(queryClient, ['n']);
    answers[0]!(-1);
    await turn();
    expect(answers).toHaveLength(2);
    answers[1]!(7);
    await asked;
    expect(observer.getCurrentResult().data).toBe(7);
  });

  it('fetches nothing for a query off screen, but marks it stale', async () => {
    const { queryClient, answers, observer } = onScreen();
    await turn();
    answers[0]!(1);
    await turn();
    observer.destroy();
    await refresh(queryClient, ['n']);
    expect(answers).toHaveLength(1);
    expect(queryClient.getQueryState(['n'])?.isInvalidated).toBe(true);
  });
});
