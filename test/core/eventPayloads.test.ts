// The event log's payloads are typed by kind: written through appendEvent's union, read back through
// the kind's schema (or the reader of the version that wrote it), and a row this build does not
// know is still listed. Old logs (real rows, test/fixtures/events-v1.json) keep their hash chain.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../electron/core/db/open.ts';
import { appendEvent, listEvents, readEvent, verifyChain, type StoredEvent } from '../../electron/core/repos/eventLog.ts';
import { releaseTimeline } from '../../electron/core/rollout/timeline.ts';
import { EVENT_KINDS, PAYLOAD_VERSIONS, type EventKind, type LoggedEvent } from '../../shared/index.ts';
import { operatorCore } from '../support/core.ts';
import { coreWithEveryWriter } from '../support/everyEvent.ts';

interface StoredRow extends StoredEvent {
  prev_hash: string;
}
const fixture = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/events-v1.json'), 'utf8')) as { logs: Record<'c2db956' | '2a2957a', StoredRow[]> };

const rowsOf = (db: Db): StoredRow[] => db.prepare('SELECT * FROM events ORDER BY seq').all() as StoredRow[];

/** Puts an old build's rows into an empty log verbatim, with its recorded head, as that build left the file. */
function restore(db: Db, rows: readonly StoredRow[]): void {
  const insert = db.prepare('INSERT INTO events (seq, at, kind, subject, actor, payload, prev_hash, hash) VALUES (@seq, @at, @kind, @subject, @actor, @payload, @prev_hash, @hash)');
  for (const row of rows) insert.run(row);
  const last = rows.at(-1)!;
  db.prepare("INSERT INTO meta (key, value) VALUES ('event_head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify({ seq: last.seq, hash: last.hash }));
}

/** The payload of a readable event of that kind, or the test fails. */
function payloadOf(events: readonly LoggedEvent[], seq: number, kind: EventKind): unknown {
  const e = events.find((x) => x.seq === seq);
  if (!e?.known || e.kind !== kind) throw new Error(`event ${seq} is not a readable ${kind}: ${JSON.stringify(e)}`);
  return e.payload;
}

describe('every kind of event, written through its writer and read back', () => {
  it('the writers write every kind of the union, each at its payload version, and read back exactly as stored', async () => {
    const { core, db } = await coreWithEveryWriter();
    const rows = rowsOf(db);
    const written = [...new Set(rows.map((r) => r.kind))].sort();
    expect(written).toEqual([...EVENT_KINDS].sort());
    for (const row of rows) {
      const read = readEvent(row);
      expect(read, `event ${row.seq} (${row.kind})`).toMatchObject({ known: true, kind: row.kind });
      expect(read.payload, `event ${row.seq} (${row.kind})`).toEqual(JSON.parse(row.payload));
      expect(read.payload.v).toBe(PAYLOAD_VERSIONS[row.kind as keyof typeof PAYLOAD_VERSIONS]);
    }
    expect(verifyChain(db).ok).toBe(true);
    core.close();
  });

  it('writes and reads the token kinds: which token, for whom, never the token', () => {
    const { core, db } = operatorCore();
    const created = appendEvent(db, { kind: 'token.created', subject: 't-1', actor: 'alice', at: 1, payload: { tokenId: 't-1', role: 'viewer', label: 'war room' } });
    const revoked = appendEvent(db, { kind: 'token.revoked', subject: 't-1', actor: 'alice', at: 2, payload: { tokenId: 't-1', role: 'viewer', label: 'war room' } });
    expect(listEvents(db, { limit: 10 })).toEqual([revoked, created]);
    expect(created.payload).toEqual({ v: 1, tokenId: 't-1', role: 'viewer', label: 'war room' });
    core.close();
  });
});

describe('a payload that does not fit its kind', () => {
  it('does not compile, and is refused when written anyway, with nothing written', () => {
    const { core, db } = operatorCore();
    const before = rowsOf(db).length;
    expect(() =>
      appendEvent(db, {
        kind: 'flag.state_changed',
        subject: 'checkout.one-tap',
        actor: 'alice',
        at: 1,
        // @ts-expect-error: 'prod' is no environment, and `to` is missing
        payload: { environment: 'prod', from: { mode: 'off', pct: 0 }, reason: 'ramp', linkedReleases: [] },
      }),
    ).toThrow(/environment|to/);
    expect(() =>
      appendEvent(db, {
        kind: 'token.created',
        subject: 't-1',
        actor: 'alice',
        at: 1,
        // @ts-expect-error: a token event never carries the token
        payload: { tokenId: 't-1', role: 'operator', label: 'ci', token: 'sg_secret' },
      }),
    ).toThrow(/token/);
    expect(rowsOf(db)).toHaveLength(before);
    expect(verifyChain(db).ok).toBe(true);
    core.close();
  });
});

describe('an event log written by older builds (payloads without a version)', () => {
  it('keeps its hash chain: the stored payloads are read, never rewritten, and new events link on', () => {
    const { core, db } = operatorCore();
    restore(db, fixture.logs.c2db956);
    const stored = rowsOf(db).map((r) => r.payload);
    expect(verifyChain(db)).toEqual({ ok: true, checked: 32, brokenAt: null, problem: null });
    listEvents(db, { limit: 100 });
    appendEvent(db, { kind: 'simulator.faults_cleared', subject: 'api-1.0', actor: 'alice', at: 2e12, payload: { count: 0 } });
    expect(rowsOf(db).slice(0, 32).map((r) => r.payload)).toEqual(stored);
    expect(verifyChain(db)).toMatchObject({ ok: true, checked: 33 });
    core.close();
  });

  it('reads every row of the last unversioned build as its kind, upgraded: what a row did not say is null', () => {
    const { core, db } = operatorCore();
    restore(db, fixture.logs.c2db956);
    const events = listEvents(db, { limit: 100 });
    expect(events.filter((e) => !e.known).map((e) => e.seq)).toEqual([]);
    // The demo seed's release and flag, which said less than the handlers did.
    expect(payloadOf(events, 2, 'release.created')).toEqual({ v: 2, name: 'Shopper for Android 4.2.0', target: 'play', plan: 'Google Play staged rollout', trainId: null, trainRun: null, source: null, connectionId: null, demo: true });
    expect(payloadOf(events, 4, 'flag.created')).toEqual({ v: 2, description: 'New payment sheet on Android', owner: null, type: null, expiry: null, cleanup: null, linkedReleases: null, version: 1 });
    expect(payloadOf(events, 11, 'decision.recorded')).toMatchObject({ action: 'resume', exposurePct: 2.5, exposureFrom: 5, override: null, preflight: null });
    expect(payloadOf(events, 13, 'decision.recorded')).toMatchObject({ preflight: { outcome: 'fail', monitor: null, overridden: ['monitor'], overrideReason: 'on-call is Dana, named in the channel' } });
    expect(payloadOf(events, 21, 'flag.updated')).toMatchObject({ from: { description: 'One-tap checkout' }, version: 2 });
    expect(payloadOf(events, 24, 'train.updated')).toEqual({ v: 2, name: 'Web weekly', cadenceDays: 7, target: 'service', changed: ['rotation'], version: 2, droppedChecks: 0 });
    expect(payloadOf(events, 29, 'connection.saved')).toMatchObject({ created: false, version: 2, changed: ['auth', 'secrets.token'] });
    expect(payloadOf(events, 30, 'connection.secret_cleared')).toEqual({ v: 2, field: 'token', version: 2, reason: 'not used by this configuration' });
    core.close();
  });

  it('reads the first rollout build’s rows too: no plan, no edit versions, no stage name', () => {
    const { core, db } = operatorCore();
    restore(db, fixture.logs['2a2957a']);
    const events = listEvents(db, { limit: 100 });
    expect(verifyChain(db).ok).toBe(true);
    expect(events.filter((e) => !e.known).map((e) => e.seq)).toEqual([]);
    expect(payloadOf(events, 2, 'release.created')).toMatchObject({ plan: null, demo: true });
    expect(payloadOf(events, 12, 'flag.updated')).toMatchObject({ description: 'One-tap checkout for returning buyers', owner: 'payments', from: null, version: null });
    expect(payloadOf(events, 13, 'train.created')).toMatchObject({ version: 1 });
    expect(payloadOf(events, 14, 'train.updated')).toMatchObject({ changed: null, version: null });
    expect(payloadOf(events, 15, 'approval.requested')).toEqual({ v: 2, stageIndex: 1, stage: null, why: 'manual stage: waiting for a person to promote' });
    core.close();
  });
});

describe('an event this build cannot read', () => {
  it('is listed as stored, through the contract, and left off the timeline, when a newer build wrote an unknown kind or a newer payload version', async () => {
    const { core, db } = operatorCore();
    restore(db, fixture.logs.c2db956);
    const insert = db.prepare("INSERT INTO events (seq, at, kind, subject, actor, payload, prev_hash, hash) VALUES (?, ?, ?, 'api-1.0', 'alice', ?, 'x', 'y')");
    insert.run(33, 2e12, 'connection.key_rotated', JSON.stringify({ v: 1, connectionId: 'prod' }));
    insert.run(34, 2e12 + 1, 'decision.recorded', JSON.stringify({ v: 3, decisionId: 'd9', verdict: 'pass', why: 'a newer shape' }));
    insert.run(35, 2e12 + 2, 'plan.updated', 'not json');
    const listed = await core.invoke('listEvents', { limit: 3 }, { actor: 'alice', role: 'operator' });
    expect(listed.ok).toBe(true);
    const unread = (listed.ok ? (listed.value as LoggedEvent[]) : []).map((e) => ({ seq: e.seq, known: e.known, kind: e.kind, payload: e.payload }));
    expect(unread).toEqual([
      { seq: 35, known: false, kind: 'plan.updated', payload: { stored: 'not json' } },
      { seq: 34, known: false, kind: 'decision.recorded', payload: { v: 3, decisionId: 'd9', verdict: 'pass', why: 'a newer shape' } },
      { seq: 33, known: false, kind: 'connection.key_rotated', payload: { v: 1, connectionId: 'prod' } },
    ]);
    const timeline = releaseTimeline(db, 'api-1.0', 100);
    expect(timeline.map((e) => e.kind)).toContain('decision.recorded');
    expect(timeline.filter((e) => e.at >= 2e12)).toEqual([]);
    core.close();
  });
});
