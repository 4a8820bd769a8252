import { describe, expect, it } from 'vitest';
import { currentRun, DEFAULT_PHASES, runKickoff, type TrainInput } from '../../shared/domain/trains.ts';
import { defaultPlan } from '../../shared/plans/defaults.ts';
import { formToInput, issueAt, kickoffOf, phaseIssues } from '../../renderer/features/trains/trainFormInput.ts';
import {
  addChecklistItem,
  blankForm,
  editChecklistItem,
  formFromTrain,
  newItemProblem,
  removeChecklistItem,
  updatePhase,
  type FormMode,
  type TrainFormState,
} from '../../renderer/features/trains/trainFormState.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Friday 2026-11-20 12:00 UTC.
const NOW = Date.UTC(2026, 10, 20, 12, 0);

const train = (over: Partial<TrainInput> = {}): TrainInput => ({
  id: 'ios-fortnightly',
  name: 'iOS fortnightly',
  app: 'Shopper (iOS)',
  target: 'app_store',
  cadenceDays: 14,
  // Monday 2026-10-12 09:30 UTC: run #3 (index 2) kicked off on Monday 2026-11-09.
  firstKickoff: Date.UTC(2026, 9, 12, 9, 30),
  phases: DEFAULT_PHASES.map((p, i) => ({ ...p, owner: `owner ${i}`, checklist: i === 2 ? ['Regression suite green', 'Accessibility pass'] : p.checklist })),
  rotation: ['ana', 'bo', 'cy'],
  plan: defaultPlan('app_store'),
  ...over,
});

const edit = (t: TrainInput, openedAt = NOW, version = 3): FormMode => ({ kind: 'edit', original: t, version, openedAt });

describe('the train form ↔ TrainInput', () => {
  it('gives back the train it was filled from, untouched', () => {
    for (const t of [train(), train({ cadenceDays: 7 }), train({ cadenceDays: 10, phases: [{ phase: 'feature_cutoff', offsetDays: 0.5, owner: 'rel', checklist: [] }] })]) {
      const form = formFromTrain(t, NOW);
      expect(formToInput(form, edit(t), NOW)).toEqual({ input: { ...t, baseVersion: 3 }, issues: [], planIssues: null });
    }
  });

  it('sends the version an edit was opened on, and no version for a new train', () => {
    const t = train();
    expect(formToInput({ ...formFromTrain(t, NOW), rotation: 'ana, bo' }, edit(t, NOW, 5), NOW).input).toMatchObject({ rotation: ['ana', 'bo'], baseVersion: 5 });
    const fresh = formToInput({ ...blankForm(), name: 'Web weekly', app: 'web', rotation: 'ana' }, { kind: 'new' }, NOW).input;
    expect(fresh).not.toBeNull();
    expect(fresh).not.toHaveProperty('baseVersion');
  });

  it('keeps the schedule when sent later than opened, even across a kickoff', () => {
    const t = train();
    const form = formFromTrain(t, NOW);
    expect(formToInput(form, edit(t), NOW + 20 * DAY).input?.firstKickoff).toBe(t.firstKickoff);
  });

  it('shows the edited train as it runs now: weekday and time of the run in progress, plan kept, rotation as text', () => {
    const form = formFromTrain(train({ cadenceDays: 10 }), NOW);
    // Every 10 days from Monday 12 Oct: run #4 (index 3) kicked off on Wednesday 11 Nov.
    expect(form).toMatchObject({ cadence: 'custom', customDays: '10', weekday: 3, time: '09:30', rotation: 'ana, bo, cy', planSource: 'current', idTouched: true });
    expect(form.phases[2]!.checklist.map((c) => c.text)).toEqual(['Regression suite green', 'Accessibility pass']);
  });

  it('sends a changed phase: owner, day and checklist', () => {
    const t = train();
    let form = formFromTrain(t, NOW);
    form = updatePhase(form, 2, { owner: ' Mia (QA) ', offsetDays: '2', newItem: 'Screenshots updated' });
    form = addChecklistItem(form, 2);
    const input = formToInput(form, edit(t), NOW).input!;
    expect(input.phases[2]).toEqual({ phase: 'validation', offsetDays: 2, owner: 'Mia (QA)', checklist: ['Regression suite green', 'Accessibility pass', 'Screenshots updated'] });
    expect(input.phases.filter((_, i) => i !== 2)).toEqual(t.phases.filter((_, i) => i !== 2));
  });
});

