import { afterEach, describe, expect, it, vi } from 'vitest';
import { coalesce } from '../../renderer/lib/coalesce.ts';
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

describe('coalesce', () => {
  it('collapses calls made during a run into one more run', async () => {
    let release: () => void = () => {};
    const task = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const run = coalesce(task);
    const first = run();
    void run();
    void run();
    expect(task).toHaveBeenCalledTimes(1);
    release();
    await vi.waitFor(() => expect(task).toHaveBeenCalledTimes(2));
    release();
    await first;
    expect(task).toHaveBeenCalledTimes(2);
  });

  it('recovers after a failing run', async () => {
    let fail = true;
    const run = coalesce(async () => {
      if (fail) throw new Error('boom');
    });
    await expect(run()).rejects.toThrow('boom');
    fail = false;
    await expect(run()).resolves.toBeUndefined();
  });
});
