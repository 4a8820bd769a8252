import { describe, expect, it, vi } from 'vitest';
import { createHttpClient, toResult, UNAVAILABLE_MESSAGE } from '../../renderer/api/httpClient.ts';

const json = (status: number, body: unknown, statusText = '') => new Response(JSON.stringify(body), { status, statusText, headers: { 'content-type': 'application/json' } });

describe('HTTP client response mapping', () => {
  it('turns a 200 into a value', async () => {
    expect(await toResult(json(200, [{ id: 'a' }]))).toEqual({ ok: true, value: [{ id: 'a' }] });
  });

  it('passes the host error body through, issues and allowed included', async () => {
    const error = { code: 'illegal_action', message: 'cannot resume a release that is rolling', allowed: ['pause'] };
    expect(await toResult(json(409, { error }))).toEqual({ ok: false, error });
    const invalid = { code: 'invalid_input', message: 'bad', issues: [{ path: 'reason', message: 'too short' }] };
    expect(await toResult(json(400, { error: invalid }))).toEqual({ ok: false, error: invalid });
  });

  it('names a non-JSON failure by its status', async () => {
    const r = await toResult(new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    expect(r).toEqual({ ok: false, error: { code: 'unavailable', message: 'The host answered 502 Bad Gateway.' } });
    const u = await toResult(new Response('nope', { status: 401 }));
    expect(u.ok || u.error.code).toBe('unauthorized');
  });

  it('refuses a 200 without a JSON body', async () => {
    const r = await toResult(new Response('', { status: 200 }));
    expect(r.ok).toBe(false);
  });

  it('posts JSON to /api/<method> with the session cookie', async () => {
    const fetch = vi.fn(async () => json(200, { version: '1' }));
    const client = createHttpClient({ fetch });
    const r = await client.getInfo({});
    expect(r).toEqual({ ok: true, value: { version: '1' } });
    expect(fetch).toHaveBeenCalledWith('/api/getInfo', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    await client.decide({ releaseId: 'r1', action: 'pause', reason: 'why not' });
    expect(fetch).toHaveBeenLastCalledWith('/api/decide', expect.objectContaining({ body: JSON.stringify({ releaseId: 'r1', action: 'pause', reason: 'why not' }) }));
  });

  it('reports a network failure as unavailable', async () => {
    const client = createHttpClient({ fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    expect(await client.listReleases({})).toEqual({ ok: false, error: { code: 'unavailable', message: UNAVAILABLE_MESSAGE } });
  });
});
