// The request helper through the Prometheus client, against an echo that plays the proxy in front of a
// Prometheus: auth headers, TLS trust, and every kind of bad answer as one plain sentence without secrets.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyThrown, displayAddress, retryAfterMs, scrub } from '../../../electron/core/sources/httpErrors.ts';
import { PrometheusClient, type PrometheusAuth } from '../../../electron/core/sources/prometheus.ts';
import { SourceError } from '../../../electron/core/sources/types.ts';
import { makeTestPki, type TestPki } from '../../support/certs.ts';
import { startPrometheusEcho, type PrometheusEcho } from '../../support/fakes/prometheusEcho.ts';
import { tempDir } from '../../support/tmp.ts';

const TOKEN = 'tok-SECRET-7f3a9c';
const PASSWORD = 'pw-SECRET-41d2';
const window = { start: 1_700_000_000_000, end: 1_700_000_060_000, stepSeconds: 60 };

let echo: PrometheusEcho;
let pki: TestPki;
const servers: PrometheusEcho[] = [];

beforeAll(async () => {
  echo = await startPrometheusEcho();
  pki = makeTestPki(tempDir());
});
afterAll(async () => {
  await echo?.close();
  await Promise.all(servers.map((s) => s.close()));
});

const client = (auth: PrometheusAuth = { kind: 'none' }, extra: { baseUrl?: string; caPem?: string; timeoutMs?: number; maxBodyBytes?: number } = {}): PrometheusClient =>
  new PrometheusClient({ baseUrl: extra.baseUrl ?? echo.url, auth, caPem: extra.caPem, timeoutMs: extra.timeoutMs, maxBodyBytes: extra.maxBodyBytes });

async function rejection(p: Promise<unknown>): Promise<SourceError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SourceError);
  return err as SourceError;
}

const lastRequest = () => echo.requests.at(-1)!;

describe('auth headers', () => {
  it('sends a bearer token and posts the range as a form in float seconds', async () => {
    echo.reply = null;
    const series = await client({ kind: 'bearer', token: TOKEN }).queryRange('up', window, []);
    expect(series).toEqual([{ labels: { region: 'eu' }, points: [[1_700_000_000_000, 1]] }]);
    const req = lastRequest();
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/api/v1/query_range');
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req.body).toEqual({ query: 'up', start: '1700000000', end: '1700000060', step: '60' });
  });

  it('sends basic auth as base64 of user:password', async () => {
    echo.reply = null;
    await client({ kind: 'basic', username: 'reader', password: PASSWORD }).test(Date.now());
    expect(lastRequest().headers.authorization).toBe(`Basic ${Buffer.from(`reader:${PASSWORD}`).toString('base64')}`);
  });

  it('sends no authorization header without auth', async () => {
    echo.reply = null;
    await client().test(Date.now());
    expect(lastRequest().headers.authorization).toBeUndefined();
  });

  it('says which credentials to check on a 401, and never repeats the secret a proxy echoed', async () => {
    // A careless proxy that quotes the header it refused.
    echo.reply = (req, reply) => reply.code(401).send({ status: 'error', errorType: 'unauthorized', error: `bad credentials: ${String(req.headers.authorization)}` });
    const bearer = await rejection(client({ kind: 'bearer', token: TOKEN }).queryRange('up', window, []));
    expect(bearer.problem).toBe('unauthorized');
    expect(bearer.message).toContain('check the bearer token');
    const basic = await rejection(client({ kind: 'basic', username: 'reader', password: PASSWORD }).queryRange('up', window, []));
    expect(basic.message).toContain('check the user name and password');
    const none = await rejection(client().queryRange('up', window, []));
    expect(none.message).toContain('no credentials were sent');
    // A 400 quoting the header is the provider's own words: scrubbed too.
    echo.reply = (req, reply) => reply.code(400).send({ status: 'error', errorType: 'bad_data', error: `unexpected header ${String(req.headers.authorization)}` });
    const quoted = await rejection(client({ kind: 'bearer', token: TOKEN }).queryRange('up', window, []));
    expect(quoted.message).toBe('Prometheus refused the query (bad_data): unexpected header •••');
    for (const e of [bearer, basic, quoted]) {
      expect(e.message).not.toContain(TOKEN);
      expect(e.message).not.toContain(PASSWORD);
      expect(e.message).not.toContain(Buffer.from(`reader:${PASSWORD}`).toString('base64'));
    }
  });
});

