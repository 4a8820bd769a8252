import { describe, expect, it } from 'vitest';
import { type LoggedEvent, type Result, type TrainInput, type TrainView } from '../../shared/index.ts';
import { operatorCore } from '../support/core.ts';
import { webWeeklyTrain } from '../support/trains.ts';

const DAY = 24 * 60 * 60 * 1000;
const alice = { actor: 'alice', role: 'operator' as const };
const bob = { actor: 'bob', role: 'operator' as const };

const train = (now: number): TrainInput => webWeeklyTrain(now - 2 * DAY);

function setup() {
  const { core, clock, call } = operatorCore();
  const save = (input: Record<string, unknown>, caller = alice) => core.invoke('saveTrain', input, caller) as Promise<Result<TrainView>>;
  const stored = async () => (await call<TrainView[]>('listTrains', {})).find((t) => t.train.id === 'web-weekly');
  const trainEvents = () => call<LoggedEvent[]>('listEvents', { limit: 100, query: 'web-weekly' });
  return { clock, save, stored, trainEvents };
}

describe('creating a train is not editing one', () => {
  it('refuses to create a train whose id is taken, naming it, and leaves the train and the log as they were', async () => {
    const { clock, save, stored, trainEvents } = setup();
    expect((await save(train(clock.t))).ok).toBe(true);
    const before = await stored();
    const eventsBefore = await trainEvents();

    const again = await save({ ...train(clock.t), name: 'Another web train', rotation: ['cy'] }, bob);

    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.error.code).toBe('conflict');
      expect(again.error.message).toContain('"web-weekly" exists already');
      expect(again.error.issues).toEqual([{ path: 'id', message: expect.stringContaining('web-weekly') }]);
    }
    expect(await stored()).toEqual(before);
    expect(await trainEvents()).toEqual(eventsBefore);
  });

  it('edits the version it was based on and counts versions up; saving it unchanged records nothing', async () => {
    const { clock, save, stored, trainEvents } = setup();
    await save(train(clock.t));
    expect(await stored()).toMatchObject({ version: 1 });
    const edited = await save({ ...train(clock.t), rotation: ['ana', 'bo', 'cy'], baseVersion: 1 });
    expect(edited).toMatchObject({ ok: true, value: { version: 2, train: { rotation: ['ana', 'bo', 'cy'] } } });
    const events = await trainEvents();
    expect(await save({ ...train(clock.t), rotation: ['ana', 'bo', 'cy'], baseVersion: 2 })).toMatchObject({ ok: true, value: { version: 2 } });
    expect(await trainEvents()).toEqual(events);
  });

  it('refuses an edit based on a version someone else has changed since, saying who changed what, and writes nothing', async () => {
    const { clock, save, stored, trainEvents } = setup();
    await save(train(clock.t));
    // Both open version 1; Alice saves first.
    expect((await save({ ...train(clock.t), rotation: ['cy'], cadenceDays: 14, baseVersion: 1 })).ok).toBe(true);
    const afterAlice = await stored();
    const eventsAfterAlice = await trainEvents();

    const stale = await save({ ...train(clock.t), name: 'Web, weekly', baseVersion: 1 }, bob);

    expect(stale.ok).toBe(false);
    if (!stale.ok) {
      expect(stale.error.code).toBe('conflict');
      expect(stale.error.message).toMatch(/changed by alice since you opened it/);
      expect(stale.error.message).toMatch(/cadence/);
      expect(stale.error.message).toMatch(/monitoring rotation/);
      expect(stale.error.issues?.map((i) => i.path).sort()).toEqual(['cadenceDays', 'rotation']);
    }
    expect(await stored()).toEqual(afterAlice);
    expect(await trainEvents()).toEqual(eventsAfterAlice);
  });

  it('answers an edit of a train that does not exist with not_found, and creates nothing', async () => {
    const { clock, save, stored } = setup();
    expect(await save({ ...train(clock.t), baseVersion: 1 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await stored()).toBeUndefined();
  });
});
