import type { Page } from '@playwright/test';
import { expect, test } from './fixture.ts';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fakePrometheus } from '../support/fakePrometheus.ts';

// Issue 9, item 3: a secret planted through the contract is found nowhere it must not be.
const MARKER = `sgmarker-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
const TOKEN = 'marker-test-operator-token';
const NAME = 'Marker Prometheus';

/** The marker as a leak could spell it: as is, UTF-16 (SQLite can store text so), base64, URL-encoded. */
const spellings = [Buffer.from(MARKER, 'utf16le'), ...[...new Set([MARKER, Buffer.from(MARKER).toString('base64'), encodeURIComponent(MARKER)])].map((s) => Buffer.from(s))];

function countIn(bytes: Buffer, needles: readonly Buffer[] = spellings): number {
  let n = 0;
  for (const needle of needles) for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) n += 1;
  return n;
}

/** Every file under a folder, each counted by name. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Records every answer body and every server-sent event the page receives. */
async function recordTraffic(page: Page) {
  const bodies: string[] = [];
  const frames: string[] = [];
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.eventSourceMessageReceived', (e) => frames.push(e.data));
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    if ((response.headers()['content-type'] ?? '').includes('text/event-stream')) return;
    pending.push(response.body().then((b) => void bodies.push(b.toString('utf8')), () => undefined));
  });
  return { bodies, frames, settled: () => Promise.all(pending) };
}

test('a marker bearer token planted through the contract is in no database file, log, answer or renderer traffic', async ({ browser }) => {
  test.setTimeout(90_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagegate-marker-'));
  const prom = await fakePrometheus(MARKER);
  const host = spawn(process.execPath, ['test/support/clientHost.ts', '--port', '0', '--data-dir', dataDir, '--simulate-every', '500'], {
    env: { ...process.env, STAGEGATE_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  host.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
  host.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
  const exited = new Promise<void>((resolve) => host.once('exit', () => resolve()));
  try {
    await expect.poll(() => /Open (http:\/\/[^/\s]+)\//.exec(output)?.[1], { timeout: 20_000 }).toBeTruthy();
    const url = /Open (http:\/\/[^/\s]+)\//.exec(output)![1]!;
    const answers: string[] = [];
    const call = async (method: string, input: unknown) => {
      const res = await fetch(`${url}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(input) });
      const text = await res.text();
      answers.push(text);
      return JSON.parse(text) as Record<string, unknown>;
    };

    const saved = await call('saveConnection', { name: NAME, config: { kind: 'prometheus', baseUrl: prom.url, auth: 'bearer' }, secrets: { token: MARKER } });
    const id = saved.id as string;
    expect(saved.secrets).toEqual([{ field: 'token', set: true, last4: MARKER.slice(-4) }]);
    expect(await call('testConnection', { id })).toMatchObject({ ok: true });
    expect(await call('testConnection', { config: { kind: 'prometheus', baseUrl: prom.url, auth: 'bearer' }, secrets: { token: MARKER } })).toMatchObject({ ok: true });
    expect(await call('testConnection', { id, secrets: { token: `${MARKER}x` } })).toMatchObject({ ok: false, problem: 'unauthorized' });
    const renamed = await call('saveConnection', { id, expectedVersion: 1, name: NAME, config: { kind: 'prometheus', baseUrl: prom.url, auth: 'bearer' }, secrets: {} });
    expect(renamed.version).toBe(1);
    for (const [method, input] of [
      ['getInfo', {}],
      ['listReleases', {}],
      ['listConnections', {}],
      ['getRelease', { releaseId: 'demo-checkout-api-2026-11' }],
      ['listDecisions', {}],
      ['getTimeline', { releaseId: 'demo-checkout-api-2026-11' }],
      ['listEvents', { limit: 1000 }],
      ['listEvents', { query: MARKER }],
      ['verifyEventLog', {}],
      ['removeConnection', { id, expectedVersion: 7 }],
    ] as const) {
      await call(method, input);
    }
    expect(prom.authorized()).toBe(2);

    // The renderer: the Connections page, a test from the row and from the form, then pushes on the releases list.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const traffic = await recordTraffic(page);
    await page.goto(`${url}/?token=${TOKEN}#/settings/connections`);
    const row = page.getByTestId(`connection-row-${id}`);
    await expect(row).toContainText(`Bearer token: set · …${MARKER.slice(-4)}`);
    await row.getByRole('button', { name: `Test ${NAME}` }).click();
    await expect(row.getByTestId('last-test')).toContainText('Connected');
    await row.getByRole('button', { name: `Edit ${NAME}` }).click();
    const form = page.getByTestId('edit-connection-form');
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect(form.getByTestId('test-result')).toContainText('Connected');
    await expect(form.getByTestId('test-result')).toContainText('the proxy saw Bearer [secret]');
    await page.keyboard.press('Escape');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Releases' }).click();
    await expect.poll(() => traffic.frames.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Event log' }).click();
    await expect(page.getByTestId('event-table')).toContainText('connection.saved');
    expect(prom.authorized()).toBe(4);
    await traffic.settled();

    // The WAL and its index, as they are while the host runs (closing checkpoints and deletes them).
    const live = ['stagegate.sqlite-wal', 'stagegate.sqlite-shm'].map((f) => path.join(dataDir, f)).filter((f) => fs.existsSync(f)).map((f) => ({ f, bytes: fs.readFileSync(f) }));
    expect(live.map((l) => path.basename(l.f))).toEqual(['stagegate.sqlite-wal', 'stagegate.sqlite-shm']);
    await context.close();
    host.kill('SIGTERM');
    await exited;

    const files = filesUnder(dataDir);
    expect(files.map((f) => path.basename(f))).toEqual(expect.arrayContaining(['stagegate.sqlite', 'secret.key']));
    const found: Record<string, number> = {
      ...Object.fromEntries(files.map((f) => [f, countIn(fs.readFileSync(f))])),
      ...Object.fromEntries(live.map((l) => [`${l.f} (while running)`, countIn(l.bytes)])),
      'host output': countIn(Buffer.from(output)),
      'contract answers': countIn(Buffer.from(answers.join('\n'))),
      'renderer answers': countIn(Buffer.from(traffic.bodies.join('\n'))),
      'renderer server-sent events': countIn(Buffer.from(traffic.frames.join('\n'))),
    };
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, 0])));

    // The search can find: what was put in plain on purpose is found in each place searched.
    const db = fs.readFileSync(path.join(dataDir, 'stagegate.sqlite'));
    expect(countIn(db, [Buffer.from(NAME)])).toBeGreaterThan(0);
    expect(countIn(db, [Buffer.from('connection.secret_set')])).toBeGreaterThan(0);
    expect(countIn(Buffer.from(output), [Buffer.from('Open http://')])).toBe(1);
    expect(countIn(Buffer.from(traffic.bodies.join('\n')), [Buffer.from(NAME)])).toBeGreaterThan(0);
    expect(countIn(Buffer.from(traffic.frames.join('\n')), [Buffer.from('"type"')])).toBeGreaterThan(0);
    const scratch = path.join(dataDir, 'scratch.txt');
    fs.writeFileSync(scratch, `planted on purpose: ${MARKER}\n`);
    expect(countIn(fs.readFileSync(scratch))).toBe(1);
    expect(countIn(Buffer.from(`Authorization: Basic ${Buffer.from(MARKER).toString('base64')}`))).toBe(1);
    expect(countIn(Buffer.from(MARKER, 'utf16le'))).toBe(1);
  } finally {
    if (host.exitCode === null && host.signalCode === null) host.kill('SIGTERM');
    await exited;
    await prom.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
