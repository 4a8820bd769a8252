// The metrics store: ingest rate against a plain better-sqlite3 insert loop into the same table, and
// a one-hour canary/baseline window out of 1,000,000 stored samples, queried and downsampled for a chart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../electron/core/db/open.ts';
import { seriesId } from '../electron/core/metrics/series.ts';
import { insertSamples, seriesFor } from '../electron/core/metrics/store.ts';
import { insertRelease } from '../electron/core/repos/releases.ts';
import { defaultPlan, downsampleSeries, MetricName, seededRandom, stagesOfPlan, type Sample } from '../shared/index.ts';
import { median } from './median.ts';

const TOTAL = 1_000_000;
const BATCH = 2_400;
const TICK_MS = 2_000;
const segments = ['us-east', 'eu-west', 'ap-south'].flatMap((region) => ['phone', 'tablet'].map((device) => ({ region, device, tenant: '' })));

function freshDb(): { db: Db; dispose: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagegate-bench-store-'));
  const db = openDatabase(dir);
  insertRelease(
    db,
    { id: 'r', name: 'r', app: 'a', version: '1', target: 'play', status: 'rolling', stageIndex: 1, pausedMsTotal: 0, pausedAt: null, createdAt: 0, updatedAt: 0, trainId: null, trainRun: null, planName: 'p', approvalRequestedAt: null, source: 'simulator', connectionId: null, baselineVersion: null, chosenExposurePct: null },
    stagesOfPlan(defaultPlan('play')),
  );
  return { db, dispose: () => (db.close(), fs.rmSync(dir, { recursive: true, force: true })) };
}

/** One million samples: 48 series (4 metrics × 2 cohorts × 6 segments) every 2 s, about 11.6 hours. */
function* batches(start: number): Generator<Sample[]> {
  const random = seededRandom(9);
  let batch: Sample[] = [];
  let made = 0;
  for (let t = start; made < TOTAL; t += TICK_MS) {
    for (const metric of MetricName.options) {
      for (const cohort of ['canary', 'baseline'] as const) {
        for (const segment of segments) {
          batch.push({ releaseId: 'r', metric, cohort, segment, t, value: 100 + random() * 10, weight: 20 + random() * 5 });
          made += 1;
          if (batch.length === BATCH) {
            yield batch;
            batch = [];
          }
        }
      }
    }
  }
  if (batch.length) yield batch;
}


export async function benchMetricsStore(): Promise<void> {
  const start = Date.UTC(2026, 10, 1);
  const generated = [...batches(start)];
  // Alternate the two writers on fresh files so neither gains from going second (warm caches, a grown WAL).
  const oursRates: number[] = [];
  const plainRates: number[] = [];
  let ours = freshDb();
  for (let round = 0; round < 2; round += 1) {
    ours.dispose();
    ours = freshDb();
    let t0 = performance.now();
    for (const batch of generated) insertSamples(ours.db, batch);
    oursRates.push(TOTAL / ((performance.now() - t0) / 1000));

    const plain = freshDb();
    const insert = plain.db.prepare('INSERT INTO samples (series_id, t, value, weight) VALUES (?, ?, ?, ?)');
    const prepared = generated.map((b) => b.map((x) => [seriesId(plain.db, x), x.t, x.value, x.weight] as const));
    const loop = plain.db.transaction((rows: (typeof prepared)[number]) => {
      for (const r of rows) insert.run(r[0], r[1], r[2], r[3]);
    });
    t0 = performance.now();
    for (const rows of prepared) loop(rows);
    plainRates.push(TOTAL / ((performance.now() - t0) / 1000));
    plain.dispose();
  }
  const oursRate = Math.max(...oursRates);
  const plainRate = Math.max(...plainRates);
  console.log(`metrics ingest, ${TOTAL.toLocaleString('en')} samples in batches of ${BATCH}, best of 2 alternating runs:`);
  console.log(`  store (series ids resolved, replace on conflict): ${Math.round(oursRate).toLocaleString('en')} samples/s`);
  console.log(`  plain prepared insert loop, ids known:          ${Math.round(plainRate).toLocaleString('en')} samples/s`);
  console.log(`  store / plain: ${((oursRate / plainRate) * 100).toFixed(0)} % (target ≥ 80 %)`);

  const stored = (ours.db.prepare('SELECT COUNT(*) AS n FROM samples').get() as { n: number }).n;
  const lastT = (ours.db.prepare('SELECT MAX(t) AS t FROM samples').get() as { t: number }).t;
  const since = lastT - 60 * 60 * 1000;
  const one: number[] = [];
  const all: number[] = [];
  let points = 0;
  let drawn = 0;
  for (let i = 0; i < 21; i += 1) {
    let s = performance.now();
    const raw = seriesFor(ours.db, 'r', 'p95_latency_ms', since);
    drawn = downsampleSeries(raw, 1000).length;
    points = raw.length;
    one.push(performance.now() - s);
    s = performance.now();
    for (const metric of MetricName.options) downsampleSeries(seriesFor(ours.db, 'r', metric, since), 1000);
    all.push(performance.now() - s);
  }
  console.log(`one-hour window out of ${stored.toLocaleString('en')} stored samples (${points} timestamps × 12 series → ${drawn} drawn), median of 21:`);
  console.log(`  one metric, queried and downsampled: ${median(one).toFixed(1)} ms (target < 50 ms)`);
  console.log(`  all four metrics of a release page:  ${median(all).toFixed(1)} ms`);
  ours.dispose();
}
