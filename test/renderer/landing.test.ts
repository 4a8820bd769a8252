import { describe, expect, it } from 'vitest';
import { landOnDefaultRoute } from '../../renderer/app/landing.ts';

function fakeWindow(href: string) {
  const url = new URL(href);
  const replaced: string[] = [];
  return {
    location: { get hash() { return url.hash; }, get href() { return url.href; } },
    history: { state: null, replaceState: (_s: unknown, _t: string, to: string) => replaced.push(to) },
    replaced,
  };
}

describe('landing', () => {
  it('sends the bare address to the releases before the router starts', () => {
    for (const href of ['http://h/', 'http://h/#', 'http://h/#/']) {
      const w = fakeWindow(href);
      landOnDefaultRoute(w.location, w.history);
      expect(w.replaced).toEqual(['http://h/#/releases']);
    }
  });

  it('leaves a deep link alone', () => {
    const w = fakeWindow('http://h/#/releases/demo-1');
    landOnDefaultRoute(w.location, w.history);
    expect(w.replaced).toEqual([]);
  });
});
