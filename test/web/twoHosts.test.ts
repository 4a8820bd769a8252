import Database from 'better-sqlite3';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { run } from '../../electron/cli/main.ts';
import { DB_FILE } from '../../electron/core/db/open.ts';
import { DEMO_MOBILE_ID, DEMO_SERVICE_ID } from '../../electron/core/demo/seed.ts';
import { verifyChain } from '../../electron/core/repos/eventLog.ts';
import { LoggedEvent, type LeaseInfo } from '../../shared/index.ts';
import { startHostProcess, type HostProcess } from '../support/hostProcess.ts';
import { tempDir } from '../support/tmp.ts';

const LOAD_MS = 30_000;
const CLIENTS = 8;
/** A bound on each client's loop, whatever the machine's speed. */
const MAX_ROUNDS = 20_000;
const DECISIONS = ['pause', 'resume', 'halt'] as const;
const RELEASES = [DEMO_SERVICE_ID, DEMO_MOBILE_ID];

interface Tally {
  requests: number;
  byStatus: Map<number, number>;
  /** Requests that got no HTTP answer at all (a host gone or resetting connections). */
  unanswered: string[];
  decisionsAccepted: number;
  /** Accepted decisions per host, by its URL. */
  decisionsVia: Map<string, number>;
  serverErrors: string[];
}

const reads = (releaseId: string): [string, unknown][] => [
  ['listReleases', {}],
  ['getGateStatus', { releaseId }],
  ['getMetricSeries', { releaseId, maxPoints: 200 }],
  ['listEvents', { limit: 50 }],
  ['listDecisions', { limit: 20 }],
  ['getInfo', {}],
];

