// The CLI's own commands (token, verify, events) through the core, and its exit codes.
import { existsSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_FILE } from '../../electron/core/db/open.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/tmp.ts';

describe('npm run cli -- token, through the core', () => {
  /** Every column of every event, read from the file as anyone with it could. */
  const eventRows = (dir: string): Record<string, unknown>[] => {
    const db = new Database(path.join(dir, DB_FILE), { readonly: true });
    const rows = db.prepare('SELECT * FROM events ORDER BY seq').all() as Record<string, unknown>[];
    db.close();
    return rows;
  };

  it('logs a creation and a revocation as the CLI user, without the token, and keeps the chain intact', async () => {
    const dir = tempDir();
    const created = await cli('token', 'create', '--role', 'operator', '--label', 'release bot', '--data-dir', dir);
    expect(created.code).toBe(0);
    const [, id] = /^Created operator token (\S+) \(release bot\)/.exec(created.out)!;
    const value = created.out.split('\n')[1]!;
    expect(value).toMatch(/^[\w-]{32}$/);
    expect(await cli('token', 'revoke', id!, '--data-dir', dir)).toMatchObject({ code: 0, out: `Revoked ${id}.` });

    const actor = `cli:${os.userInfo().username}`;
    const payload = { v: 1, tokenId: id, role: 'operator', label: 'release bot' };
    expect(eventRows(dir).map(({ kind, subject, actor, payload }) => ({ kind, subject, actor, payload: JSON.parse(String(payload)) as unknown }))).toEqual([
      { kind: 'token.created', subject: id, actor, payload },
      { kind: 'token.revoked', subject: id, actor, payload },
    ]);
    const everything = JSON.stringify(eventRows(dir));
    expect(everything.split(value).length - 1).toBe(0);
    expect(everything.split(id!).length - 1).toBe(4);

    expect(await cli('verify', '--data-dir', dir)).toMatchObject({ code: 0, out: 'Event log intact: 2 events.' });
    const listed = await cli('events', '--data-dir', dir, '--query', 'token.');
    expect(listed.out.split('\n').map((line) => line.split('  ').slice(2, 5))).toEqual([
      ['token.revoked', id, actor],
      ['token.created', id, actor],
    ]);
    expect((await cli('token', 'list', '--data-dir', dir)).out).toMatch(new RegExp(`^${id}  operator release bot  \\S+  revoked$`));
    // Revoked once is revoked: the second time is refused and logs nothing.
    expect(await cli('token', 'revoke', id!, '--data-dir', dir)).toMatchObject({ code: 1, err: `No active token ${id}.` });
    expect(eventRows(dir)).toHaveLength(2);
  });

  it('reports a chain broken by an edit of a token event, and exits non-zero', async () => {
    const dir = tempDir();
    expect((await cli('token', 'create', '--label', 'wall', '--data-dir', dir)).code).toBe(0);
    expect((await cli('token', 'create', '--label', 'lobby', '--data-dir', dir)).code).toBe(0);
    // What someone with the file and sqlite3 could do: drop the append-only triggers, then relabel a token in the log.
    const raw = new Database(path.join(dir, DB_FILE));
    raw.exec('DROP TRIGGER events_append_only_u; DROP TRIGGER events_append_only_d;');
    raw.prepare("UPDATE events SET payload = replace(payload, 'wall', 'hall') WHERE seq = 1").run();
    raw.close();
    const verified = await cli('verify', '--data-dir', dir);
    expect(verified.code).toBe(1);
    expect(verified.out).toBe('Event log ALTERED at event 1: event 1 was altered after it was written');
  });

  it('refuses a label the contract does not take, and an events limit out of its bounds, storing nothing', async () => {
    const dir = tempDir();
    const long = await cli('token', 'create', '--label', 'x'.repeat(81), '--data-dir', dir);
    expect(long.code).toBe(1);
    expect(long.err).toContain('Invalid input to createToken: label: keep the label under 80 characters');
    expect((await cli('events', '--limit', '5000', '--data-dir', dir)).err).toContain('Invalid input to listEvents: limit');
    expect(eventRows(dir)).toEqual([]);
  });
});

describe('npm run cli --', () => {
  it('exits non-zero on an unknown command or none, naming it', async () => {
    const unknown = await cli('launch');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("unknown command 'launch'");
    expect((await cli()).code).toBe(2);
    const help = (await cli('--help')).out;
    for (const command of ['token', 'verify', 'events', 'ingest [options] <file>', 'backtest [options]']) expect(help).toContain(`  ${command}`);
  });

  it('keeps token, verify and events working, with --data-dir before or after the command', async () => {
    const dir = tempDir();
    const created = await cli('token', 'create', '--role', 'viewer', '--label', 'wall', '--data-dir', dir);
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/^Created viewer token \S+ \(wall\)/);
    expect((await cli('--data-dir', dir, 'token', 'list')).out).toMatch(/viewer\s+wall/);
    expect((await cli('token', 'create', '--role', 'admin', '--data-dir', dir)).code).toBe(2);
    // The token's creation is the log's one event.
    expect(await cli('verify', '--data-dir', dir)).toMatchObject({ code: 0, out: 'Event log intact: 1 events.' });
    expect((await cli('events', '--data-dir', dir, '--limit', '5')).code).toBe(0);
    expect((await cli('token', 'revoke', 'no-such-id', '--data-dir', dir)).code).toBe(1);
  });

  it('sets the exit code of the process, through the entry npm run cli starts', () => {
    const main = path.resolve('electron/cli/start.mjs');
    const unknown = spawnSync(process.execPath, [main, 'launch'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'launch'");
    expect(execFileSync(process.execPath, [main, 'verify', '--data-dir', tempDir()], { encoding: 'utf8' })).toContain('Event log intact');
  });

  it('reads a relative path from where npm run cli was typed (INIT_CWD), not from the checkout npm runs it in', () => {
    const main = path.resolve('electron/cli/start.mjs');
    const where = tempDir();
    const env = { ...process.env, npm_lifecycle_event: 'cli', INIT_CWD: where };
    const made = spawnSync(process.execPath, [main, 'verify', '--data-dir', 'log'], { encoding: 'utf8', env });
    expect(made.stdout).toContain('Event log intact');
    expect(existsSync(path.join(where, 'log'))).toBe(true);
    expect(existsSync(path.resolve('log'))).toBe(false);
  });
});
