import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseFromFutureError, LATEST_VERSION, type Migration, migrations } from '../../electron/core/db/migrations.ts';
import { DB_FILE, openDatabase } from '../../electron/core/db/open.ts';
import { tempDir } from '../support/tmp.ts';
import { DEFAULT_JUDGE_OPTIONS, JudgeOptions } from '../../shared/index.ts';

const schema = (db: Database.Database): string[] =>
  (db.prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name").all() as { sql: string }[]).map((r) => r.sql);

const tables = (db: Database.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migrations', () => {
  it('are numbered 1, 2, … without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('live one a file, named by its version, and the index lists every file in order', async () => {
    const dir = path.join(import.meta.dirname, '../../electron/core/db/migrations');
    const files = fs.readdirSync(dir).filter((f) => /^\d{3}-[a-z0-9-]+\.ts$/.test(f)).sort();
    expect(files).toHaveLength(migrations.length);
    for (const [i, file] of files.entries()) {
      const { migration } = (await import(path.join(dir, file))) as { migration: Migration };
      expect(migration.version, file).toBe(Number(file.slice(0, 3)));
      expect(migrations[i], file).toBe(migration);
    }
  });

  it('create every table on a fresh database, in WAL mode with foreign keys on', () => {
    const db = openDatabase(tempDir());
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(tables(db)).toEqual(expect.arrayContaining(['releases', 'stages', 'decisions', 'events', 'metric_series', 'samples', 'sample_rollups', 'tokens', 'meta']));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('upgrade a database of the previous version to the same schema as a fresh one, keeping its data', () => {
    const dir = tempDir();
    const old = openDatabase(dir, { migrateTo: LATEST_VERSION - 1 });
    expect(old.pragma('user_version', { simple: true })).toBe(LATEST_VERSION - 1);
    old.prepare(
      "INSERT INTO releases (id, name, app, version, target, status, created_at, updated_at) VALUES ('r1', 'R 1', 'app', '1.0', 'play', 'rolling', 1, 1)",
    ).run();
    old.close();

    const db = openDatabase(dir);
    const fresh = openDatabase(tempDir());
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(schema(db)).toEqual(schema(fresh));
    expect(db.prepare('SELECT name FROM releases').all()).toEqual([{ name: 'R 1' }]);
    db.close();
    fresh.close();
  });

  it('keep stored samples when version 5 makes sample values nullable, and then store a missing one', () => {
    const dir = tempDir();
    const old = openDatabase(dir, { migrateTo: 4 });
    old.exec(`
      INSERT INTO releases (id, name, app, version, target, status, created_at, updated_at) VALUES ('r1', 'R 1', 'app', '1.0', 'play', 'rolling', 1, 1);
      INSERT INTO metric_series (id, release_id, metric, cohort) VALUES (1, 'r1', 'error_rate', 'canary');
      INSERT INTO samples (series_id, t, value, weight) VALUES (1, 1000, 0.5, 20), (1, 2000, 0.7, 30);
    `);
    expect(() => old.prepare('INSERT INTO samples (series_id, t, value, weight) VALUES (1, 3000, NULL, 1)').run()).toThrow(/NOT NULL/);
    old.close();

    const db = openDatabase(dir);
    expect(db.prepare('SELECT series_id, t, value, weight FROM samples ORDER BY t').all()).toEqual([
      { series_id: 1, t: 1000, value: 0.5, weight: 20 },
      { series_id: 1, t: 2000, value: 0.7, weight: 30 },
    ]);
    db.prepare('INSERT INTO samples (series_id, t, value, weight) VALUES (1, 3000, NULL, 1)').run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM samples WHERE value IS NULL').get()).toEqual({ n: 1 });
    db.close();
  });

  it('raise a judge tau or alpha stored below the floors plans now have, so the release reads and judges again, and leave the rest', () => {
    const dir = tempDir();
    const old = openDatabase(dir, { migrateTo: 14 });
    const insert = old.prepare("INSERT INTO releases (id, name, app, version, target, status, created_at, updated_at, judge_options) VALUES (?, 'R', 'app', '1.0', 'play', 'rolling', 1, 1, ?)");
    const stored = (tau: number) => JSON.stringify({ ...DEFAULT_JUDGE_OPTIONS, alpha: 0.005, tau });
    insert.run('tiny', stored(1e-300));
    insert.run('small', stored(0.01));
    insert.run('usual', stored(1.5));
    insert.run('strict', JSON.stringify({ ...DEFAULT_JUDGE_OPTIONS, alpha: 1e-300 }));
    insert.run('none', null);
    old.close();
    const db = openDatabase(dir);
    const read = (id: string) => {
      const row = db.prepare('SELECT judge_options FROM releases WHERE id = ?').get(id) as { judge_options: string | null };
      return row.judge_options === null ? null : JudgeOptions.parse(JSON.parse(row.judge_options));
    };
    expect(read('tiny')).toEqual({ ...DEFAULT_JUDGE_OPTIONS, alpha: 0.005, tau: 0.02 });
    expect(read('small')?.tau).toBe(0.02);
    expect(read('usual')).toEqual({ ...DEFAULT_JUDGE_OPTIONS, alpha: 0.005, tau: 1.5 });
    expect(read('strict')).toEqual({ ...DEFAULT_JUDGE_OPTIONS, alpha: 1e-6 });
    expect(read('none')).toBeNull();
    db.close();
  });

  it('refuse a database written by a newer Stagegate, saying so, and leave it untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, DB_FILE);
    const future = new Database(file);
    future.pragma(`user_version = ${LATEST_VERSION + 1}`);
    future.close();
    const before = fs.readFileSync(file);

    expect(() => openDatabase(dir)).toThrow(DatabaseFromFutureError);
    expect(() => openDatabase(dir)).toThrow(/newer Stagegate/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('leave the file at its old version when a migration fails part-way', () => {
    const dir = tempDir();
    // A table the latest migration that creates one wants, made in advance, fails it after its first statements ran.
    const creating = migrations.findLast((m) => /CREATE TABLE \w+/.test(m.sql))!;
    const old = openDatabase(dir, { migrateTo: creating.version - 1 });
    const before = schema(old);
    const created = /CREATE TABLE (\w+)/.exec(creating.sql)![1]!;
    old.exec(`CREATE TABLE ${created} (x)`);
    old.close();
    expect(() => openDatabase(dir)).toThrow(new RegExp(`${created} already exists`));
    const raw = new Database(path.join(dir, DB_FILE));
    expect(raw.pragma('user_version', { simple: true })).toBe(creating.version - 1);
    raw.exec(`DROP TABLE ${created}`);
    expect(schema(raw)).toEqual(before);
    raw.close();
  });
});