async function request(host: HostProcess, tally: Tally, method: string, input: unknown): Promise<Record<string, unknown> | null> {
  tally.requests += 1;
  try {
    const { status, body } = await host.call(method, input);
    tally.byStatus.set(status, (tally.byStatus.get(status) ?? 0) + 1);
    if (status >= 500) tally.serverErrors.push(`${method} → ${status}: ${JSON.stringify(body)}`);
    return status === 200 ? body : null;
  } catch (error) {
    tally.unanswered.push(`${method}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/** One operator: reads a demo release, takes a decision its state allows, reads something else; until the deadline. */
async function operatorClient(host: HostProcess, index: number, until: number, tally: Tally): Promise<void> {
  for (let round = 0; round < MAX_ROUNDS && Date.now() < until; round += 1) {
    const releaseId = RELEASES[(index + round) % RELEASES.length]!;
    const detail = await request(host, tally, 'getRelease', { releaseId });
    const allowed = ((detail?.allowedActions as string[] | undefined) ?? []).filter((a): a is (typeof DECISIONS)[number] => (DECISIONS as readonly string[]).includes(a));
    const action = allowed[round % Math.max(allowed.length, 1)];
    if (action) {
      const decided = await request(host, tally, 'decide', { releaseId, action, reason: `load client ${index}, round ${round}` });
      if (decided) {
        tally.decisionsAccepted += 1;
        tally.decisionsVia.set(host.url, (tally.decisionsVia.get(host.url) ?? 0) + 1);
      }
    }
    const [method, input] = reads(releaseId)[round % 6]!;
    await request(host, tally, method, input);
  }
}

async function leaseOf(host: HostProcess): Promise<LeaseInfo> {
  const { status, body } = await host.call('getInfo', {});
  expect(status, JSON.stringify(body)).toBe(200);
  return body.lease as LeaseInfo;
}

function expectLogIntact(dataDir: string): Database.Database {
  const db = new Database(path.join(dataDir, DB_FILE), { readonly: true });
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(verifyChain(db)).toMatchObject({ ok: true });
  return db;
}

describe('two web hosts on one data folder', () => {
  const dataDir = tempDir();
  const crashDir = tempDir();

  it('answer eight concurrent operators for 30 s with no 5xx and no crash, and keep the log intact', async () => {
    // Started together on an empty folder, as a desktop app and a web host launched at once would be.
    const hosts = await Promise.all([startHostProcess(dataDir, ['--simulate-every', '200']), startHostProcess(dataDir, ['--simulate-every', '200'])]);
    const tally: Tally = { requests: 0, byStatus: new Map(), unanswered: [], decisionsAccepted: 0, decisionsVia: new Map(), serverErrors: [] };
    const until = Date.now() + LOAD_MS;
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => operatorClient(hosts[i % hosts.length]!, i, until, tally)));

    const summary = `${tally.requests} requests, by status ${JSON.stringify(Object.fromEntries(tally.byStatus))}, ${tally.decisionsAccepted} decisions accepted`;
    expect(tally.serverErrors.slice(0, 5), summary).toEqual([]);
    expect(tally.unanswered.slice(0, 5), summary).toEqual([]);
    for (const host of hosts) {
      expect(host.alive(), host.output()).toBe(true);
      expect((await fetch(`${host.url}/healthz`)).status).toBe(200);
      // Nor did a timer fail quietly on a lock: its log would say so.
      expect(host.output()).not.toMatch(/SQLITE_BUSY|database is locked/);
    }
    // Enough load to mean something: decisions through both hosts, interleaved on the same releases.
    for (const host of hosts) expect(tally.decisionsVia.get(host.url) ?? 0, summary).toBeGreaterThan(20);

    // One of them, the same for both, runs the guard and the simulator.
    const leases = await Promise.all(hosts.map(leaseOf));
    expect(leases.filter((l) => l.here)).toHaveLength(1);
    expect(leases[0]!.owner).toBe(leases[1]!.owner);

    const db = expectLogIntact(dataDir);
    try {
      // Every decision a client was told was taken is in the log, once.
      const recorded = (db.prepare("SELECT COUNT(*) AS n FROM decisions WHERE actor = 'operator'").get() as { n: number }).n;
      expect(recorded).toBe(tally.decisionsAccepted);
    } finally {
      db.close();
    }
  }, 60_000);

  it('hand the guard and the simulator to the other host within the lease when the owner is killed (kill -9)', async () => {
    const args = ['--simulate-every', '200', '--lease-ms', '1000'];
    const hosts = await Promise.all([startHostProcess(crashDir, args), startHostProcess(crashDir, args)]);
    const leases = await Promise.all(hosts.map(leaseOf));
    // Exactly one of them holds the lease: findIndex alone would pass with both holding it.
    expect(leases.filter((l) => l.here)).toHaveLength(1);
    const ownerIndex = leases.findIndex((l) => l.here);
    const owner = hosts[ownerIndex]!;
    const survivor = hosts[1 - ownerIndex]!;

    owner.child.kill('SIGKILL');
    expect(await owner.exited).toBe('SIGKILL');
    await vi.waitFor(async () => expect(await leaseOf(survivor)).toMatchObject({ here: true, owner: expect.stringContaining(`pid ${survivor.child.pid}`) }), { timeout: 10_000, interval: 100 });
    // The survivor's simulator now feeds the log: a release's newest sample moves on.
    const newest = async (): Promise<number> => {
      const { body } = await survivor.call('getMetricSeries', { releaseId: DEMO_SERVICE_ID, metrics: ['error_rate'], sinceMs: 0 });
      return (body as unknown as { points: { t: number }[] }[])[0]!.points.at(-1)?.t ?? 0;
    };
    const before = await newest();
    await vi.waitFor(async () => expect(await newest()).toBeGreaterThan(before), { timeout: 10_000, interval: 100 });
    expect(survivor.alive()).toBe(true);
    expectLogIntact(crashDir).close();
  }, 30_000);

  it('take a token the CLI makes beside a running host, refuse it (401) once the CLI revokes it, and keep the log intact', async () => {
    const dir = tempDir();
    const host = await startHostProcess(dir, ['--simulate-every', '200']);
    const cli = async (...argv: string[]): Promise<{ code: number; out: string[] }> => {
      const out: string[] = [];
      const code = await run([...argv, '--data-dir', dir], { out: (t) => out.push(t), err: (t) => out.push(t) });
      return { code, out };
    };
    const created = await cli('token', 'create', '--role', 'viewer', '--label', 'war room');
    expect(created.code, created.out.join('\n')).toBe(0);
    const id = /^Created viewer token (\S+) /.exec(created.out[0]!)![1]!;
    const token = created.out[1]!;
    const read = async (): Promise<number> =>
      (await fetch(`${host.url}/api/listReleases`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{}' })).status;
    expect(await read()).toBe(200);
    expect((await cli('token', 'revoke', id)).code).toBe(0);
    expect(await read()).toBe(401);

    const { body } = await host.call('listEvents', { query: 'token.' });
    const events = LoggedEvent.array().parse(body);
    expect(events.map((e) => [e.kind, e.actor])).toEqual([
      ['token.revoked', `cli:${os.userInfo().username}`],
      ['token.created', `cli:${os.userInfo().username}`],
    ]);
    expect((await host.call('verifyEventLog', {})).body).toMatchObject({ ok: true, brokenAt: null });
    expect(host.alive(), host.output()).toBe(true);
    expectLogIntact(dir).close();
  }, 30_000);
});
