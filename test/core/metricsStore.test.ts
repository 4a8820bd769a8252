import { describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/db/open.ts';
import { compact, MINUTE_MS } from '../../electron/core/metrics/retention.ts';
import { insertSamples, observationsFor, segmentSeriesFor, seriesFor } from '../../electron/core/metrics/store.ts';
import { insertRelease } from '../../electron/core/repos/releases.ts';
import { defaultPlan, seededRandom, stagesOfPlan, type Sample } from '../../shared/index.ts';
import { tempDir } from '../support/tmp.ts';

const HOUR = 60 * MINUTE_MS;
const T0 = Date.UTC(2026, 10, 1);

function dbWithRelease(): Db {
  return dbWithReleaseIn(tempDir());
}

function dbWithReleaseIn(dir: string): Db {
  const db = openDatabase(dir);
  insertRelease(
    db,
    { id: 'r', name: 'r', app: 'a', version: '1', target: 'service', status: 'rolling', stageIndex: 0, pausedMsTotal: 0, pausedAt: null, createdAt: T0, updatedAt: T0, trainId: null, trainRun: null, planName: 'p', approvalRequestedAt: null, source: 'simulator', connectionId: null, baselineVersion: null, chosenExposurePct: null },
    stagesOfPlan(defaultPlan('service')),
  );
  return db;
}

const sample = (t: number, cohort: 'canary' | 'baseline', value: number, weight: number, region = 'eu'): Sample => ({
  releaseId: 'r',
  metric: 'p95_latency_ms',
  cohort,
  segment: { region, device: '', tenant: '' },
  t,
  value,
  weight,
});

describe('the metrics store', () => {
  it('combines segments by weight per timestamp, per cohort', () => {
    const db = dbWithRelease();
    insertSamples(db, [sample(T0, 'canary', 100, 1, 'eu'), sample(T0, 'canary', 200, 3, 'us'), sample(T0, 'baseline', 150, 10, 'eu')]);
    expect(seriesFor(db, 'r', 'p95_latency_ms', T0)).toEqual([{ t: T0, canary: 175, baseline: 150 }]);
    expect(segmentSeriesFor(db, 'r', 'p95_latency_ms', 'region', T0)).toEqual([
      { key: 'eu', points: [{ t: T0, canary: 100, baseline: 150 }] },
      { key: 'us', points: [{ t: T0, canary: 200, baseline: null }] },
    ]);
  });

  it('replaces a second sample for the same series and time, so a batch sent twice is counted once', () => {
    const db = dbWithRelease();
    insertSamples(db, [sample(T0, 'canary', 100, 1)]);
    insertSamples(db, [sample(T0, 'canary', 400, 2)]);
    expect(seriesFor(db, 'r', 'p95_latency_ms', T0)[0]!.canary).toBe(400);
    const batch = [sample(T0, 'canary', 100, 3, 'eu'), sample(T0, 'canary', 200, 1, 'us'), sample(T0 + 1000, 'baseline', 150, 10)];
    insertSamples(db, batch);
    const once = seriesFor(db, 'r', 'p95_latency_ms', T0);
    insertSamples(db, batch);
    expect(seriesFor(db, 'r', 'p95_latency_ms', T0)).toEqual(once);
    expect(once[0]!.canary).toBe(125);
  });

  it('keeps the later of two samples for the same series and time within one large batch, as in a small one', () => {
    const db = dbWithRelease();
    // 70 rows: statements of several rows and a few single ones; repeats across statements.
    const batch = Array.from({ length: 70 }, (_, i) => sample(T0 + (i % 20) * 1000, 'canary', i, 1));
    insertSamples(db, batch);
    const stored = observationsFor(db, 'r', ['p95_latency_ms'], T0, T0 + HOUR).get('p95_latency_ms')!;
    expect(stored.map((o) => o.value)).toEqual(Array.from({ length: 20 }, (_, k) => (k < 10 ? 60 + k : 40 + k)));
    // Repeats next to each other, so inside one statement: the second of each pair stays.
    const later = dbWithRelease();
    insertSamples(later, Array.from({ length: 67 }, (_, i) => sample(T0 + Math.floor(i / 2) * 1000, 'canary', i, 1)));
    const kept = observationsFor(later, 'r', ['p95_latency_ms'], T0, T0 + HOUR).get('p95_latency_ms')!;
    expect(kept.map((o) => o.value)).toEqual(Array.from({ length: 34 }, (_, k) => Math.min(2 * k + 1, 66)));
  });

  it('keeps a missing value as NULL and counts its weight toward no mean, window or roll-up', () => {
    const db = dbWithRelease();
    const missing = { ...sample(T0, 'canary', 0, 1000, 'us'), value: null };
    insertSamples(db, [sample(T0, 'canary', 100, 1, 'eu'), missing, sample(T0, 'baseline', 150, 10, 'eu')]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM samples WHERE value IS NULL').get()).toEqual({ n: 1 });
    expect(seriesFor(db, 'r', 'p95_latency_ms', T0)).toEqual([{ t: T0, canary: 100, baseline: 150 }]);
    expect(segmentSeriesFor(db, 'r', 'p95_latency_ms', 'region', T0).map((s) => s.key)).toEqual(['eu']);
    expect(observationsFor(db, 'r', ['p95_latency_ms'], T0, T0).get('p95_latency_ms')!.map((o) => o.weight).sort((a, b) => a - b)).toEqual([1, 10]);
    compact(db, T0 + 72 * HOUR, { rawMs: 48 * HOUR, rollupMs: 90 * 24 * HOUR });
    expect(db.prepare('SELECT n, weight, weighted_sum, min, max FROM sample_rollups r JOIN metric_series ms ON ms.id = r.series_id WHERE ms.cohort = ?').all('canary')).toEqual([
      { n: 1, weight: 1, weighted_sum: 100, min: 100, max: 100 },
    ]);
    expect(seriesFor(db, 'r', 'p95_latency_ms', T0)).toEqual([{ t: T0, canary: 100, baseline: 150 }]);
  });

  it('windows observations for gates by time, raw samples only', () => {
    const db = dbWithRelease();
    insertSamples(db, [0, 1, 2, 3].map((i) => sample(T0 + i * 1000, 'canary', i, 1)));
    const obs = observationsFor(db, 'r', ['p95_latency_ms'], T0 + 1000, T0 + 2000).get('p95_latency_ms')!;
    expect(obs.map((o) => o.value).sort()).toEqual([1, 2]);
  });

  it('reads for each look what is stored now: late and replaced rows, other connections, moving windows, compaction', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    insertRelease(
      db,
      { id: 'r', name: 'r', app: 'a', version: '1', target: 'service', status: 'rolling', stageIndex: 0, pausedMsTotal: 0, pausedAt: null, createdAt: T0, updatedAt: T0, trainId: null, trainRun: null, planName: 'p', approvalRequestedAt: null, source: 'simulator', connectionId: null, baselineVersion: null, chosenExposurePct: null },
      stagesOfPlan(defaultPlan('service')),
    );
    const look = (since: number, until: number) =>
      observationsFor(db, 'r', ['p95_latency_ms'], since, until)
        .get('p95_latency_ms')!
        .map((o) => [o.t - T0, o.value]);
    insertSamples(db, [0, 1, 2, 3].map((i) => sample(T0 + i * 1000, 'canary', i, 1)));
    expect(look(T0, T0 + 3000)).toEqual([[0, 0], [1000, 1], [2000, 2], [3000, 3]]);
    // New rows after the last look, a late row inside what was read, and a replaced one.
    insertSamples(db, [sample(T0 + 4000, 'canary', 4, 1), sample(T0 + 1500, 'canary', 1.5, 1), sample(T0 + 2000, 'canary', 20, 1)]);
    expect(look(T0, T0 + 4000)).toEqual([[0, 0], [1000, 1], [1500, 1.5], [2000, 20], [3000, 3], [4000, 4]]);
    // A window that starts later, and one that ends earlier.
    expect(look(T0 + 1500, T0 + 4000)).toEqual([[1500, 1.5], [2000, 20], [3000, 3], [4000, 4]]);
    expect(look(T0, T0 + 2000)).toEqual([[0, 0], [1000, 1], [1500, 1.5], [2000, 20]]);
    expect(look(T0, T0 + 4000)).toEqual([[0, 0], [1000, 1], [1500, 1.5], [2000, 20], [3000, 3], [4000, 4]]);
    // Another connection to the same file (the CLI ingesting while the console runs).
    const other = openDatabase(dir);
    insertSamples(other, [sample(T0 + 500, 'canary', 0.5, 1), { ...sample(T0 + 3000, 'canary', 0, 1), value: null }]);
    other.close();
    expect(look(T0, T0 + 4000)).toEqual([[0, 0], [500, 0.5], [1000, 1], [1500, 1.5], [2000, 20], [4000, 4]]);
    // Compaction rolls the raw rows up and removes them.
    compact(db, T0 + 72 * HOUR, { rawMs: 48 * HOUR, rollupMs: 90 * 24 * HOUR });
    expect(look(T0, T0 + 4000)).toEqual([]);
    db.close();
  });

  it('labels each observation with its own series, one another connection created included, and shares a frozen segment', () => {
    const dir = tempDir();
    const db = dbWithReleaseIn(dir);
    insertSamples(db, [sample(T0, 'canary', 1, 1, 'eu')]);
    const labelsAt = () =>
      observationsFor(db, 'r', ['p95_latency_ms'], T0, T0 + 4000)
        .get('p95_latency_ms')!
        .map((o) => `${o.t - T0} ${o.cohort} ${o.segment.region} ${o.value}`);
    expect(labelsAt()).toEqual(['0 canary eu 1']);
    // Series this connection has never written: their ids are new to it.
    const other = openDatabase(dir);
    insertSamples(other, [sample(T0 + 1000, 'baseline', 2, 1, 'us'), sample(T0 + 2000, 'canary', 3, 1, 'ap'), sample(T0 + 3000, 'canary', 4, 1, 'eu')]);
    other.close();
    // In label order (cohort, region, ...), then time.
    expect(labelsAt()).toEqual(['1000 baseline us 2', '2000 canary ap 3', '0 canary eu 1', '3000 canary eu 4']);
    const [first, second] = observationsFor(db, 'r', ['p95_latency_ms'], T0, T0 + 4000).get('p95_latency_ms')!.filter((o) => o.segment.region === 'eu');
    expect(first!.segment).toBe(second!.segment);
    expect(() => Object.assign(first!.segment, { region: 'us' })).toThrow(TypeError);
    db.close();
  });

  it('draws a segment’s small multiple from minute roll-ups once its raw samples are compacted', () => {
    const db = dbWithRelease();
    const samples: Sample[] = [];
    for (let t = T0; t < T0 + 72 * HOUR; t += 30_000) samples.push(sample(t, 'canary', 200, 2, 'eu'), sample(t, 'baseline', 100, 10, 'eu'));
    insertSamples(db, samples);
    compact(db, T0 + 72 * HOUR, { rawMs: 48 * HOUR, rollupMs: 90 * 24 * HOUR });
    const [eu] = segmentSeriesFor(db, 'r', 'p95_latency_ms', 'region', T0);
    // The first day is minutes now (1,440 of them), the rest still raw samples every 30 s.
    expect(eu!.points.filter((p) => p.t < T0 + 24 * HOUR)).toHaveLength(24 * 60);
    expect(eu!.points[0]).toEqual({ t: T0, canary: 200, baseline: 100 });
    db.close();
  });

  it('rolls samples past the raw horizon into minutes, keeping weighted means, weights and extremes', () => {
    const db = dbWithRelease();
    const r = seededRandom(3);
    const samples: Sample[] = [];
    for (let t = T0; t < T0 + 72 * HOUR; t += 10_000) {
      samples.push(sample(t, 'canary', 100 + r() * 50, 1 + Math.floor(r() * 5)), sample(t, 'baseline', 100 + r() * 50, 10));
    }
    insertSamples(db, samples);
    const before = seriesFor(db, 'r', 'p95_latency_ms', T0, T0 + HOUR - 1);
    const totalWeight = () => (db.prepare('SELECT (SELECT COALESCE(SUM(weight),0) FROM samples) + (SELECT COALESCE(SUM(weight),0) FROM sample_rollups) AS w').get() as { w: number }).w;
    const weightBefore = totalWeight();

    const result = compact(db, T0 + 72 * HOUR, { rawMs: 48 * HOUR, rollupMs: 90 * 24 * HOUR });
    expect(result.rolledUp).toBe(24 * 360 * 2);
    expect((db.prepare('SELECT MIN(t) AS t FROM samples').get() as { t: number }).t).toBe(T0 + 24 * HOUR);
    expect(totalWeight()).toBeCloseTo(weightBefore, 6);

    const after = seriesFor(db, 'r', 'p95_latency_ms', T0, T0 + HOUR - 1);
    expect(after).toHaveLength(60);
    for (const [i, minute] of after.entries()) {
      const raw = samples.filter((s) => s.cohort === 'canary' && s.t >= T0 + i * MINUTE_MS && s.t < T0 + (i + 1) * MINUTE_MS);
      const mean = raw.reduce((a, s) => a + s.value * s.weight, 0) / raw.reduce((a, s) => a + s.weight, 0);
      expect(minute.t).toBe(T0 + i * MINUTE_MS);
      expect(minute.canary).toBeCloseTo(mean, 9);
    }
    expect(before).toHaveLength(360);
    // Compacting again changes nothing: roll-ups are not counted twice.
    expect(compact(db, T0 + 72 * HOUR, { rawMs: 48 * HOUR, rollupMs: 90 * 24 * HOUR }).rolledUp).toBe(0);
    expect(seriesFor(db, 'r', 'p95_latency_ms', T0, T0 + HOUR - 1)).toEqual(after);
  });

  it("plans each of the store's reads on the primary key and the series index, never a scan of samples", () => {
    const db = dbWithRelease();
    insertSamples(db, [sample(T0, 'canary', 100, 1, 'eu'), sample(T0, 'baseline', 150, 1, 'us')]);
    const series = plansOf(db, () => seriesFor(db, 'r', 'p95_latency_ms', T0, T0 + HOUR));
    expect(series).toHaveLength(1);
    expect(series[0]!.plan).toMatch(/SEARCH ms USING (COVERING )?INDEX sqlite_autoindex_metric_series_1 \(release_id=\? AND metric=\?\)/);
    expect(series[0]!.plan).toContain('SEARCH s USING PRIMARY KEY (series_id=? AND t>? AND t<?)');
    expect(series[0]!.plan).toContain('SEARCH r USING PRIMARY KEY (series_id=? AND bucket>? AND bucket<?)');

    const segments = plansOf(db, () => segmentSeriesFor(db, 'r', 'p95_latency_ms', 'region', T0));
    expect(segments).toHaveLength(1);
    expect(segments[0]!.plan).toMatch(/SEARCH ms USING (COVERING )?INDEX sqlite_autoindex_metric_series_1 \(release_id=\? AND metric=\?\)/);
    expect(segments[0]!.plan).toContain('SEARCH s USING PRIMARY KEY (series_id=? AND t>?)');
    expect(segments[0]!.plan).toContain('SEARCH r USING PRIMARY KEY (series_id=? AND bucket>?)');

    // The guard's look: every series' window of points in one query, in series order (no sort); the labels come from the series cache.
    const looks = plansOf(db, () => observationsFor(db, 'r', ['p95_latency_ms', 'error_rate'], T0, T0 + HOUR));
    expect(looks).toHaveLength(1);
    expect(looks[0]!.plan).toMatch(/^SEARCH ms USING (COVERING )?INDEX sqlite_autoindex_metric_series_1 \(release_id=\? AND metric=\?\)\nSEARCH s USING PRIMARY KEY \(series_id=\? AND t>\? AND t<\?\)$/);

    for (const { plan } of [...series, ...segments, ...looks]) expect(plan).not.toMatch(/\bSCAN (s|r|ms|samples|sample_rollups|metric_series)\b/);
  });
});

interface Planned {
  sql: string;
  plan: string;
}

/**
 * The query plan of every statement a read runs, as the store wrote it and with the parameters it bound:
 * each statement the store prepares records its runs, and each run is explained afterwards.
 */
function plansOf(db: Db, read: () => void): Planned[] {
  const prepare = db.prepare.bind(db);
  const ran: { sql: string; params: unknown[] }[] = [];
  const spy = vi.spyOn(db, 'prepare').mockImplementation((sql: string) => {
    const stmt = prepare(sql);
    const all = stmt.all.bind(stmt);
    vi.spyOn(stmt, 'all').mockImplementation((...params: unknown[]) => {
      ran.push({ sql, params });
      return all(...params);
    });
    return stmt;
  });
  try {
    read();
  } finally {
    spy.mockRestore();
  }
  return ran.map(({ sql, params }) => ({
    sql,
    plan: (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((p) => p.detail).join('\n'),
  }));
}
