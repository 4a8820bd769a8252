import type { Environment, FlagType } from '../../shared/domain/flags.ts';
import type { Action, FailureAction, PromotionMode, ReleaseStatus, TargetKind } from '../../shared/domain/release.ts';
import type { Outcome } from '../../shared/gates/types.ts';
import type { OverrideReason } from '../../shared/rollout/guardRules.ts';

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

export const OUTCOME_LABEL: Record<Outcome, string> = {
  pass: 'Pass',
  fail: 'Fail',
  inconclusive: 'Inconclusive',
  no_data: 'No data',
};

export const OVERRIDE_REASON_LABEL: Record<OverrideReason, string> = {
  known_issue: 'Known issue',
  false_positive: 'False positive',
  metric_broken: 'Metric broken',
  business_critical: 'Business critical',
};

export const OVERRIDE_EXPIRY: readonly { minutes: number; label: string }[] = [
  { minutes: 15, label: '15 min' },
  { minutes: 60, label: '1 h' },
  { minutes: 240, label: '4 h' },
  { minutes: 1440, label: '24 h' },
];

export const PROMOTION_LABEL: Record<PromotionMode, string> = { automatic: 'Automatic', manual: 'Manual (approval)' };
export const FAILURE_LABEL: Record<FailureAction, string> = { pause: 'Pause', halt: 'Halt', rollback: 'Roll back' };

export const FLAG_TYPE_LABEL: Record<FlagType, string> = {
  release: 'Release',
  experiment: 'Experiment',
  operational: 'Operational',
  kill_switch: 'Kill switch',
  permission: 'Permission',
};

export const ENVIRONMENT_LABEL: Record<Environment, string> = { development: 'Development', staging: 'Staging', production: 'Production' };

/** "guard" is the automatic guard; everyone else is named as they signed in. */
export function actorLabel(actor: string): string {
  return actor === 'guard' ? 'Guard (automatic)' : actor;
}
