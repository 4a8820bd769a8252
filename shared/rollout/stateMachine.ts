import type { Action, Release, ReleaseStatus, TargetKind } from '../domain/release.ts';
import { fail, ok, type Result } from '../result.ts';
import { ACTION_WORDS, STATUS_WORDS } from '../domain/words.ts';

/** The App Store lets a phased release stay paused for 30 days in total. */
export const APP_STORE_PAUSE_BUDGET_MS = 30 * 24 * 60 * 60 * 1000;

export interface TransitionInput {
  release: Pick<Release, 'status' | 'stageIndex' | 'target' | 'pausedMsTotal' | 'pausedAt'> & { chosenExposurePct?: number | null };
  stageCount: number;
  action: Action;
  now: number;
  /** A resume's chosen fraction (Google Play only); its range against the plan is resumeExposureProblem's to check. */
  exposurePct?: number | undefined;
}

export interface Transition {
  status: ReleaseStatus;
  stageIndex: number;
  pausedMsTotal: number;
  pausedAt: number | null;
  /** The fraction the target runs at when it is not the stage's exposure; null: the stage's. */
  chosenExposurePct: number | null;
}

const FROM: Record<Action, readonly ReleaseStatus[]> = {
  start: ['planned'],
  promote: ['rolling'],
  pause: ['rolling'],
  resume: ['paused', 'halted'],
  halt: ['rolling', 'paused'],
  rollback: ['rolling', 'paused', 'halted'],
  complete: ['rolling', 'paused', 'halted'],
};

/** What each kind of target cannot do at all, whatever its state. */
const UNSUPPORTED: Record<TargetKind, readonly Action[]> = {
  // A phased release can only pause, resume or release to everyone; a bad build needs a new version.
  app_store: ['rollback', 'halt'],
  // Play has no pause distinct from halt: a halted release keeps its users and resumes at any fraction.
  play: ['pause'],
  service: [],
  flag: [],
};

export function pauseBudgetLeftMs(release: TransitionInput['release'], now: number): number | null {
  if (release.target !== 'app_store') return null;
  const running = release.pausedAt === null ? 0 : Math.max(0, now - release.pausedAt);
  return Math.max(0, APP_STORE_PAUSE_BUDGET_MS - release.pausedMsTotal - running);
}

function check(input: TransitionInput): string | null {
  const { release, action, stageCount, now } = input;
  if (UNSUPPORTED[release.target].includes(action)) return `${labelOf(release.target)} cannot ${ACTION_WORDS[action]}`;
  if (input.exposurePct !== undefined && action !== 'resume') return `only a resume can choose the fraction it runs at; ${ACTION_WORDS[action]} goes by the plan`;
  if (input.exposurePct !== undefined && !resumesAtAnyFraction(release.target)) return `${labelOf(release.target)} resumes at its stage's exposure; only a Google Play staged rollout resumes at a fraction you choose`;
  if (!FROM[action].includes(release.status)) return `cannot ${ACTION_WORDS[action]} a release that is ${STATUS_WORDS[release.status]}`;
  if (action === 'promote' && release.stageIndex >= stageCount - 1) return 'already at the last stage; complete it instead';
  if (action === 'pause' && pauseBudgetLeftMs(release, now) === 0) return 'the App Store pause budget of 30 days is used up';
  return null;
}

export function allowedActions(release: TransitionInput['release'], stageCount: number, now: number): Action[] {
  const all: Action[] = ['start', 'promote', 'pause', 'resume', 'halt', 'rollback', 'complete'];
  return all.filter((action) => check({ release, stageCount, action, now }) === null);
}

export function transition(input: TransitionInput): Result<Transition> {
  const problem = check(input);
  if (problem !== null) {
    const allowed = allowedActions(input.release, input.stageCount, input.now);
    const list = allowed.length ? allowed.map((a) => ACTION_WORDS[a]).join(', ') : 'none';
    return fail('illegal_action', `${problem} (allowed now: ${list})`, { allowed });
  }
  const { release, action, now } = input;
  const closedPause = release.pausedAt === null ? 0 : Math.max(0, now - release.pausedAt);
  // Pausing or halting keeps the fraction the target runs at; moving to another stage or ending goes by the plan again.
  const base = { stageIndex: release.stageIndex, pausedMsTotal: release.pausedMsTotal, pausedAt: release.pausedAt, chosenExposurePct: release.chosenExposurePct ?? null };
  switch (action) {
    case 'start':
      return ok({ ...base, status: 'rolling', stageIndex: 0, chosenExposurePct: null });
    case 'promote':
      return ok({ ...base, status: 'rolling', stageIndex: release.stageIndex + 1, chosenExposurePct: null });
    case 'pause':
      return ok({ ...base, status: 'paused', pausedAt: now });
    case 'halt':
      return ok({ ...base, status: 'halted', pausedAt: release.pausedAt ?? now });
    case 'resume':
      // Without a fraction, a resume runs at what it ran at when it stopped (Play: the same users keep it).
      return ok({ ...base, status: 'rolling', pausedAt: null, pausedMsTotal: release.pausedMsTotal + closedPause, chosenExposurePct: input.exposurePct ?? base.chosenExposurePct });
    case 'rollback':
      return ok({ ...base, status: 'rolled_back', pausedAt: null, pausedMsTotal: release.pausedMsTotal + closedPause, chosenExposurePct: null });
    case 'complete':
      // A completed release is at its last stage, whichever stage it was completed from.
      return ok({ ...base, status: 'completed', stageIndex: Math.max(0, input.stageCount - 1), pausedAt: null, pausedMsTotal: release.pausedMsTotal + closedPause, chosenExposurePct: null });
  }
}

/** Google Play resumes a halted rollout at any fraction; every other target resumes where its stage is. */
export function resumesAtAnyFraction(target: TargetKind): boolean {
  return target === 'play';
}

export function labelOf(target: TargetKind): string {
  return { play: 'a Google Play staged rollout', app_store: 'an App Store phased release', service: 'a service canary', flag: 'a flag rollout' }[target];
}

/** What "undo" really means on each kind of target, in words for the UI. */
export function undoText(target: TargetKind): string {
  return {
    app_store: 'Pause stops the daily steps (30 days of pause in total); Apple cannot roll back: a bad build needs a new version.',
    play: 'Halt stops new installs at once; users who have it keep it. Resume at any fraction; rolling back means shipping a new version code.',
    service: 'Roll back sends all traffic back to the stable version at once.',
    flag: 'Turning the flag off takes effect at once for everyone.',
  }[target];
}
