import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorCode } from '../../shared/index.ts';
import { tempDir } from '../support/tmp.ts';
import { OPERATOR, testHost } from '../support/webHost.ts';

/** Exactly the typed error envelope, nothing of Fastify's own `{ statusCode, error, message }`. */
const TypedError = z.object({ error: z.object({ code: ErrorCode, message: z.string().min(1) }).strict() }).strict();

/** Traversal and malformed encodings, sent as raw bytes: fetch would resolve the dot segments itself. */
const PROBES = [
  '/../../etc/passwd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/..%2f..%2fetc/passwd',
  '/static/..%5c..%5cetc/passwd',
  '/%252e%252e/%252e%252e/etc/passwd',
  '/..%252f..%252fetc%252fpasswd',
  '/assets/../../../etc/passwd',
  '/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  '/assets/..%2f..%2f..%2fetc/passwd',
  '/..\\..\\etc\\passwd',
  '/%5c..%5c..%5cetc%5cpasswd',
  '/.%2e/.%2e/etc/passwd',
  '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '/....//....//etc/passwd',
  '/index.html/..%2f..%2fetc/passwd',
  '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
  '/%ff',
  '/%00',
  '/assets/%00',
  '/assets/app.js%00.html',
  '/api/%ff',
  '/api/%c0%ae',
  '/api/../../etc/passwd',
  '/api/%2e%2e/%2e%2e/etc/passwd',
  '/etc/passwd',
];

interface Raw {
  status: number;
  type: string;
  body: string;
}

function send(base: string, method: string, target: string, headers: Record<string, string>): Promise<Raw> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: target, headers: { host: url.host, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
    });
    req.on('error', reject);
    if (method === 'POST') req.end('{}');
    else req.end();
  });
}

function staticRoot(): string {
  const root = path.join(tempDir(), 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Stagegate</title><div id="root"></div>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log("app");');
  return root;
}

describe('bad paths, probed over raw HTTP', async () => {
  const host = await testHost({ staticDir: staticRoot() });
  const auth = { authorization: `Bearer ${OPERATOR}` };

  it('probes at least 22 paths', () => {
    expect(PROBES.length).toBeGreaterThanOrEqual(22);
  });

  const cases = PROBES.flatMap((target) =>
    (['GET', 'POST'] as const).flatMap((method) => [
      { target, method, token: true },
      { target, method, token: false },
    ]),
  );

  it.each(cases)('$method $target (token: $token) answers 4xx with the typed error shape', async ({ target, method, token }) => {
    const headers: Record<string, string> = { ...(token ? auth : {}), ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) };
    const res = await send(host.url, method, target, headers);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.type).toMatch(/^application\/json/);
    expect(TypedError.safeParse(JSON.parse(res.body)).success, res.body).toBe(true);
    expect(res.body).not.toMatch(/root:/);
  });

  it('answers a malformed percent-encoding with 400 invalid_input, token or not', async () => {
    for (const headers of [auth, {}]) {
      const res = await send(host.url, 'POST', '/api/%ff', { ...headers, 'content-type': 'application/json' });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toEqual({ error: { code: 'invalid_input', message: expect.stringMatching(/address/i) } });
    }
  });

  it('answers an unknown path with a token with 404 not_found, and without one with 401 unauthorized', async () => {
    expect(JSON.parse((await send(host.url, 'GET', '/etc/passwd', auth)).body)).toMatchObject({ error: { code: 'not_found' } });
    expect((await send(host.url, 'GET', '/etc/passwd', auth)).status).toBe(404);
    const anonymous = await send(host.url, 'GET', '/etc/passwd', {});
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.body)).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('still serves the app shell and its files to a signed-in browser, and the sign-in page to one without a token', async () => {
    const shell = await send(host.url, 'GET', '/', auth);
    expect(shell.status).toBe(200);
    expect(shell.type).toMatch(/^text\/html/);
    expect(shell.body).toContain('<div id="root">');
    const script = await send(host.url, 'GET', '/assets/app.js', auth);
    expect(script.status).toBe(200);
    expect(script.body).toBe('console.log("app");');
    const signIn = await send(host.url, 'GET', '/', { accept: 'text/html,application/xhtml+xml' });
    expect(signIn.status).toBe(401);
    expect(signIn.type).toMatch(/^text\/html/);
    expect(signIn.body).toMatch(/needs a token/);
  });

  it('answers a request HTTP cannot parse with the typed error shape', async () => {
    const url = new URL(host.url);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(url.port), url.hostname, () => socket.end('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n'));
      let data = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (data += chunk));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    const body = reply.slice(reply.indexOf('\r\n\r\n') + 4);
    expect(JSON.parse(body)).toEqual({ error: { code: 'invalid_input', message: expect.any(String) } });
  });
});
