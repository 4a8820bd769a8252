import { DEFAULT_JUDGE_OPTIONS, JudgeOptions, type GuardStageState } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { statement } from '../db/statements.ts';
import { guardStateText, readGuardStateText } from './guardStateText.ts';

/**
 * The state last written per stage, beside its text. The guard reads back at each look what it wrote
 * at the one before, and parsing and validating tens of kilobytes of JSON was a fifth of a backtest's
 * time. A read is served from here only when the stored text is that very text, so a rolled-back
 * transaction, another writer or a restart still reads what is on disk. Frozen: the guard folds into
 * copies, and a stray write to a served state would throw rather than change what the next look sees.
 * One entry per release (its stage in force), for the releases written most recently: a host that
 * stays up for months keeps tens of them, not every stage it ever judged.
 */
const written = new WeakMap<Db, Map<string, { stageIndex: number; text: string; state: GuardStageState }>>();
const KEPT_RELEASES = 64;

/**
 * Databases thrown away after one run (a backtest's scratch file), whose states and last looks are
 * kept here instead of in their rows: writing the whole state at every look was a quarter of a
 * backtest's time, for a file no one reads again. The text is exact (float64 in base64), so what a
 * look reads back is the same either way.
 */
const inMemory = new WeakMap<Db, Map<string, { state: GuardStageState; lastLook: unknown }>>();
const stageKey = (releaseId: string, stageIndex: number): string => `${releaseId}\u0000${stageIndex}`;

/** From now on this database's guard states and last looks live in memory only. */
export function keepGuardStatesInMemory(db: Db): void {
  if (!inMemory.has(db)) inMemory.set(db, new Map());
}

function freezeState(state: GuardStageState): GuardStageState {
  for (const tests of Object.values(state.gates)) {
    for (const test of Object.values(tests)) {
      const ep = test.eprocess;
      for (const c of ep.fail) {
        if (c.logLR) Object.freeze(c.logLR);
        Object.freeze(c.effect);
        Object.freeze(c);
      }
      Object.freeze(ep.fail);
      Object.freeze(ep.pass);
      Object.freeze(ep);
      Object.freeze(test.sums);
      Object.freeze(test);
    }
    Object.freeze(tests);
  }
  Object.freeze(state.gates);
  return Object.freeze(state);
}

/** The stage's sequential state (the guard's looks read it; readers of the outcome use loadLastLook). */
export function loadGuardState(db: Db, releaseId: string, stageIndex: number): GuardStageState | null {
  const kept = inMemory.get(db);
  if (kept) return kept.get(stageKey(releaseId, stageIndex))?.state ?? null;
  const row = statement(db, 'SELECT state FROM guard_state WHERE release_id = ? AND stage_index = ?').get(releaseId, stageIndex) as { state: string } | undefined;
  if (!row) return null;
  const last = written.get(db)?.get(releaseId);
  return last && last.stageIndex === stageIndex && last.text === row.state ? last.state : readGuardStateText(row.state);
}

/** The last look's status alone (what readers serve), without parsing the e-processes. */
export function loadLastLook(db: Db, releaseId: string, stageIndex: number): unknown {
  const kept = inMemory.get(db);
  if (kept) return kept.get(stageKey(releaseId, stageIndex))?.lastLook ?? null;
  const row = statement(db, 'SELECT last_look FROM guard_state WHERE release_id = ? AND stage_index = ?').get(releaseId, stageIndex) as { last_look: string | null } | undefined;
  return row?.last_look ? JSON.parse(row.last_look) : null;
}

export function saveGuardState(db: Db, state: GuardStageState, lastLook: unknown, at: number): void {
  const kept = inMemory.get(db);
  if (kept) {
    kept.set(stageKey(state.releaseId, state.stageIndex), { state: freezeState(state), lastLook });
    return;
  }
  const text = guardStateText(state);
  statement(db,
    `INSERT INTO guard_state (release_id, stage_index, state, last_look, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (release_id, stage_index) DO UPDATE SET state = excluded.state, last_look = excluded.last_look, updated_at = excluded.updated_at`,
  ).run(state.releaseId, state.stageIndex, text, JSON.stringify(lastLook), at);
  let byRelease = written.get(db);
  if (!byRelease) written.set(db, (byRelease = new Map()));
  byRelease.delete(state.releaseId);
  byRelease.set(state.releaseId, { stageIndex: state.stageIndex, text, state: freezeState(state) });
  if (byRelease.size > KEPT_RELEASES) byRelease.delete(byRelease.keys().next().value!);
}

/** Drops a stage's evidence (the stage started again, e.g. a forced restart in a backtest). */
export function clearGuardState(db: Db, releaseId: string, stageIndex: number): void {
  inMemory.get(db)?.delete(stageKey(releaseId, stageIndex));
  statement(db, 'DELETE FROM guard_state WHERE release_id = ? AND stage_index = ?').run(releaseId, stageIndex);
}

export function judgeOptionsOf(db: Db, releaseId: string): JudgeOptions {
  const row = statement(db, 'SELECT judge_options FROM releases WHERE id = ?').get(releaseId) as { judge_options: string | null } | undefined;
  return row?.judge_options ? JudgeOptions.parse(JSON.parse(row.judge_options)) : DEFAULT_JUDGE_OPTIONS;
}

export function setJudgeOptions(db: Db, releaseId: string, options: JudgeOptions | undefined): void {
  statement(db, 'UPDATE releases SET judge_options = ? WHERE id = ?').run(options ? JSON.stringify(options) : null, releaseId);
}
