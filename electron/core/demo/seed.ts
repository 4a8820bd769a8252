import { DEFAULT_PHASES, defaultPlan, seededRandom, stagesOfPlan, type Plan, type Release, type TrainInput } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { appendEvent } from '../repos/eventLog.ts';
import { insertFault } from '../repos/faults.ts';
import { insertFlag, setFlagState } from '../repos/flags.ts';
import { insertTrain, setCheck } from '../repos/trains.ts';
import { insertRelease } from '../repos/releases.ts';
import { insertSamples } from '../metrics/store.ts';
import { samplesAt } from '../simulator/simulator.ts';
import { writeTransaction } from '../db/write.ts';
import { DAY_MS } from '../../../shared/time.ts';

export const DEMO_MOBILE_ID = 'demo-android-4-2-0';
export const DEMO_SERVICE_ID = 'demo-checkout-api-2026-11';
export const DEMO_TRAIN_ID = 'shopper-android-weekly';

const HISTORY_MS = 30 * 60 * 1000;
const HISTORY_STEP_MS = 10 * 1000;
/** The demo's service canary degrades in one region this long after the console first starts. */
export const DEMO_FAULT_DELAY_MS = 4 * 60 * 1000;

/** Manual promotion everywhere, and pause on failure, so a visitor sees the guard ask and stop rather than race ahead. */
function demoPlan(base: Plan): Plan {
  return { ...base, stages: base.stages.map((s) => ({ ...s, promotion: 'manual', onFailure: 'pause' })) };
}

/** Fills an empty log with a demo workspace, so a first run shows live rollouts at once. */
export function seedDemoIfEmpty(db: Db, now: number): boolean {
  const started = now - HISTORY_MS;
  const base = {
    status: 'rolling' as const,
    pausedMsTotal: 0,
    pausedAt: null,
    createdAt: started,
    updatedAt: started,
    trainId: null,
    trainRun: null,
    approvalRequestedAt: null,
    source: 'simulator' as const,
    connectionId: null,
    baselineVersion: null,
    chosenExposurePct: null,
  };
  const mobilePlan = demoPlan(defaultPlan('play'));
  const servicePlan = demoPlan(defaultPlan('service'));
  // The weekly Android train kicked off five days ago at 09:00 UTC, so its staged rollout runs today.
  const kickoff = Math.floor((now - 5 * DAY_MS) / DAY_MS) * DAY_MS + 9 * 60 * 60 * 1000;
  const train: TrainInput = {
    id: DEMO_TRAIN_ID,
    name: 'Shopper Android weekly',
    app: 'Shopper (Android)',
    target: 'play',
    cadenceDays: 7,
    firstKickoff: kickoff - 7 * DAY_MS,
    phases: DEFAULT_PHASES,
    rotation: ['Priya (mobile on-call)', 'Marco (mobile on-call)', 'Lena (mobile on-call)'],
    plan: mobilePlan,
  };
  const mobile: Release = { ...base, trainId: DEMO_TRAIN_ID, trainRun: 1, id: DEMO_MOBILE_ID, name: 'Shopper for Android 4.2.0', app: 'Shopper (Android)', version: '4.2.0', target: 'play', stageIndex: 1, planName: mobilePlan.name };
  const service: Release = { ...base, id: DEMO_SERVICE_ID, name: 'checkout-api 2026.11.3', app: 'checkout-api', version: '2026.11.3', target: 'service', stageIndex: 2, planName: servicePlan.name };
  const random = seededRandom(42);
  // Counted under the write lock: two hosts opening a new folder at once seed it once.
  return writeTransaction(db, () => {
    const count = (db.prepare('SELECT COUNT(*) AS n FROM releases').get() as { n: number }).n;
    if (count > 0) return false;
    insertRelease(db, mobile, stagesOfPlan(mobilePlan));
    insertRelease(db, service, stagesOfPlan(servicePlan));
    insertTrain(db, train, started);
    appendEvent(db, { kind: 'train.created', subject: DEMO_TRAIN_ID, actor: 'demo', at: started, payload: { name: train.name, cadenceDays: train.cadenceDays, target: train.target, version: 1 } });
    // Earlier phases' checklists done, except one item left for the overdue marker to show.
    for (const phase of DEFAULT_PHASES.filter((p) => p.offsetDays < 5)) {
      for (const item of phase.checklist) {
        if (item !== 'QA sign-off') setCheck(db, DEMO_TRAIN_ID, 1, phase.phase, item, true, 'demo', started);
      }
    }
    for (const r of [mobile, service]) {
      appendEvent(db, { kind: 'release.created', subject: r.id, actor: 'demo', at: started, payload: { name: r.name, target: r.target, plan: r.planName, trainId: r.trainId, trainRun: r.trainRun, source: r.source, connectionId: r.connectionId, demo: true } });
    }
    for (let t = started; t < now; t += HISTORY_STEP_MS) insertSamples(db, samplesAt(db, t, random));
    seedFlags(db, started, now);
    insertFault(db, {
      releaseId: DEMO_SERVICE_ID,
      metric: 'p95_latency_ms',
      segment: { region: 'eu-west', device: '', tenant: '' },
      factor: 1.6,
      startsAt: now + DEMO_FAULT_DELAY_MS,
      endsAt: now + DEMO_FAULT_DELAY_MS + 2 * 60 * 60 * 1000,
      createdAt: now,
    }, 'demo');
    return true;
  });
}

function seedFlags(db: Db, at: number, now: number): void {
  const flags = [
    { key: 'checkout.new-payment-sheet', description: 'New payment sheet on Android', owner: 'payments team', type: 'release' as const, expiry: { kind: 'train' as const, trainId: DEMO_TRAIN_ID, trainsAfterFull: 2 }, cleanup: 'Remove the old sheet two trains after 100%', linkedReleases: [DEMO_MOBILE_ID] },
    { key: 'search.ranking-v2', description: 'Experiment: learning-to-rank search results', owner: 'search team', type: 'experiment' as const, expiry: { kind: 'date' as const, at: now + 21 * DAY_MS }, cleanup: 'Keep the winner, delete the loser', linkedReleases: [DEMO_SERVICE_ID] },
    { key: 'ops.disable-recommendations', description: 'Kill switch: turn off recommendations under load', owner: 'SRE', type: 'kill_switch' as const, expiry: { kind: 'none' as const }, cleanup: 'Permanent', linkedReleases: [] },
    { key: 'legacy.promo-banner', description: 'Black Friday 2025 promo banner', owner: 'growth team', type: 'release' as const, expiry: { kind: 'date' as const, at: now - 40 * DAY_MS }, cleanup: 'Delete banner code', linkedReleases: [] },
  ];
  for (const f of flags) insertFlag(db, f, f.key === 'legacy.promo-banner' ? now - 60 * DAY_MS : at);
  setFlagState(db, 'search.ranking-v2', 'staging', { mode: 'on', pct: 0 }, at);
  setFlagState(db, 'search.ranking-v2', 'production', { mode: 'percentage', pct: 20 }, at);
  setFlagState(db, 'ops.disable-recommendations', 'production', { mode: 'off', pct: 0 }, at);
  setFlagState(db, 'legacy.promo-banner', 'production', { mode: 'on', pct: 0 }, now - 60 * DAY_MS);
  for (const { key, ...meta } of flags) appendEvent(db, { kind: 'flag.created', subject: key, actor: 'demo', at, payload: { ...meta, version: 1 } });
}
