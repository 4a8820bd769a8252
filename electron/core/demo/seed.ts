import { seededRandom, type Release } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { appendEvent } from '../repos/eventLog.ts';
import { insertRelease, type NewStage } from '../repos/releases.ts';
import { insertSamples } from '../repos/samples.ts';
import { samplesAt } from '../simulator/simulator.ts';

const stage = (label: string, exposurePct: number, minSoakSeconds: number): NewStage => ({
  label,
  exposurePct,
  minSoakSeconds,
  minSamples: 50,
  promotion: 'manual',
  onFailure: 'pause',
});

export const DEMO_MOBILE_ID = 'demo-android-4-2-0';
export const DEMO_SERVICE_ID = 'demo-checkout-api-2026-11';

const HISTORY_MS = 30 * 60 * 1000;
const HISTORY_STEP_MS = 10 * 1000;

/** Fills an empty log with a demo workspace, so a first run shows live rollouts at once. */
export function seedDemoIfEmpty(db: Db, now: number): boolean {
  const count = (db.prepare('SELECT COUNT(*) AS n FROM releases').get() as { n: number }).n;
  if (count > 0) return false;
  const started = now - HISTORY_MS;
  const base = { status: 'rolling' as const, pausedMsTotal: 0, pausedAt: null, createdAt: started, updatedAt: started };
  const mobile: Release = { ...base, id: DEMO_MOBILE_ID, name: 'Shopper for Android 4.2.0', app: 'Shopper (Android)', version: '4.2.0', target: 'play', stageIndex: 1 };
  const service: Release = { ...base, id: DEMO_SERVICE_ID, name: 'checkout-api 2026.11.3', app: 'checkout-api', version: '2026.11.3', target: 'service', stageIndex: 2 };
  const random = seededRandom(42);
  db.transaction(() => {
    insertRelease(db, mobile, [stage('1%', 1, 3600), stage('5%', 5, 3600), stage('20%', 20, 7200), stage('50%', 50, 7200), stage('100%', 100, 0)]);
    insertRelease(db, service, [stage('internal', 0, 600), stage('1%', 1, 900), stage('10%', 10, 1800), stage('50%', 50, 1800), stage('100%', 100, 0)]);
    for (const r of [mobile, service]) {
      appendEvent(db, { kind: 'release.created', subject: r.id, actor: 'demo', at: started, payload: { name: r.name, target: r.target, stageIndex: r.stageIndex, demo: true } });
    }
    for (let t = started; t < now; t += HISTORY_STEP_MS) insertSamples(db, samplesAt(db, t, random));
  })();
  return true;
}
