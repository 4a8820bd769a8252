// The product words for every enum a person reads: core messages, the timeline and the renderer all
// say "rolled back", never "rolled_back". Lower case; `capitalized` makes a label of them.
import type { OverrideReason } from '../rollout/guardRules.ts';
import type { Action, PromotionMode, ReleaseStatus } from './release.ts';
import type { Outcome } from '../gates/types.ts';

export const STATUS_WORDS: Record<ReleaseStatus, string> = {
  planned: 'planned',
  rolling: 'rolling',
  paused: 'paused',
  halted: 'halted',
  rolled_back: 'rolled back',
  completed: 'completed',
};

export const ACTION_WORDS: Record<Action, string> = {
  start: 'start',
  promote: 'promote',
  pause: 'pause',
  resume: 'resume',
  halt: 'halt',
  rollback: 'roll back',
  complete: 'complete',
};

export const OUTCOME_WORDS: Record<Outcome, string> = { pass: 'pass', fail: 'fail', inconclusive: 'inconclusive', no_data: 'no data' };

export const OVERRIDE_REASON_WORDS: Record<OverrideReason, string> = {
  known_issue: 'known issue',
  false_positive: 'false positive',
  metric_broken: 'metric broken',
  business_critical: 'business critical',
};

export const PROMOTION_WORDS: Record<PromotionMode, string> = { automatic: 'automatic', manual: 'manual (approval)' };

export const GATE_KIND_WORDS = { threshold: 'threshold', relative: 'relative to baseline', kpi: 'KPI' } as const;

/** A value read from the log may be any string: known enums get their words, anything else is shown as it came. */
export function wordsFor<K extends string>(words: Record<K, string>, value: unknown): string {
  return typeof value === 'string' && value in words ? words[value as K] : String(value ?? '');
}

export function capitalized(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An ended release has nothing live: no guard step, no override in force. */
export function isEnded(status: ReleaseStatus): boolean {
  return status === 'completed' || status === 'rolled_back';
}

/** A count as the screens write it: "420,084", in reasons and evidence alike. */
export const countText = (n: number): string => Math.round(n).toLocaleString('en-US');

/** An exposure or share in percent, up to hundredths: a Play rollout resumed at 2.25 % must not read 2.3 %. */
export const pctText = (n: number): string => `${Number(n.toFixed(2))}%`;
