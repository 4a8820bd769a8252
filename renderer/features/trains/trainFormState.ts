import type { TargetKind } from '../../../shared/domain/release.ts';
import { currentRun, DEFAULT_PHASES, runKickoff, type PhaseName, type PhaseTemplate, type TrainInput } from '../../../shared/domain/trains.ts';
import { planToYaml } from '../../../shared/plans/yaml.ts';
import { pad2 } from '../../lib/format.ts';

export type Cadence = '7' | '14' | 'custom';
export type PlanSource = 'current' | 'default' | 'yaml';

/** A checklist item being edited; the key keeps its row (and focus) when items around it go. */
export interface ChecklistDraft {
  key: number;
  text: string;
}

/** One phase as typed: numbers stay text until the form is sent, so a half-typed day is not lost. */
export interface PhaseDraft {
  phase: PhaseName;
  offsetDays: string;
  owner: string;
  checklist: ChecklistDraft[];
  /** Typed into the "add to checklist" box, not on the checklist yet. */
  newItem: string;
}

export interface TrainFormState {
  name: string;
  id: string;
  /** Until the id is typed into, it follows the name. */
  idTouched: boolean;
  app: string;
  target: TargetKind;
  cadence: Cadence;
  customDays: string;
  /** Kickoff weekday (Date#getUTCDay) and time of day, UTC. */
  weekday: number;
  time: string;
  rotation: string;
  phases: PhaseDraft[];
  planSource: PlanSource;
  yaml: string;
  nextKey: number;
}

/** Whether the form makes a train or edits one; an edit keeps the original for its id, plan and run numbers, and the version it was opened on. */
export type FormMode = { kind: 'new' } | { kind: 'edit'; original: TrainInput; version: number; openedAt: number };

function phaseDrafts(phases: readonly PhaseTemplate[]): { phases: PhaseDraft[]; nextKey: number } {
  let key = 0;
  const drafts = phases.map((p) => ({
    phase: p.phase,
    offsetDays: String(p.offsetDays),
    owner: p.owner,
    checklist: p.checklist.map((text) => ({ key: key++, text })),
    newItem: '',
  }));
  return { phases: drafts, nextKey: key };
}

export function blankForm(): TrainFormState {
  return {
    name: '',
    id: '',
    idTouched: false,
    app: '',
    target: 'service',
    cadence: '7',
    customDays: '10',
    weekday: 1,
    time: '09:00',
    rotation: '',
    planSource: 'default',
    yaml: '',
    ...phaseDrafts(DEFAULT_PHASES),
  };
}

/** Weekday and time of the run in progress at `now`: with a cadence that is not whole weeks, the first run's weekday says little. */
export function scheduleOf(train: Pick<TrainInput, 'firstKickoff' | 'cadenceDays'>, now: number): Pick<TrainFormState, 'cadence' | 'customDays' | 'weekday' | 'time'> {
  const kickoff = new Date(runKickoff(train, currentRun(train, now)));
  const days = train.cadenceDays;
  return {
    cadence: days === 7 ? '7' : days === 14 ? '14' : 'custom',
    customDays: String(days === 7 || days === 14 ? 10 : days),
    weekday: kickoff.getUTCDay(),
    time: `${pad2(kickoff.getUTCHours())}:${pad2(kickoff.getUTCMinutes())}`,
  };
}

/** The form prefilled from a train, to edit it; its plan is kept unless another is chosen. */
export function formFromTrain(train: TrainInput, now: number): TrainFormState {
  return {
    name: train.name,
    id: train.id,
    idTouched: true,
    app: train.app,
    target: train.target,
    ...scheduleOf(train, now),
    rotation: train.rotation.join(', '),
    planSource: 'current',
    yaml: planToYaml(train.plan),
    ...phaseDrafts(train.phases),
  };
}

export function updatePhase(state: TrainFormState, index: number, change: Partial<Pick<PhaseDraft, 'offsetDays' | 'owner' | 'newItem'>>): TrainFormState {
  return { ...state, phases: state.phases.map((p, i) => (i === index ? { ...p, ...change } : p)) };
}

/** Why the typed item cannot go on the checklist, or null when it can. */
export function newItemProblem(phase: PhaseDraft): string | null {
  const text = phase.newItem.trim();
  if (!text) return 'Type the item first.';
  if (text.length > 120) return 'An item is at most 120 characters.';
  if (phase.checklist.some((c) => c.text.trim() === text)) return `“${text}” is on this checklist already.`;
  if (phase.checklist.length >= 30) return 'A checklist holds at most 30 items.';
  return null;
}

/** Puts the typed item at the end of the phase's checklist; unchanged when it cannot go there. */
export function addChecklistItem(state: TrainFormState, index: number): TrainFormState {
  const phase = state.phases[index];
  if (!phase || newItemProblem(phase)) return state;
  const added = { ...phase, checklist: [...phase.checklist, { key: state.nextKey, text: phase.newItem.trim() }], newItem: '' };
  return { ...state, nextKey: state.nextKey + 1, phases: state.phases.map((p, i) => (i === index ? added : p)) };
}

export function editChecklistItem(state: TrainFormState, index: number, key: number, text: string): TrainFormState {
  return mapChecklist(state, index, (items) => items.map((c) => (c.key === key ? { ...c, text } : c)));
}

export function removeChecklistItem(state: TrainFormState, index: number, key: number): TrainFormState {
  return mapChecklist(state, index, (items) => items.filter((c) => c.key !== key));
}

function mapChecklist(state: TrainFormState, index: number, f: (items: ChecklistDraft[]) => ChecklistDraft[]): TrainFormState {
  return { ...state, phases: state.phases.map((p, i) => (i === index ? { ...p, checklist: f(p.checklist) } : p)) };
}