describe('bad answers', () => {
  it('maps 403, 404, 5xx and 429 with their waits', async () => {
    echo.reply = (_req, reply) => reply.code(403).send('forbidden');
    expect((await rejection(client().queryRange('up', window, []))).problem).toBe('forbidden');
    echo.reply = (_req, reply) => reply.code(404).send('404 page not found');
    const notFound = await rejection(client().queryRange('up', window, []));
    expect(notFound.problem).toBe('not_found');
    expect(notFound.message).toContain('any path prefix');
    echo.reply = (_req, reply) => reply.code(502).send('<html>bad gateway</html>');
    const bad = await rejection(client().queryRange('up', window, []));
    expect([bad.problem, bad.status, bad.transient]).toEqual(['server_error', 502, true]);
    echo.reply = (_req, reply) => reply.code(429).header('retry-after', '7').send('slow down');
    const limited = await rejection(client().queryRange('up', window, []));
    expect([limited.problem, limited.retryAfterMs]).toEqual(['rate_limited', 7000]);
    echo.reply = (_req, reply) => reply.code(503).send({ status: 'error', errorType: 'timeout', error: 'query timed out in expression evaluation' });
    expect((await rejection(client().queryRange('up', window, []))).problem).toBe('timeout');
    echo.reply = (_req, reply) => reply.code(422).send({ status: 'error', errorType: 'execution', error: 'vector cannot contain metrics with the same labelset' });
    const exec = await rejection(client().queryRange('up', window, []));
    expect([exec.problem, exec.message]).toEqual(['bad_request', 'Prometheus could not run the query (execution): vector cannot contain metrics with the same labelset']);
  });

  it('refuses an answer that is not JSON, or not the API’s shape', async () => {
    echo.reply = (_req, reply) => reply.code(200).header('content-type', 'text/html').send('<html>login</html>');
    const html = await rejection(client().queryRange('up', window, []));
    expect([html.problem, html.message]).toEqual(['bad_response', `Prometheus at ${echo.url} answered 200 with something that is not JSON: is the address its API?`]);
    echo.reply = (_req, reply) => reply.send({ status: 'success', data: { resultType: 'vector', result: [] } });
    const shape = await rejection(client().queryRange('up', window, []));
    expect(shape.problem).toBe('bad_response');
    expect(shape.message).toContain('unexpected shape (at data.resultType)');
  });

  it('refuses an absurdly large body without reading it all', async () => {
    echo.reply = (_req, reply) => reply.send({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { pad: 'x'.repeat(4096) }, values: [] }] } });
    const err = await rejection(client({ kind: 'none' }, { maxBodyBytes: 1024 }).queryRange('up', window, []));
    expect(err.problem).toBe('bad_response');
    expect(err.message).toMatch(/answered more than .* MiB/);
  });

  it('bounds a body that declares no length as it streams in, and reads a long one that fits', async () => {
    const body = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { pad: 'x'.repeat(4096) }, values: [] }] } });
    // A stream has no content-length: sent chunked, so only counting the bytes as they come can stop it.
    echo.reply = (_req, reply) => reply.header('content-type', 'application/json').send(Readable.from([body.slice(0, 2000), body.slice(2000)]));
    const err = await rejection(client({ kind: 'none' }, { maxBodyBytes: 1024 }).queryRange('up', window, []));
    expect(err.problem).toBe('bad_response');
    expect(err.message).toMatch(/answered more than .* MiB/);
    const fits = await client({ kind: 'none' }, { maxBodyBytes: 1 << 20 }).queryRange('up', window, []);
    expect(fits).toHaveLength(1);
  });

  it('does not follow a redirect (it would carry the credentials elsewhere)', async () => {
    echo.reply = (_req, reply) => reply.code(302).header('location', 'http://127.0.0.2:1/elsewhere').send();
    const before = echo.requests.length;
    const err = await rejection(client({ kind: 'bearer', token: TOKEN }).queryRange('up', window, []));
    expect([err.problem, err.message]).toEqual(['bad_response', `Prometheus at ${echo.url} redirected to http://127.0.0.2:1/elsewhere: put the final address in the connection`]);
    expect(echo.requests.length).toBe(before + 1);
  });

  it('times out a request that gets no answer', async () => {
    let release: () => void = () => {};
    echo.reply = async (_req, reply) => {
      await new Promise<void>((r) => (release = r));
      return reply.send({});
    };
    const err = await rejection(client({ kind: 'none' }, { timeoutMs: 150 }).queryRange('up', window, []));
    release();
    expect([err.problem, err.transient]).toEqual(['timeout', true]);
    expect(err.message).toContain('did not answer within');
  });

  it('leaves a call the caller aborted as the caller’s abort, not a failure of the connection', async () => {
    let release: () => void = () => {};
    echo.reply = async (_req, reply) => {
      await new Promise<void>((r) => (release = r));
      return reply.send({});
    };
    const controller = new AbortController();
    const call = client().queryRange('up', window, [], controller.signal);
    setTimeout(() => controller.abort(new Error('poller stopped')), 30);
    await expect(call).rejects.toThrow('poller stopped');
    release();
  });

  it('refuses credentials written into the address', async () => {
    const err = await rejection(client({ kind: 'none' }, { baseUrl: echo.url.replace('http://', 'http://user:pw-in-url@') }).queryRange('up', window, []));
    expect(err.problem).toBe('bad_request');
    expect(err.message).not.toContain('pw-in-url');
  });
});

