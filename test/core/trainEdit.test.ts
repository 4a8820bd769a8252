import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core.ts';
import { checksOf } from '../../electron/core/repos/trains.ts';
import { currentRun, rescheduledFirstKickoff, runKickoff, type Result, type SaveTrainInput, type TrainInput, type TrainView } from '../../shared/index.ts';
import { FakeClock } from '../support/clock.ts';
import { webWeeklyTrain } from '../support/trains.ts';
import { tempDir } from '../support/tmp.ts';
import { dataFile } from '../support/dataFile.ts';

const op = { actor: 'alice', role: 'operator' as const };
const DAY = 24 * 60 * 60 * 1000;

async function setup() {
  const clock = new FakeClock();
  const core = createCore({ dataDir: tempDir(), version: 't', now: clock.now, checkOutputs: true, guard: false });
  const save = (input: SaveTrainInput) => core.invoke('saveTrain', input, op) as Promise<Result<TrainView>>;
  const saved = async (input: SaveTrainInput): Promise<TrainView> => {
    const r = await save(input);
    if (!r.ok) throw new Error(`saveTrain: ${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  const tick = async (run: number, phase: TrainInput['phases'][number]['phase'], item: string) => {
    const r = await core.invoke('checkTrainItem', { trainId: 'web-weekly', run, phase, item, checked: true }, op);
    expect(r.ok).toBe(true);
  };
  const stored = async (): Promise<TrainInput> => {
    const r = (await core.invoke('listTrains', {}, op)) as Result<TrainView[]>;
    if (!r.ok || !r.value[0]) throw new Error('listTrains: no train');
    return r.value[0].train;
  };
  // An edit as the train form makes it: on the version last read.
  const edit = async (input: TrainInput): Promise<SaveTrainInput> => {
    const r = (await core.invoke('listTrains', {}, op)) as Result<TrainView[]>;
    return { ...input, baseVersion: r.ok ? r.value[0]!.version : 0 };
  };
  return { core, clock, save, saved, tick, stored, edit };
}

// Kicked off three weeks and a day ago: run #4 (index 3) is in progress.
const train = (now: number): TrainInput => webWeeklyTrain(now - 22 * DAY);

const withValidation = (t: TrainInput, change: Partial<TrainInput['phases'][number]>): TrainInput => ({
  ...t,
  phases: t.phases.map((p) => (p.phase === 'validation' ? { ...p, ...change } : p)),
});

describe('editing a train', () => {
  it('changes owner, day and checklist in place; ticks of kept items stay, ticks of a removed item go from the run in progress on', async () => {
    const { core, clock, saved, tick, stored, edit } = await setup();
    const original = train(clock.t);
    await saved(original);
    await tick(2, 'validation', 'QA sign-off');
    await tick(3, 'validation', 'QA sign-off');
    await tick(3, 'validation', 'Regression suite green');

    const edited = withValidation(original, { owner: 'Mia (QA)', offsetDays: 2, checklist: ['Regression suite green', 'Accessibility pass'] });
    const view = await saved(await edit(edited));
    expect(view.current.run).toBe(3);
    const validation = view.current.phases.find((p) => p.phase === 'validation')!;
    expect(validation.owner).toBe('Mia (QA)');
    expect(validation.startsAt).toBe(view.current.kickoffAt + 2 * DAY);
    expect(validation.checklist.map((c) => [c.item, c.checked])).toEqual([
      ['Regression suite green', true],
      ['Accessibility pass', false],
    ]);
    expect(await stored()).toEqual(edited);

    // The item put back starts unticked in the run in progress; the earlier run keeps its record.
    const back = await saved(await edit(original));
    expect(back.current.phases.find((p) => p.phase === 'validation')!.checklist.find((c) => c.item === 'QA sign-off')!.checked).toBe(false);
    expect(checksOf(dataFile(core.dataDir), 'web-weekly').filter((c) => c.item === 'QA sign-off').map((c) => c.run)).toEqual([2]);
  });

  it('refuses a schedule that renumbers runs once ticks are filed under them, and writes nothing', async () => {
    const { clock, save, saved, tick, stored, edit } = await setup();
    const original = train(clock.t);
    await saved(original);
    await tick(3, 'feature_cutoff', 'Release branch cut');
    const restarted = { ...original, firstKickoff: clock.t - DAY };
    const refused = await save(await edit(restarted));
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('conflict');
      expect(refused.error.issues?.map((i) => i.path)).toEqual(['firstKickoff']);
    }
    expect(await stored()).toEqual(original);
  });

  it('accepts a new cadence and kickoff day that keep the run in progress on its number', async () => {
    const { clock, saved, tick, edit } = await setup();
    const original = train(clock.t);
    await saved(original);
    await tick(3, 'feature_cutoff', 'Release branch cut');
    // Every 10 days from a kickoff two days ago: run #4 still, now starting then.
    const anchor = clock.t - 2 * DAY;
    const firstKickoff = rescheduledFirstKickoff(original, 10, anchor, clock.t);
    expect(currentRun({ firstKickoff, cadenceDays: 10 }, clock.t)).toBe(3);
    const view = await saved(await edit({ ...original, cadenceDays: 10, firstKickoff }));
    expect(view.current.kickoffAt).toBe(anchor);
    expect(view.current.phases[0]!.checklist[0]).toMatchObject({ item: 'Release branch cut', checked: true });
    expect(runKickoff({ firstKickoff, cadenceDays: 10 }, 4)).toBe(anchor + 10 * DAY);
  });

  it('lets a schedule renumber runs while nothing is filed under them', async () => {
    const { clock, saved, edit } = await setup();
    const original = train(clock.t);
    await saved(original);
    const view = await saved(await edit({ ...original, firstKickoff: clock.t - DAY }));
    expect(view.current.run).toBe(0);
  });

  it('refuses the same item twice on one checklist, naming it', async () => {
    const { clock, save } = await setup();
    const r = await save(withValidation(train(clock.t), { checklist: ['QA sign-off', 'QA sign-off'] }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues).toEqual([{ path: 'phases.2.checklist.1', message: 'already on this checklist' }]);
  });
});
