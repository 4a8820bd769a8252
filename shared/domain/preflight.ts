// The pre-flight a start runs: is everything that watches this rollout in place before it goes live?
// Six checks, each with an outcome, one sentence of what was found and the concrete fix. Versioned,
// since a copy is kept in the start decision's evidence; bounded, since it travels in answers and errors.
import { z } from 'zod';
import { Id } from './id.ts';

export const PREFLIGHT_VERSION = 1;

/** In the order they are shown: what gates the stages, what feeds the gates, then the people and the way back. */
export const PreflightCheckId = z.enum(['gates', 'metrics', 'evidence', 'monitor', 'failure_actions', 'dark_flags']);
export type PreflightCheckId = z.infer<typeof PreflightCheckId>;

/** fail refuses the start (unless overridden); warn and info are shown and do not. */
export const PreflightOutcome = z.enum(['pass', 'info', 'warn', 'fail']);
export type PreflightOutcome = z.infer<typeof PreflightOutcome>;

export const PREFLIGHT_TITLES: Record<PreflightCheckId, string> = {
  gates: 'Every gated stage has its gates',
  metrics: 'Every gate metric returns data for both cohorts',
  evidence: 'Each stage can decide within its soak',
  monitor: 'Someone is named to watch the rollout',
  failure_actions: 'Every stage has a failure action the target allows',
  dark_flags: 'Flags shipped dark, with their fallback',
};

export const PREFLIGHT_OUTCOME_WORDS: Record<PreflightOutcome, string> = { pass: 'pass', info: 'info', warn: 'warning', fail: 'fail' };

/** Items listed under one check: a stage, a metric, a flag. More than this are summed up in one last item. */
export const MAX_PREFLIGHT_ITEMS = 30;
const Text = z.string().min(1).max(1000);

export const PreflightItem = z.object({
  /** What the line is about: "stage 10%", "error_rate", "checkout.new-sheet". */
  subject: z.string().min(1).max(160),
  outcome: PreflightOutcome,
  text: Text,
});
export type PreflightItem = z.infer<typeof PreflightItem>;

export const PreflightCheck = z.object({
  id: PreflightCheckId,
  title: z.string().min(1).max(120),
  outcome: PreflightOutcome,
  /** What was found, in one sentence. */
  finding: Text,
  /** What to do about it; null when there is nothing to do. */
  fix: Text.nullable(),
  items: z.array(PreflightItem).max(MAX_PREFLIGHT_ITEMS + 1),
});
export type PreflightCheck = z.infer<typeof PreflightCheck>;

export const Preflight = z.object({
  v: z.literal(PREFLIGHT_VERSION),
  releaseId: Id,
  at: z.number().int(),
  /** The worst outcome of its checks. */
  outcome: PreflightOutcome,
  checks: z.array(PreflightCheck).max(PreflightCheckId.options.length),
});
export type Preflight = z.infer<typeof Preflight>;

/** Starting although a check failed: a person says why, and it is kept with the decision. */
export const PreflightOverride = z
  .object({
    reason: z.string().trim().min(3, 'say why you start anyway, in at least 3 characters').max(500, 'keep the reason under 500 characters'),
  })
  .strict();
export type PreflightOverride = z.infer<typeof PreflightOverride>;

/** What a start decision keeps in `evidence.preflight`: the checks it ran and, when a person went past a failure, who and why. */
export const PreflightEvidence = Preflight.extend({
  /** Who the person starting named to watch (null: the train's rotation, or no one). */
  monitor: z.string().nullable(),
  /** The ids of the checks that failed and were overridden (empty when none failed). */
  overridden: z.array(PreflightCheckId),
  override: z.object({ reason: z.string(), actor: z.string() }).nullable(),
});
export type PreflightEvidence = z.infer<typeof PreflightEvidence>;

const RANK: Record<PreflightOutcome, number> = { pass: 0, info: 1, warn: 2, fail: 3 };

/** The worse of outcomes: fail over warn over info over pass; pass for none. */
export function worstOutcome(outcomes: readonly PreflightOutcome[]): PreflightOutcome {
  return outcomes.reduce<PreflightOutcome>((a, b) => (RANK[b] > RANK[a] ? b : a), 'pass');
}

/** The checks that refuse a start. */
export function failedChecks(preflight: Pick<Preflight, 'checks'>): PreflightCheck[] {
  return preflight.checks.filter((c) => c.outcome === 'fail');
}
