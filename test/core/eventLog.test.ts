import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core.ts';
import { DB_FILE } from '../../electron/core/db/open.ts';
import { tempDir } from '../support/tmp.ts';
import { dataFile } from '../support/dataFile.ts';

const operator = { actor: 'alice', role: 'operator' as const };

/** The demo's seed events, then three decisions on the service canary: seq SEEDED+1 … SEEDED+3. */
let SEEDED = 0;
async function populatedLog(): Promise<string> {
  const dir = tempDir();
  const core = createCore({ dataDir: dir, version: 't', demo: true });
  SEEDED = (dataFile(core.dataDir).prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
  for (const action of ['pause', 'resume', 'pause'] as const) {
    const r = await core.invoke('decide', { releaseId: 'demo-checkout-api-2026-11', action, reason: `testing ${action}` }, operator);
    expect(r.ok).toBe(true);
  }
  expect(core.chainAtOpen.ok).toBe(true);
  core.close();
  return dir;
}

/** What someone with the file and sqlite3 could do: drop the guard triggers, then change rows. */
function tamper(dir: string, sql: string): void {
  const raw = new Database(path.join(dir, DB_FILE));
  raw.exec('DROP TRIGGER events_append_only_u; DROP TRIGGER events_append_only_d;');
  raw.exec(sql);
  raw.close();
}

describe('the hash-chained event log', () => {
  it('verifies intact after changes made through the core', async () => {
    const core = createCore({ dataDir: await populatedLog(), version: 't' });
    const report = await core.invoke('verifyEventLog', {}, operator);
    expect(report).toEqual({ ok: true, value: { ok: true, checked: SEEDED + 3, brokenAt: null, problem: null } });
    core.close();
  });

  it('refuses an UPDATE or DELETE through SQL while its triggers stand', async () => {
    const raw = new Database(path.join(await populatedLog(), DB_FILE));
    expect(() => raw.exec("UPDATE events SET actor = 'mallory' WHERE seq = 1")).toThrow(/append-only/);
    expect(() => raw.exec('DELETE FROM events WHERE seq = 1')).toThrow(/append-only/);
    raw.close();
  });

  it('catches an edited event when the log is opened, naming the event', async () => {
    const dir = await populatedLog();
    const resume = SEEDED + 2;
    tamper(dir, `UPDATE events SET payload = replace(payload, 'testing resume', 'nothing to see') WHERE seq = ${resume}`);
    const core = createCore({ dataDir: dir, version: 't', log: () => {} });
    expect(core.chainAtOpen).toMatchObject({ ok: false, brokenAt: resume });
    expect(core.chainAtOpen.problem).toMatch(new RegExp(`event ${resume} was altered`));
    const info = await core.invoke('getInfo', {}, operator);
    expect(info.ok && (info.value as { eventLog: { ok: boolean } }).eventLog.ok).toBe(false);
    core.close();
  });

  it('catches a deleted event in the middle and a removed tail', async () => {
    const middle = await populatedLog();
    tamper(middle, 'DELETE FROM events WHERE seq = 2');
    const a = createCore({ dataDir: middle, version: 't', log: () => {} });
    expect(a.chainAtOpen).toMatchObject({ ok: false, brokenAt: 2 });
    a.close();

    const tail = await populatedLog();
    tamper(tail, `DELETE FROM events WHERE seq = ${SEEDED + 3}`);
    const b = createCore({ dataDir: tail, version: 't', log: () => {} });
    expect(b.chainAtOpen.ok).toBe(false);
    expect(b.chainAtOpen.problem).toMatch(/tail was removed/);
    b.close();
  });

  it('checks only new events after the first walk, and still catches an event edited after it was verified elsewhere', async () => {
    const dir = await populatedLog();
    const core = createCore({ dataDir: dir, version: 't' });
    const info = async () => (await core.invoke('getInfo', {}, operator)) as { ok: true; value: { eventLog: { ok: boolean; checked: number; brokenAt: number | null } } };
    expect((await info()).value.eventLog).toMatchObject({ ok: true, checked: SEEDED + 3 });
    await core.invoke('decide', { releaseId: 'demo-checkout-api-2026-11', action: 'resume', reason: 'testing again' }, operator);
    expect((await info()).value.eventLog).toMatchObject({ ok: true, checked: SEEDED + 4 });
    // Another process rewrites the newest verified event: the next check from the verified prefix sees it.
    tamper(dir, `UPDATE events SET hash = 'x' WHERE seq = ${SEEDED + 4}`);
    expect((await info()).value.eventLog).toMatchObject({ ok: false, brokenAt: SEEDED + 4 });
    core.close();
  });

  it('“Verify again” walks the whole chain: an edit deep in an already verified log shows at once, not at the next open', async () => {
    const dir = await populatedLog();
    const core = createCore({ dataDir: dir, version: 't' });
    tamper(dir, `UPDATE events SET payload = replace(payload, 'testing resume', 'nothing to see') WHERE seq = ${SEEDED + 2}`);
    // The cheap check behind every getInfo starts after the verified prefix, so it cannot see this edit…
    const info = (await core.invoke('getInfo', {}, operator)) as { ok: true; value: { eventLog: { ok: boolean } } };
    expect(info.value.eventLog.ok).toBe(true);
    // …the check a person asks for does.
    expect(await core.invoke('verifyEventLog', {}, operator)).toMatchObject({ ok: true, value: { ok: false, brokenAt: SEEDED + 2 } });
    core.close();
  });

  it('finds events by text and pages backwards by sequence', async () => {
    const core = createCore({ dataDir: await populatedLog(), version: 't' });
    const found = await core.invoke('listEvents', { query: 'testing resume' }, operator);
    expect(found.ok && (found.value as { seq: number }[]).map((e) => e.seq)).toEqual([SEEDED + 2]);
    const page = await core.invoke('listEvents', { limit: 2, beforeSeq: SEEDED + 3 }, operator);
    expect(page.ok && (page.value as { seq: number }[]).map((e) => e.seq)).toEqual([SEEDED + 2, SEEDED + 1]);
    core.close();
  });
});
