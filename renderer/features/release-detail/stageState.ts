import type { ReleaseSummary } from '../../../shared/domain/release.ts';

export type StageState = 'done' | 'current' | 'pending';

/** Where a stage stands: a planned release has not reached any, a completed one has passed all. */
export function stageState(release: Pick<ReleaseSummary, 'status' | 'stageIndex'>, index: number): StageState {
  if (release.status === 'completed') return 'done';
  if (release.status === 'planned') return 'pending';
  if (index < release.stageIndex) return 'done';
  return index === release.stageIndex ? 'current' : 'pending';
}
