import type { TargetKind } from '../../../shared/domain/release.ts';
import { currentRun, PHASE_LABELS, rescheduledFirstKickoff, runKickoff, TrainInput, type SaveTrainInput } from '../../../shared/domain/trains.ts';
import { defaultPlan } from '../../../shared/plans/defaults.ts';
import type { Plan } from '../../../shared/plans/plan.ts';
import { planFromYaml } from '../../../shared/plans/yaml.ts';
import { issuesFrom, type InputIssue } from '../../../shared/result.ts';
import { issueText } from '../../lib/issues.ts';
import { firstKickoff, parseTimeOfDay, slugify } from './kickoff.ts';
import { scheduleOf, type FormMode, type PhaseDraft, type TrainFormState } from './trainFormState.ts';

export const slugOf = (s: TrainFormState): string => (s.idTouched ? s.id : slugify(s.name));

export function cadenceDaysOf(s: Pick<TrainFormState, 'cadence' | 'customDays'>): number | null {
  const days = Number(s.cadence === 'custom' ? s.customDays : s.cadence);
  return Number.isInteger(days) && days >= 1 && days <= 90 ? days : null;
}

/** The first kickoff to send, and the run whose phase dates the form shows (the first run of a new train, the run in progress of an edited one). */
export interface Kickoff {
  firstKickoff: number;
  run: number;
  kickoffAt: number;
}

export function kickoffOf(s: TrainFormState, mode: FormMode, now: number): Kickoff | null {
  const tod = parseTimeOfDay(s.time);
  const days = cadenceDaysOf(s);
  if (!tod || days === null) return null;
  const typed = firstKickoff(s.weekday, tod[0], tod[1], now);
  if (mode.kind === 'new') return { firstKickoff: typed, run: 0, kickoffAt: typed };
  const { original } = mode;
  const opened = scheduleOf(original, mode.openedAt);
  const sameTime = opened.weekday === s.weekday && parseTimeOfDay(opened.time)?.join(':') === tod.join(':');
  let first: number;
  // Untouched, the schedule is sent back as it was; changed, it keeps the run in progress on its number (the host refuses a renumbering).
  if (sameTime && (days === original.cadenceDays || original.firstKickoff > now)) first = original.firstKickoff;
  else first = rescheduledFirstKickoff(original, days, sameTime ? runKickoff(original, currentRun(original, now)) : typed, now);
  const schedule = { firstKickoff: first, cadenceDays: days };
  const run = currentRun(schedule, now);
  return { firstKickoff: first, run, kickoffAt: runKickoff(schedule, run) };
}

/** Checks a plan typed as YAML with the same reader the host uses: line and field for every problem. */
export function checkPlan(yaml: string, target: TargetKind): { plan: Plan | null; issues: InputIssue[] } {
  const parsed = planFromYaml(yaml);
  if (!parsed.ok) return { plan: null, issues: parsed.error.issues ?? [{ path: '(yaml)', message: parsed.error.message }] };
  if (parsed.value.target !== target) {
    return { plan: null, issues: [{ path: 'target', message: `the plan is for ${parsed.value.target}; the train ships to ${target}` }] };
  }
  return { plan: parsed.value, issues: [] };
}

function dayOf(text: string): number | null {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 90 ? n : null;
}

/** Problems with the phases as typed, at the paths the host would name: days in time order, an owner each, checklist items once each. */
export function phaseIssues(phases: readonly PhaseDraft[]): InputIssue[] {
  const issues: InputIssue[] = [];
  let previous: { label: string; day: number } | null = null;
  phases.forEach((p, i) => {
    const label = PHASE_LABELS[p.phase];
    const at = (field: string, message: string) => issues.push({ path: `phases.${i}.${field}`, message: `${label}: ${message}` });
    const day = dayOf(p.offsetDays);
    if (day === null) at('offsetDays', 'the day after kickoff is a number from 0 to 90.');
    else if (previous && day < previous.day) at('offsetDays', `day ${day} is before ${previous.label} (day ${previous.day}); phases go in time order.`);
    if (day !== null) previous = { label, day };
    if (!p.owner.trim()) at('owner', 'name its owner.');
    else if (p.owner.trim().length > 80) at('owner', 'the owner is at most 80 characters.');
    const seen = new Set<string>();
    p.checklist.forEach((c, j) => {
      const text = c.text.trim();
      if (!text) at(`checklist.${j}`, `item ${j + 1} is empty; remove it or give it words.`);
      else if (text.length > 120) at(`checklist.${j}`, `item ${j + 1} is longer than 120 characters.`);
      else if (seen.has(text)) at(`checklist.${j}`, `“${text}” is on the checklist twice.`);
      seen.add(text);
    });
    if (p.checklist.length > 30) at('checklist', 'a checklist holds at most 30 items.');
    if (p.newItem.trim()) at('newItem', `“${p.newItem.trim()}” is not on the checklist yet; add it or clear the box.`);
  });
  return issues;
}

