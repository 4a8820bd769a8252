import type { PromotionMode } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';

// The backtest follows its schedule whatever the guard decided, so it sets the stage in force by hand.
// The state machine is bypassed on purpose, and only ever in the backtest's temporary database.

/**
 * The schedule's stage comes into force at `at`: rolling, its window starting then, later stages not
 * begun, its promotion mode the plan's again (keepStage may have changed it).
 */
export function forceStage(db: Db, releaseId: string, stageIndex: number, promotion: PromotionMode, at: number): void {
  db.transaction(() => {
    db.prepare('UPDATE releases SET status = ?, stage_index = ?, paused_at = NULL, approval_requested_at = NULL, updated_at = ? WHERE id = ?').run('rolling', stageIndex, at, releaseId);
    db.prepare('UPDATE stages SET started_at = ?, promotion = ? WHERE release_id = ? AND idx = ?').run(at, promotion, releaseId, stageIndex);
    db.prepare('UPDATE stages SET started_at = NULL WHERE release_id = ? AND idx > ?').run(releaseId, stageIndex);
  })();
}

/**
 * Undoes a guard's promote (or complete): the release stays rolling on the schedule's stage, whose
 * window keeps its start, and the stage the promote began is not begun after all. From then on the
 * stage waits for the schedule as a manual stage waits for its approval: the guard goes on judging it
 * and acts on a failure, but does not promote it again at every look.
 */
export function keepStage(db: Db, releaseId: string, stageIndex: number, at: number): void {
  db.transaction(() => {
    db.prepare('UPDATE releases SET status = ?, stage_index = ?, paused_at = NULL, approval_requested_at = ?, updated_at = ? WHERE id = ?').run('rolling', stageIndex, at, at, releaseId);
    db.prepare("UPDATE stages SET promotion = 'manual' WHERE release_id = ? AND idx = ?").run(releaseId, stageIndex);
    db.prepare('UPDATE stages SET started_at = NULL WHERE release_id = ? AND idx > ?').run(releaseId, stageIndex);
  })();
}
