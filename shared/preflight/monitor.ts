// Check 4: someone is named to watch the rollout for its days. A release cut from a train is watched
// by the monitor its train's rotation names for that run, over the run's days; one not cut from a
// train has no rotation, so the person starting it names who watches (kept in the start decision's
// evidence). Nobody named refuses the start: the failure this pre-flight exists for is a team that
// begins watching only once the update is live.
import type { PreflightCheck, PreflightItem } from '../domain/preflight.ts';
import { currentRun, trainRun, type TrainInput } from '../domain/trains.ts';
import { check, day, exactMinutes } from './text.ts';

export interface MonitorFacts {
  /** Named by the person starting the rollout; wins over a rotation (a swap, a cover). */
  monitor: string | null;
  trainId: string | null;
  trainRun: number | null;
  /** The train it was cut from; null when none, or when that train no longer exists. */
  train: TrainInput | null;
  now: number;
  /** How long the rollout is planned to take: the soaks of its stages before the last. */
  rolloutMs: number;
}

const FIX_NAME = 'Name who watches this rollout when you start it (Monitor), or cut the release from a train whose rotation names someone.';

export function monitorCheck(f: MonitorFacts): PreflightCheck {
  const until = f.now + f.rolloutMs;
  const span = day(until) === day(f.now) ? day(f.now) : `${day(f.now)} – ${day(until)}`;
  if (f.monitor) {
    const items: PreflightItem[] = [{ subject: f.monitor, outcome: 'pass', text: `named at the start to watch it, ${span}` }];
    if (f.train) {
      const run = trainRun(f.train, f.trainRun ?? currentRun(f.train, f.now), f.now, []);
      if (run.monitor !== f.monitor) items.push({ subject: run.label, outcome: 'info', text: `the rotation names ${run.monitor}; ${f.monitor} is named instead` });
    }
    return check('monitor', { outcome: 'pass', finding: `${f.monitor} is named to watch this rollout (${span}).`, fix: null, items });
  }
  if (f.trainId && !f.train) {
    return check('monitor', {
      outcome: 'fail',
      finding: `The release was cut from the train “${f.trainId}”, which no longer exists, so no rotation names anyone to watch it.`,
      fix: FIX_NAME,
      items: [],
    });
  }
  if (!f.train) {
    return check('monitor', {
      outcome: 'fail',
      finding: 'No one is named to watch this rollout: it was not cut from a train, so no monitoring rotation covers it.',
      fix: FIX_NAME,
      items: [],
    });
  }
  const run = trainRun(f.train, f.trainRun ?? currentRun(f.train, f.now), f.now, []);
  const runDays = `${day(run.kickoffAt)} – ${day(run.endsAt)}`;
  const items: PreflightItem[] = [{ subject: run.label, outcome: 'pass', text: `${run.monitor} is on the ${f.train.name} rotation for this run, ${runDays}` }];
  if (until > run.endsAt) {
    items.push({ subject: 'after the run', outcome: 'warn', text: `the rollout’s planned ${exactMinutes(f.rolloutMs / 60_000)} runs to ${day(until)}, past the run’s end on ${day(run.endsAt)}` });
    return check('monitor', {
      finding: `${run.monitor} watches ${run.label} until ${day(run.endsAt)}, but this rollout is planned to run until ${day(until)}, when the rotation names no one for it.`,
      fix: `Name who watches it past ${day(run.endsAt)} when you start it (Monitor), or shorten the stages’ soaks.`,
      items,
    });
  }
  return check('monitor', {
    finding: `${run.monitor} watches this rollout: the ${f.train.name} rotation names them for ${run.label} (${runDays}).`,
    fix: null,
    items,
  });
}
