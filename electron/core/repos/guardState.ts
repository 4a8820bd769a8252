import { DEFAULT_JUDGE_OPTIONS, JudgeOptions, readGuardStageState, type GuardStageState } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { statement } from '../db/statements.ts';

/** The stage's sequential state (the guard's looks read it; readers of the outcome use loadLastLook). */
export function loadGuardState(db: Db, releaseId: string, stageIndex: number): GuardStageState | null {
  const row = statement(db, 'SELECT state FROM guard_state WHERE release_id = ? AND stage_index = ?').get(releaseId, stageIndex) as { state: string } | undefined;
  return row ? readGuardStageState(JSON.parse(row.state)) : null;
}

/** The last look's status alone (what readers serve), without parsing the e-processes. */
export function loadLastLook(db: Db, releaseId: string, stageIndex: number): unknown {
  const row = statement(db, 'SELECT last_look FROM guard_state WHERE release_id = ? AND stage_index = ?').get(releaseId, stageIndex) as { last_look: string | null } | undefined;
  return row?.last_look ? JSON.parse(row.last_look) : null;
}

export function saveGuardState(db: Db, state: GuardStageState, lastLook: unknown, at: number): void {
  statement(db,
    `INSERT INTO guard_state (release_id, stage_index, state, last_look, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (release_id, stage_index) DO UPDATE SET state = excluded.state, last_look = excluded.last_look, updated_at = excluded.updated_at`,
  ).run(state.releaseId, state.stageIndex, JSON.stringify(state), JSON.stringify(lastLook), at);
}

/** Drops a stage's evidence (the stage started again, e.g. a forced restart in a backtest). */
export function clearGuardState(db: Db, releaseId: string, stageIndex: number): void {
  statement(db, 'DELETE FROM guard_state WHERE release_id = ? AND stage_index = ?').run(releaseId, stageIndex);
}

export function judgeOptionsOf(db: Db, releaseId: string): JudgeOptions {
  const row = statement(db, 'SELECT judge_options FROM releases WHERE id = ?').get(releaseId) as { judge_options: string | null } | undefined;
  return row?.judge_options ? JudgeOptions.parse(JSON.parse(row.judge_options)) : DEFAULT_JUDGE_OPTIONS;
}

export function setJudgeOptions(db: Db, releaseId: string, options: JudgeOptions | undefined): void {
  statement(db, 'UPDATE releases SET judge_options = ? WHERE id = ?').run(options ? JSON.stringify(options) : null, releaseId);
}
