// What a person skips by going on before the guard would: one wording for the core's refusal and the dialog.
import type { Action, Stage } from '../domain/release.ts';
import type { GateResult } from '../gates/types.ts';
import { formatSoakProgress } from '../plans/duration.ts';

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

const NOT_PASSED = { fail: 'fails', inconclusive: 'not decided yet', no_data: 'has no data' } as const;

/** Actions that move the rollout forward past the current stage's checks. */
export const ADVANCING_ACTIONS: readonly Action[] = ['promote', 'complete'];

export interface UnmetInput {
  action: Action;
  stages: readonly Stage[];
  stageIndex: number;
  results: readonly GateResult[];
  /** Gates a person already overrode: they count as passed until the override expires. */
  overridden: ReadonlySet<string>;
  canarySamples: number;
  now: number;
  /** A resume's chosen fraction: above the stage's own exposure, the resume goes on past the stage's checks like a promote. */
  exposurePct?: number | undefined;
}

/** A promote or complete, or a resume at more than the stage's own exposure. */
export function advances(input: Pick<UnmetInput, 'action' | 'exposurePct'>, stage: Pick<Stage, 'exposurePct'> | undefined): boolean {
  if (ADVANCING_ACTIONS.includes(input.action)) return true;
  return input.action === 'resume' && input.exposurePct !== undefined && stage !== undefined && input.exposurePct > stage.exposurePct;
}

/** In the plan's own units, as the guard's next step and the stage cards write a soak: "soak 1h12m of 1d". */
function soakText(soakedMs: number, minSoakSeconds: number): string {
  return `soak ${formatSoakProgress(soakedMs, minSoakSeconds)}`;
}

/**
 * What the guard would still wait for before this promote or complete (or a resume above the
 * stage's exposure): the stage's soak and samples, each gate that has not passed, and, for a complete
 * before the last stage, the stages it skips. Empty when the action takes nothing for granted (or
 * does not advance).
 */
export function unmetToAdvance(input: UnmetInput): string[] {
  const stage = input.stages[input.stageIndex];
  if (!stage || !advances(input, stage)) return [];
  const unmet: string[] = [];
  const soakedMs = stage.startedAt === null ? 0 : Math.max(0, input.now - stage.startedAt);
  if (soakedMs < stage.minSoakSeconds * 1000) unmet.push(soakText(soakedMs, stage.minSoakSeconds));
  if (input.canarySamples < stage.minSamples) unmet.push(`samples ${count.format(input.canarySamples)} of ${count.format(stage.minSamples)}`);
  for (const r of input.results) {
    if (r.outcome !== 'pass' && !(r.outcome === 'fail' && input.overridden.has(r.gateId))) unmet.push(`gate ${r.gateId} ${NOT_PASSED[r.outcome]}`);
  }
  const skipped = input.action === 'complete' ? input.stages.slice(input.stageIndex + 1) : [];
  if (skipped.length > 0) unmet.push(`${skipped.length === 1 ? 'stage' : 'stages'} ${skipped.map((s) => s.label).join(', ')} skipped`);
  return unmet;
}
