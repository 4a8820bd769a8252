// The guard reads back at each look the state it wrote at the one before, and is served it without
// parsing again; what it reads must still be what is on disk, whatever happened to the row since.
import { afterEach, expect, it } from 'vitest';
import { openCore } from '../../electron/core/openCore.ts';
import { writeTransaction } from '../../electron/core/db/write.ts';
import { loadGuardState, saveGuardState } from '../../electron/core/repos/guardState.ts';
import { defaultPlan, emptyStageState, type GuardStageState, type ReleaseDetail } from '../../shared/index.ts';
import { dataFile } from '../support/dataFile.ts';
import { tempDir } from '../support/tmp.ts';

const START = Date.UTC(2026, 10, 20, 12);
const opened: Array<{ close(): void }> = [];
afterEach(() => opened.splice(0).forEach((c) => c.close()));

async function withRelease() {
  const dataDir = tempDir();
  const { core, db } = openCore({ dataDir, version: 't', now: () => START, demo: false, guard: false, background: false, log: () => {} });
  opened.push(core);
  const created = await core.invoke('createRelease', { name: 'api 1.0', app: 'api', version: '1.0', target: 'service', plan: defaultPlan('service') }, { actor: 'alice', role: 'operator' });
  if (!created.ok) throw new Error(created.error.message);
  return { dataDir, db, core, releaseId: (created.value as ReleaseDetail).release.id };
}

const lookedAt = (releaseId: string, looks: number): GuardStageState => ({ ...emptyStageState(releaseId, 0, START), looks, lastLookAt: START + looks * 60_000 });

it('reads the state on disk after a look whose transaction was rolled back, not the one it tried to write', async () => {
  const { db, releaseId } = await withRelease();
  saveGuardState(db, lookedAt(releaseId, 1), null, START);
  expect(() =>
    writeTransaction(db, () => {
      saveGuardState(db, lookedAt(releaseId, 2), null, START);
      throw new Error('the decision failed');
    }),
  ).toThrow('the decision failed');
  expect(loadGuardState(db, releaseId, 0)?.looks).toBe(1);
});

it('reads what another connection wrote to the row since the guard last saved it', async () => {
  const { dataDir, db, releaseId } = await withRelease();
  saveGuardState(db, lookedAt(releaseId, 3), null, START);
  dataFile(dataDir, { write: true })
    .prepare('UPDATE guard_state SET state = ? WHERE release_id = ? AND stage_index = 0')
    .run(JSON.stringify(lookedAt(releaseId, 7)), releaseId);
  expect(loadGuardState(db, releaseId, 0)?.looks).toBe(7);
});

it('serves the state it saved, and a change to what it served throws instead of reaching the next look', async () => {
  const { db, releaseId } = await withRelease();
  saveGuardState(db, lookedAt(releaseId, 4), null, START);
  const read = loadGuardState(db, releaseId, 0)!;
  expect(read.looks).toBe(4);
  expect(() => {
    read.gates['errors'] = {};
  }).toThrow(TypeError);
  expect(loadGuardState(db, releaseId, 0)?.gates).toEqual({});
});

it('keeps served states for the 64 releases written last only; an older one is read from disk again, unchanged', async () => {
  const { db, core, releaseId: oldest } = await withRelease();
  const others: string[] = [];
  for (let i = 0; i < 64; i += 1) {
    const created = await core.invoke('createRelease', { name: `api 1.${i + 1}`, app: 'api', version: `1.${i + 1}`, target: 'service', plan: defaultPlan('service') }, { actor: 'alice', role: 'operator' });
    if (!created.ok) throw new Error(created.error.message);
    others.push((created.value as ReleaseDetail).release.id);
  }
  saveGuardState(db, lookedAt(oldest, 5), null, START);
  const kept = others.slice(0, 63);
  for (const id of kept) saveGuardState(db, lookedAt(id, 1), null, START);
  // 64 releases written: the oldest is still served as written (frozen).
  expect(Object.isFrozen(loadGuardState(db, oldest, 0))).toBe(true);
  saveGuardState(db, lookedAt(others[63]!, 1), null, START);
  const reread = loadGuardState(db, oldest, 0)!;
  expect(Object.isFrozen(reread)).toBe(false);
  expect(reread.looks).toBe(5);
  expect(Object.isFrozen(loadGuardState(db, others[63]!, 0))).toBe(true);
});