describe('phase days', () => {
  const withDays = (days: string[]): TrainFormState => {
    const form = blankForm();
    return { ...form, phases: form.phases.map((p, i) => ({ ...p, offsetDays: days[i]! })) };
  };

  it('must be in time order; a phase on the same day as the one before is fine', () => {
    expect(phaseIssues(withDays(['0', '1', '1', '4', '5', '12']).phases)).toEqual([]);
    const issues = phaseIssues(withDays(['0', '1', '3', '2', '5', '12']).phases);
    expect(issues.map((i) => i.path)).toEqual(['phases.3.offsetDays']);
    expect(issueAt(issues, 'phases.3.offsetDays')).toBe('Submission: day 2 is before Validation (day 3); phases go in time order.');
  });

  it('are numbers from 0 to 90; an empty one is not taken for day 0, and order is judged against the last valid day', () => {
    const issues = phaseIssues(withDays(['0', '', '3', '91', '2', '12']).phases);
    expect(issues.map((i) => i.path)).toEqual(['phases.1.offsetDays', 'phases.3.offsetDays', 'phases.4.offsetDays']);
    expect(issueAt(issues, 'phases.4.offsetDays')).toMatch(/before Validation \(day 3\)/);
  });

  it('out of order stop the form from sending, at the path the host would name', () => {
    const form = { ...blankForm(), name: 'Web weekly', app: 'web', rotation: 'ana' };
    expect(formToInput(form, { kind: 'new' }, NOW).input).not.toBeNull();
    const swapped = updatePhase(form, 5, { offsetDays: '4' });
    const checked = formToInput(swapped, { kind: 'new' }, NOW);
    expect(checked.input).toBeNull();
    expect(checked.issues.map((i) => i.path)).toEqual(['phases.5.offsetDays']);
  });
});

describe('checklist editing', () => {
  const VALIDATION = 2;

  it('adds the typed item, trimmed, at the end with a key of its own, and clears the box', () => {
    const form = updatePhase(blankForm(), VALIDATION, { newItem: '  Crash-free ≥ 99.5% on beta  ' });
    const added = addChecklistItem(form, VALIDATION);
    const items = added.phases[VALIDATION]!.checklist;
    expect(items.map((c) => c.text)).toEqual(['Regression suite green', 'QA sign-off', 'Crash-free ≥ 99.5% on beta']);
    expect(new Set(items.map((c) => c.key)).size).toBe(3);
    expect(added.phases[VALIDATION]!.newItem).toBe('');
    expect(added.nextKey).toBe(form.nextKey + 1);
  });

  it('refuses an empty or repeated item, saying why, and leaves the form as it was', () => {
    const blank = updatePhase(blankForm(), VALIDATION, { newItem: '   ' });
    expect(newItemProblem(blank.phases[VALIDATION]!)).toBe('Type the item first.');
    expect(addChecklistItem(blank, VALIDATION)).toBe(blank);
    const again = updatePhase(blankForm(), VALIDATION, { newItem: 'QA sign-off ' });
    expect(newItemProblem(again.phases[VALIDATION]!)).toMatch(/on this checklist already/);
    expect(addChecklistItem(again, VALIDATION)).toBe(again);
  });

  it('edits and removes an item by its key, leaving the others and other phases alone', () => {
    const form = blankForm();
    const [first, second] = form.phases[VALIDATION]!.checklist;
    const edited = editChecklistItem(form, VALIDATION, second!.key, 'QA and design sign-off');
    expect(edited.phases[VALIDATION]!.checklist.map((c) => c.text)).toEqual(['Regression suite green', 'QA and design sign-off']);
    const removed = removeChecklistItem(edited, VALIDATION, first!.key);
    expect(removed.phases[VALIDATION]!.checklist).toEqual([{ key: second!.key, text: 'QA and design sign-off' }]);
    expect(removed.phases.filter((_, i) => i !== VALIDATION)).toEqual(form.phases.filter((_, i) => i !== VALIDATION));
  });

  it('flags an emptied item, a repeated one, and an item typed but never added', () => {
    let form = blankForm();
    form = editChecklistItem(form, VALIDATION, form.phases[VALIDATION]!.checklist[0]!.key, ' ');
    form = editChecklistItem(form, 0, form.phases[0]!.checklist[1]!.key, 'Release branch cut');
    form = updatePhase(form, 4, { newItem: 'Dashboards open' });
    expect(phaseIssues(form.phases).map((i) => i.path)).toEqual(['phases.0.checklist.1', 'phases.2.checklist.0', 'phases.4.newItem']);
  });
});

