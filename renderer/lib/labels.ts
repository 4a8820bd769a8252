import type { Action, ReleaseStatus, TargetKind } from '../../shared/domain/release.ts';

export const STATUS_LABEL: Record<ReleaseStatus, string> = {
  planned: 'Planned',
  rolling: 'Rolling',
  paused: 'Paused',
  halted: 'Halted',
  rolled_back: 'Rolled back',
  completed: 'Completed',
};

export const TARGET_LABEL: Record<TargetKind, string> = {
  play: 'Google Play',
  app_store: 'App Store',
  service: 'Service',
  flag: 'Flag',
};

export const ACTION_LABEL: Record<Action, string> = {
  start: 'Start',
  promote: 'Promote',
  pause: 'Pause',
  resume: 'Resume',
  halt: 'Halt',
  rollback: 'Roll back',
  complete: 'Complete',
};

/** Button order on the detail page: forward actions first, the destructive ones last. */
export const ACTION_ORDER: readonly Action[] = ['start', 'promote', 'resume', 'pause', 'halt', 'rollback', 'complete'];
