// Whether a plan's stages can decide within their soak, in sentences: per stage for the plan table
// and the editor, and one banner for the Release detail when it matters (before the start, or a
// running stage that cannot decide in time).
import type { ReleaseSummary } from '../../../shared/domain/release.ts';
import { closeToSoak, type PlanReadiness, type StageDecideTime } from '../../../shared/domain/readiness.ts';
import type { Outcome } from '../../../shared/gates/types.ts';
import { formatApproxMinutes } from '../../lib/format.ts';
import { exactMinutes, stageWords } from '../../../shared/preflight/text.ts';
import type { WaitKind } from '../../../shared/domain/readiness.ts';

/** An exact soak in words: "15 min", "1 h 30 min", "1 d" (the pre-flight's rule). */
export const soakText = exactMinutes;

export type ReadinessTone = 'ok' | 'warn' | 'unknown' | 'none';

export interface StageReadinessText {
  tone: ReadinessTone;
  text: string;
  /** What the time waits for ("errors: the evidence to pass"), or why there is none. */
  detail: string;
}

/** What to change, by what the stage waits for: raising the exposure (more users at risk) never shortens a wait for intervals. */
const REMEDY: Record<WaitKind, string> = {
  intervals: 'lengthen the soak',
  stage_samples: 'raise the soak or the exposure, or lower the stage’s minimum samples',
  gate_samples: 'raise the soak or the exposure, or lower the gate’s minimum samples',
  evidence: 'raise the soak or the exposure',
};

/** One stage: "can decide in ≈ 25 min of its 15 min soak: too short — raise the soak or the exposure". */
export function stageReadinessText(s: StageDecideTime): StageReadinessText {
  if (s.gates.length === 0) return { tone: 'none', text: 'no gates: nothing to decide', detail: '' };
  const soak = soakText(s.soakMinutes);
  if (s.minutesToDecide === null) {
    if (s.canDecideWithinSoak === false) return { tone: 'warn', text: 'cannot decide at this traffic — raise the exposure or loosen the gate', detail: s.why };
    // Unknown traffic is the plan's, not one gate's: naming the gate would add nothing.
    const noTraffic = s.why.endsWith('traffic unknown');
    return { tone: 'unknown', text: noTraffic ? 'traffic unknown' : 'time to decide not known', detail: noTraffic ? '' : s.why };
  }
  const took = formatApproxMinutes(s.minutesToDecide);
  if (s.canDecideWithinSoak === false) return { tone: 'warn', text: `can decide in ${took} of its ${soak} soak: too short — ${REMEDY[s.wait ?? 'evidence']}`, detail: s.why };
  if (closeToSoak(s)) return { tone: 'warn', text: `can decide in ${took} of its ${soak} soak — close: a healthy canary may take longer`, detail: s.why };
  if (s.canDecideWithinSoak === true) return { tone: 'ok', text: `can decide in ${took} of its ${soak} soak`, detail: s.why };
  return { tone: 'ok', text: `can decide in ${took} (no soak set: it waits for its gates)`, detail: s.why };
}

export interface ReadinessBanner {
  tone: 'ok' | 'warn' | 'unknown';
  text: string;
}

/**
 * What the estimate assumes: a gate's own "needs ≈ 1 h" reads the effect the canary shows, and beside
 * it a time without its assumption reads as a contradiction.
 */
const LIKE_BASELINE = 'for a canary that behaves like its baseline';

const stageName = (s: StageDecideTime): string => stageWords(s.label, s.exposure);

/** "10%: can decide in ≈ 29 min of its 15 min soak: too short — …; 50%: …" */
const listed = (stages: readonly StageDecideTime[]): string => stages.map((s) => `${stageName(s)}: ${stageReadinessText(s).text}`).join('; ');

/**
 * The banner on the Release detail: before the start, a verdict on the whole plan; while rolling,
 * only when the current stage cannot decide within its soak and has not decided yet (once its gates
 * pass or fail, the estimate has been overtaken by the fact). Null when there is nothing to say.
 */
export function readinessBanner(release: Pick<ReleaseSummary, 'status' | 'stageIndex'>, readiness: PlanReadiness, currentVerdict: Outcome | null = null): ReadinessBanner | null {
  const gated = readiness.stages.filter((s) => s.gates.length > 0);
  if (gated.length === 0) return null;
  const at = `${LIKE_BASELINE}, at the traffic of ${readiness.source.text}`;
  if (release.status === 'planned') {
    if (readiness.traffic === null) {
      const seen = readiness.source.text.charAt(0).toUpperCase() + readiness.source.text.slice(1);
      return { tone: 'unknown', text: `${seen}: how long each stage needs to decide cannot be estimated before the start.` };
    }
    const short = gated.filter((s) => s.canDecideWithinSoak === false);
    // Windows that overlap inflate the traffic read, so an all-clear on it would say too much: the overlap's own warning stands instead.
    // A stage whose time is unknown is not one that fits: the all-clear waits for every stage.
    const unknown = gated.filter((s) => s.canDecideWithinSoak === null && s.soakMinutes > 0);
    if (short.length === 0 && readiness.overlaps.length > 0) return null;
    if (short.length === 0 && unknown.length > 0) {
      return { tone: 'unknown', text: `Before the start, ${unknown.length} of ${gated.length} gated stages cannot be checked yet — ${unknown.map((s) => `${stageName(s)}: ${s.why}`).join('; ')}.` };
    }
    if (short.length === 0) return { tone: 'ok', text: `Before the start: every gated stage can decide within its soak ${at}.` };
    return { tone: 'warn', text: `Before the start, ${short.length} of ${gated.length} gated stages cannot decide within their soak ${at} — ${listed(short)}.` };
  }
  if (release.status === 'completed' || release.status === 'rolled_back') return null;
  const current = readiness.stages[release.stageIndex];
  if (current && current.canDecideWithinSoak === false && currentVerdict !== 'pass' && currentVerdict !== 'fail') {
    return { tone: 'warn', text: `This stage, ${stageName(current)}, ${stageReadinessText(current).text} (${at}).` };
  }
  // A later stage made too short while rolling (by an edit, perhaps another operator's) is said before it starts and holds.
  const later = gated.filter((s) => s.stageIndex > release.stageIndex && s.canDecideWithinSoak === false);
  if (later.length === 0) return null;
  return { tone: 'warn', text: `Coming up, ${later.length === 1 ? 'a stage cannot' : `${later.length} stages cannot`} decide within ${later.length === 1 ? 'its' : 'their'} soak (${at}) — ${listed(later)}.` };
}