describe('editing the schedule', () => {
  it('keeps the run in progress on its number when the kickoff weekday changes, starting it on the new day', () => {
    const t = train();
    const form = { ...formFromTrain(t, NOW), weekday: 3, time: '10:00' };
    const kickoff = kickoffOf(form, edit(t), NOW)!;
    expect(kickoff.run).toBe(currentRun(t, NOW));
    expect(new Date(kickoff.kickoffAt).toISOString()).toBe('2026-11-18T10:00:00.000Z');
    expect(runKickoff({ firstKickoff: kickoff.firstKickoff, cadenceDays: 14 }, kickoff.run)).toBe(kickoff.kickoffAt);
  });

  it('keeps the kickoff of the run in progress when only the cadence changes, unless the new cadence has it over already', () => {
    const t = train();
    const run = currentRun(t, NOW);
    const longer = { ...formFromTrain(t, NOW), cadence: 'custom' as const, customDays: '21' };
    expect(kickoffOf(longer, edit(t), NOW)).toMatchObject({ run, kickoffAt: runKickoff(t, run) });
    expect(formToInput(longer, edit(t), NOW).input).toMatchObject({ cadenceDays: 21, firstKickoff: runKickoff(t, run) - run * 21 * DAY });
    // Weekly, the run that kicked off 11 days ago would be over: the one in progress starts on the latest Monday, under the same number.
    const weekly = { ...formFromTrain(t, NOW), cadence: '7' as const };
    expect(kickoffOf(weekly, edit(t), NOW)).toMatchObject({ run, kickoffAt: Date.UTC(2026, 10, 16, 9, 30) });
  });

  it('shows a new train its first run: the latest such weekday and time at or before now', () => {
    expect(kickoffOf(blankForm(), { kind: 'new' }, NOW)).toEqual({ firstKickoff: Date.UTC(2026, 10, 16, 9, 0), run: 0, kickoffAt: Date.UTC(2026, 10, 16, 9, 0) });
  });
});

describe('the rest of the form', () => {
  const filled = { ...blankForm(), name: 'Web weekly', app: 'web', rotation: 'ana,  bo ,' };

  it('makes the id from the name, refuses one taken, and reads the rotation as names', () => {
    expect(formToInput(filled, { kind: 'new' }, NOW).input).toMatchObject({ id: 'web-weekly', rotation: ['ana', 'bo'], plan: defaultPlan('service') });
    expect(issueAt(formToInput(filled, { kind: 'new' }, NOW, ['web-weekly']).issues, 'id')).toMatch(/exists already/);
  });

  it('does not keep a plan for another target when the target changes', () => {
    const t = train();
    const form = { ...formFromTrain(t, NOW), target: 'play' as const };
    expect(issueAt(formToInput(form, edit(t), NOW).issues, 'plan')).toMatch(/current plan is for app_store/);
    expect(formToInput({ ...form, planSource: 'default' }, edit(t), NOW).input?.plan).toEqual(defaultPlan('play'));
  });

  it('reads a YAML plan with the host’s reader and names the line of a problem', () => {
    const checked = formToInput({ ...filled, planSource: 'yaml', yaml: 'name: x\ntarget: service\nstages: []\n' }, { kind: 'new' }, NOW);
    expect(checked.input).toBeNull();
    expect(checked.planIssues).toEqual([expect.objectContaining({ path: 'stages', line: 3 })]);
    expect(issueAt(checked.issues, 'plan')).toMatch(/YAML has problems/);
  });
});
