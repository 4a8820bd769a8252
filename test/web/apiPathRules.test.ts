import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { call, OPERATOR, testHost, VIEWER } from '../support/webHost.ts';
import { dataFile } from '../support/dataFile.ts';

const decide = JSON.stringify({ releaseId: 'demo-checkout-api-2026-11', action: 'pause', reason: 'token in the address' });

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw bytes on the wire: fetch would normalise some of these addresses before sending them. */
function send(base: string, method: string, target: string, headers: Record<string, string> = {}, body?: string): Promise<Raw> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: target, headers: { host: url.host, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the API path as the router sees it', async () => {
  const host = await testHost();
  const decisions = (): number => (dataFile(host.core.dataDir).prepare('SELECT COUNT(*) AS n FROM decisions').get() as { n: number }).n;
  const token = encodeURIComponent(OPERATOR);

  it.each(['/%61pi/decide', '/%61%70%69/decide', '/api/%64ecide', '/API/decide', '//api/decide', '/api%2fdecide', '/api/decide'])(
    'POST %s?token=… is refused with 401 and records no decision',
    async (target) => {
      const before = decisions();
      const res = await send(host.url, 'POST', `${target}?token=${token}`, { 'content-type': 'application/json' }, decide);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'unauthorized' } });
      expect(decisions()).toBe(before);
    },
  );

  it.each(['/%61pi/contract', '/%61pi/events', '/api/%63ontract'])('GET %s?token=… is refused with 401, not traded for a session cookie', async (target) => {
    const res = await send(host.url, 'GET', `${target}?token=${token}`);
    expect(res.status).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('still trades a ?token= page address for a cookie, and never redirects to another site', async () => {
    const page = await send(host.url, 'GET', `/?token=${token}`);
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/');
    const sneaky = await send(host.url, 'GET', `/.//evil.example/?token=${token}`);
    expect(sneaky.status).toBe(303);
    expect(sneaky.headers.location).toMatch(/^\/(?!\/)/);
  });

  it('sends Cache-Control: no-store on every API answer, the contract and errors included', async () => {
    const auth = { authorization: `Bearer ${OPERATOR}` };
    const answers = [
      await send(host.url, 'GET', '/api/contract', auth),
      await send(host.url, 'HEAD', '/api/contract', auth),
      await send(host.url, 'GET', '/%61pi/contract', auth),
      await send(host.url, 'POST', '/api/listReleases', { ...auth, 'content-type': 'application/json' }, '{}'),
      await send(host.url, 'POST', '/api/listReleases', { ...auth, 'content-type': 'application/json' }, '{"status":"exploded"}'),
      await send(host.url, 'POST', '/api/noSuchMethod', { ...auth, 'content-type': 'application/json' }, '{}'),
      await send(host.url, 'GET', '/api/nothing-here', auth),
      await send(host.url, 'GET', '/api/contract'),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 400, 404, 404, 401]);
    for (const answer of answers) expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('answers a session cookie that is not valid percent-encoding with 401, not 500', async () => {
    const res = await send(host.url, 'POST', '/api/listReleases', { cookie: 'sg_session=%ff', 'content-type': 'application/json' }, '{}');
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it("tells an operator where the data lives, and a viewer nothing of it", async () => {
    const operator = await call(host, 'getInfo', {}, OPERATOR);
    expect(operator.body.dataDir).toBe(host.core.dataDir);
    const viewer = await send(host.url, 'POST', '/api/getInfo', { authorization: `Bearer ${VIEWER}`, 'content-type': 'application/json' }, '{}');
    expect(viewer.status).toBe(200);
    expect(JSON.parse(viewer.body)).toMatchObject({ role: 'viewer', dataDir: null });
    expect(viewer.body).not.toContain(host.core.dataDir);
  });
});
