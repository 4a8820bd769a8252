import { z } from 'zod';
import { SourceKind } from '../sources/kind.ts';
import { SourceStatus } from '../sources/freshness.ts';
import { Id } from './id.ts';
import { DecisionEvidence } from './decisionEvidence.ts';
import { Action, Stage } from './stage.ts';

export const TargetKind = z.enum(['play', 'app_store', 'service', 'flag']);
export type TargetKind = z.infer<typeof TargetKind>;

export const ReleaseStatus = z.enum(['planned', 'rolling', 'paused', 'halted', 'rolled_back', 'completed']);
export type ReleaseStatus = z.infer<typeof ReleaseStatus>;

/** Statuses whose release still has live traffic to watch: its source (simulator or poller) keeps feeding it. */
export const FED_STATUSES: ReadonlySet<ReleaseStatus> = new Set(['rolling', 'paused', 'halted']);

export { Action, FailureAction, PromotionMode, Stage } from './stage.ts';
export { Id } from './id.ts';

export const Release = z.object({
  id: Id,
  name: z.string(),
  app: z.string(),
  version: z.string(),
  target: TargetKind,
  status: ReleaseStatus,
  stageIndex: z.number().int().min(0),
  /** Milliseconds spent paused so far; the App Store allows 30 days in total. */
  pausedMsTotal: z.number().int().min(0),
  pausedAt: z.number().int().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  trainId: z.string().nullable(),
  trainRun: z.number().int().nullable(),
  planName: z.string(),
  /** When the guard found a manual stage ready to move on; cleared by the next decision. */
  approvalRequestedAt: z.number().int().nullable(),
  /** Where its samples come from: the simulator (demo, rehearsal), push (ingestSamples) or a connection. */
  source: SourceKind,
  /** The connection a mapped release reads through; null for the simulator and push. */
  connectionId: z.string().nullable(),
  /** The version the canary is compared with, for the mapping's `$baselineVersion`. */
  baselineVersion: z.string().nullable(),
  /**
   * The fraction the target really runs at when a resume chose one other than the stage's exposure
   * (a halted Google Play rollout resumes at any fraction); null: the stage's own exposure. The next
   * stage (promote), completing or rolling back clears it.
   */
  chosenExposurePct: z.number().nullable(),
});
export type Release = z.infer<typeof Release>;

export const ReleaseSummary = Release.extend({
  /** What the target runs at now: the chosen fraction, else the stage's exposure (0 before the start and after a roll back, 100 once completed). */
  exposurePct: z.number(),
  stageCount: z.number().int(),
  stageLabel: z.string(),
});
export type ReleaseSummary = z.infer<typeof ReleaseSummary>;

/** A release in the list, with where its data comes from and how fresh it is. */
export const ReleaseListItem = ReleaseSummary.extend({ sourceStatus: SourceStatus });
export type ReleaseListItem = z.infer<typeof ReleaseListItem>;

/** The stage's gate verdict when a decision was taken ('none' where the stage had no gates to judge). */
export const DecisionVerdict = z.enum(['pass', 'fail', 'inconclusive', 'no_data', 'none']);
export type DecisionVerdict = z.infer<typeof DecisionVerdict>;

export const Decision = z.object({
  id: z.string(),
  releaseId: z.string(),
  stageIndex: z.number().int(),
  action: Action,
  actor: z.string(),
  reason: z.string(),
  fromStatus: ReleaseStatus,
  toStatus: ReleaseStatus,
  /** What it was taken on; null when stored by a newer build in a version this one cannot read. */
  evidence: DecisionEvidence.nullable(),
  /** The stage's gate verdict at that moment ('none' where the stage had no gates to judge). */
  verdict: DecisionVerdict,
  createdAt: z.number().int(),
});
export type Decision = z.infer<typeof Decision>;

export const ReleaseDetail = z.object({
  release: ReleaseSummary,
  stages: z.array(Stage),
  decisions: z.array(Decision),
  allowedActions: z.array(Action),
  /** Left of the App Store's 30 days of pause; null for targets without such a limit. */
  pauseBudgetLeftMs: z.number().int().nullable(),
  /** What undoing really means on this target. */
  undo: z.string(),
  /** Where the samples come from and how fresh each metric is. */
  source: SourceStatus,
});
export type ReleaseDetail = z.infer<typeof ReleaseDetail>;