export interface FormCheck {
  input: SaveTrainInput | null;
  issues: InputIssue[];
  /** Problems in the plan YAML, by line; null when no YAML was read. */
  planIssues: InputIssue[] | null;
}

/** The train the form describes, or what stops it, at the same paths the host uses so both show next to the same fields. */
export function formToInput(s: TrainFormState, mode: FormMode, now: number, takenIds: readonly string[] = []): FormCheck {
  const issues: InputIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  if (!s.name.trim()) add('name', 'Give the train a name.');
  const id = mode.kind === 'edit' ? mode.original.id : slugOf(s);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) add('id', 'The id needs lower-case letters, digits and - only.');
  else if (mode.kind === 'new' && takenIds.includes(id)) add('id', `A train “${id}” exists already; choose another id.`);
  if (!s.app.trim()) add('app', 'Name the app or service it ships.');
  const days = cadenceDaysOf(s);
  if (days === null) add('cadenceDays', 'A custom cadence is a whole number of days from 1 to 90.');
  const kickoff = kickoffOf(s, mode, now);
  if (!parseTimeOfDay(s.time)) add('firstKickoff', 'Give the kickoff time as HH:MM (UTC).');
  const rotation = s.rotation
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (rotation.length === 0) add('rotation', 'Name at least one person for the monitoring rotation.');
  else if (rotation.some((p) => p.length > 80)) add('rotation', 'A name in the rotation is at most 80 characters.');
  issues.push(...phaseIssues(s.phases));

  let plan: Plan = defaultPlan(s.target);
  let planIssues: InputIssue[] | null = null;
  if (s.planSource === 'yaml') {
    const checked = checkPlan(s.yaml, s.target);
    planIssues = checked.issues;
    if (checked.plan) plan = checked.plan;
    else add('plan', 'The plan YAML has problems: see below it.');
  } else if (s.planSource === 'current' && mode.kind === 'edit') {
    plan = mode.original.plan;
    if (plan.target !== s.target) add('plan', `The current plan is for ${plan.target}; choose the default plan or a YAML plan for ${s.target}.`);
  }
  if (issues.length > 0 || !kickoff || days === null) return { input: null, issues, planIssues };

  const phases = s.phases.map((p) => ({ phase: p.phase, offsetDays: Number(p.offsetDays.trim()), owner: p.owner.trim(), checklist: p.checklist.map((c) => c.text.trim()) }));
  const draft = { id, name: s.name.trim(), app: s.app.trim(), target: s.target, cadenceDays: days, firstKickoff: kickoff.firstKickoff, phases, rotation, plan };
  // The host's own schema has the last word; what the checks above miss still shows before sending.
  const parsed = TrainInput.safeParse(draft);
  // An edit names the version it was opened on, so the host can refuse it if someone saved in between.
  if (parsed.success) return { input: mode.kind === 'edit' ? { ...parsed.data, baseVersion: mode.version } : parsed.data, issues: [], planIssues };
  return { input: null, issues: issuesFrom(parsed.error).map((i) => ({ ...i, message: issueText(i) })), planIssues };
}

/** What is wrong at one field, from the form's checks or the host's answer; undefined when nothing is. */
export function issueAt(issues: readonly InputIssue[], path: string): string | undefined {
  const found = issues.filter((i) => i.path === path).map((i) => i.message);
  return found.length > 0 ? found.join(' ') : undefined;
}
