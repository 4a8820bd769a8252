import type { Environment, FlagType } from '../../shared/domain/flags.ts';
import type { Action, FailureAction, PromotionMode, ReleaseStatus, TargetKind } from '../../shared/domain/release.ts';
import type { Outcome } from '../../shared/gates/types.ts';
import type { OverrideReason } from '../../shared/rollout/guardRules.ts';
import {
  ACTION_WORDS,
  capitalized,
  GATE_KIND_WORDS,
  OUTCOME_WORDS,
  OVERRIDE_REASON_WORDS,
  PROMOTION_WORDS,
  STATUS_WORDS,
} from '../../shared/domain/words.ts';

/** Labels are the shared product words, capitalised: one wording for the core's messages and the screen. */
function labels<K extends string>(words: Record<K, string>): Record<K, string> {
  return Object.fromEntries(Object.entries<string>(words).map(([k, v]) => [k, capitalized(v)])) as Record<K, string>;
}

export const STATUS_LABEL: Record<ReleaseStatus, string> = labels(STATUS_WORDS);

export const TARGET_LABEL: Record<TargetKind, string> = {
  play: 'Google Play',
  app_store: 'App Store',
  service: 'Service',
  flag: 'Flag',
};

export const ACTION_LABEL: Record<Action, string> = labels(ACTION_WORDS);

/** Button order on the detail page: forward actions first, the destructive ones last. */
export const ACTION_ORDER: readonly Action[] = ['start', 'promote', 'resume', 'pause', 'halt', 'rollback', 'complete'];

export const OUTCOME_LABEL: Record<Outcome, string> = labels(OUTCOME_WORDS);

export const OVERRIDE_REASON_LABEL: Record<OverrideReason, string> = labels(OVERRIDE_REASON_WORDS);

export const OVERRIDE_EXPIRY: readonly { minutes: number; label: string }[] = [
  { minutes: 15, label: '15 min' },
  { minutes: 60, label: '1 h' },
  { minutes: 240, label: '4 h' },
  { minutes: 1440, label: '24 h' },
];

export const PROMOTION_LABEL: Record<PromotionMode, string> = labels(PROMOTION_WORDS);
export const GATE_KIND_LABEL = labels(GATE_KIND_WORDS);
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