describe('TLS', () => {
  const https = async (pair: 'good' | 'wrongHost' | 'expired'): Promise<PrometheusEcho> => {
    const s = await startPrometheusEcho({ tls: pki[pair] });
    servers.push(s);
    return s;
  };

  it('trusts a private CA only when the connection carries it', async () => {
    const s = await https('good');
    const trusted = await client({ kind: 'none' }, { baseUrl: s.url, caPem: pki.caPem }).test(Date.now());
    expect(trusted).toMatchObject({ ok: true, detail: 'Prometheus 2.99.0-echo' });
    const untrusted = await rejection(client({ kind: 'none' }, { baseUrl: s.url }).queryRange('up', window, []));
    expect(untrusted.problem).toBe('tls');
    // The echo server presents its leaf alone, signed by the test CA: the check fails on the leaf's signature.
    expect(untrusted.message).toMatch(/certificate this machine does not trust \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\): add the CA that signed it to the connection$/);
  });

  it('says the certificate is for another host', async () => {
    const s = await https('wrongHost');
    const err = await rejection(client({ kind: 'none' }, { baseUrl: s.url, caPem: pki.caPem }).queryRange('up', window, []));
    expect(err.problem).toBe('tls');
    expect(err.message).toBe(`Prometheus at ${s.url} presented a certificate for another hostname (ERR_TLS_CERT_ALTNAME_INVALID): use the name the certificate was issued for`);
  });

  it('says the certificate has expired', async () => {
    const s = await https('expired');
    const err = await rejection(client({ kind: 'none' }, { baseUrl: s.url, caPem: pki.caPem }).queryRange('up', window, []));
    expect(err.problem).toBe('tls');
    expect(err.message).toBe(`Prometheus at ${s.url} presented an expired (or not yet valid) certificate (CERT_HAS_EXPIRED): renew it on the server, or check this machine’s clock`);
  });
});

describe('helpers', () => {
  const headers = (h: Record<string, string>) => new Headers(h);
  const now = 1_800_000_000_000;

  it('reads rate-limit waits from Retry-After, Datadog’s and Sentry’s reset headers', () => {
    expect(retryAfterMs(headers({ 'retry-after': '3' }), now)).toBe(3000);
    expect(retryAfterMs(headers({ 'retry-after': new Date(now + 5000).toUTCString() }), now)).toBe(5000);
    expect(retryAfterMs(headers({ 'x-ratelimit-reset': '12' }), now)).toBe(12_000);
    expect(retryAfterMs(headers({ 'x-sentry-rate-limit-reset': String(now / 1000 + 9) }), now)).toBe(9000);
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }), now)).toBeNull();
    expect(retryAfterMs(headers({}), now)).toBeNull();
  });

  it('classifies network failures by the code along the cause chain', () => {
    const where = { service: 'Prometheus', address: 'http://prom.internal:9090' };
    const failed = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error('inner'), { code }) });
    const seen = (code: string) => {
      const e = classifyThrown(failed(code), where, 15_000);
      return [e.problem, e.message];
    };
    expect(seen('ENOTFOUND')).toEqual(['unreachable', 'Prometheus at http://prom.internal:9090: the host name does not resolve; check the address and this machine’s DNS']);
    expect(seen('ECONNRESET')).toEqual(['unreachable', 'Prometheus at http://prom.internal:9090 closed the connection mid-request: is it restarting, or is a proxy in between?']);
    expect(seen('UND_ERR_CONNECT_TIMEOUT')[0]).toBe('unreachable');
    expect(seen('CERT_NOT_YET_VALID')[0]).toBe('tls');
    expect(seen('ERR_SSL_WRONG_VERSION_NUMBER')).toEqual(['tls', 'Prometheus at http://prom.internal:9090 failed the TLS handshake (ERR_SSL_WRONG_VERSION_NUMBER): does it speak HTTPS on that port, or plain http://?']);
    const timeout = classifyThrown(new DOMException('The operation was aborted due to timeout', 'TimeoutError'), where, 15_000);
    expect([timeout.problem, timeout.message]).toEqual(['timeout', 'Prometheus at http://prom.internal:9090 did not answer within 15 s: is it overloaded, or is the query too heavy?']);
  });

  it('shows addresses without user info and scrubs secrets in their encodings', () => {
    expect(displayAddress('https://u:p@prom.example:9443/prometheus/')).toBe('https://prom.example:9443/prometheus');
    expect(scrub(`a ${TOKEN} b ${encodeURIComponent('p@ss word')} c ${Buffer.from(TOKEN).toString('base64')}`, [TOKEN, 'p@ss word'])).toBe('a ••• b ••• c •••');
  });
});
