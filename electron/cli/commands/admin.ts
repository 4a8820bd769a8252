import type { Command } from 'commander';
import { Role } from '../../../shared/index.ts';
import { openDatabase, type Db } from '../../core/db/open.ts';
import { listEvents, verifyChain } from '../../core/repos/eventLog.ts';
import { createToken, listTokens, revokeToken } from '../../core/tokens/service.ts';
import { type CliIo, type ExitCode } from '../io.ts';
import { resolveDataDir } from '../../core/paths.ts';

type Done = (code: ExitCode) => void;

function withDb(dir: string | undefined, use: (db: Db) => ExitCode): ExitCode {
  const db = openDatabase(resolveDataDir(dir));
  try {
    return use(db);
  } finally {
    db.close();
  }
}

/** token create / list / revoke, verify, events: the log's own tools, straight on the database. */
export function adminCommands(program: Command, io: CliIo, done: Done, dataDir: () => string | undefined): void {
  const token = program.command('token').description('viewer and operator tokens for the web host');
  token
    .command('create')
    .description('print a new token (shown once; only its hash is kept)')
    .option('--role <role>', 'viewer or operator', 'viewer')
    .option('--label <name>', 'what the token is for', 'cli')
    .action((o: { role: string; label: string }) => {
      const role = Role.safeParse(o.role);
      if (!role.success) {
        io.err('--role must be viewer or operator');
        return done(2);
      }
      done(
        withDb(dataDir(), (db) => {
          const { token: value, info } = createToken(db, { role: role.data, label: o.label }, 'cli', Date.now());
          io.out(`Created ${info.role} token ${info.id} (${info.label}). It is shown only now:`);
          io.out(value);
          io.out(`Open: http://127.0.0.1:7420/?token=${encodeURIComponent(value)} (use the host's own address and port)`);
          return 0;
        }),
      );
    });
  token
    .command('list')
    .description('list tokens (never their values)')
    .action(() =>
      done(
        withDb(dataDir(), (db) => {
          for (const t of listTokens(db)) io.out(`${t.id}  ${t.role.padEnd(8)} ${t.label}  ${new Date(t.createdAt).toISOString()}${t.revokedAt ? '  revoked' : ''}`);
          return 0;
        }),
      ),
    );
  token
    .command('revoke')
    .description('revoke a token')
    .argument('<id>', 'the token id, as token list shows it')
    .action((id: string) =>
      done(
        withDb(dataDir(), (db) => {
          const revoked = revokeToken(db, id, 'cli', Date.now()).ok;
          io.out(revoked ? `Revoked ${id}.` : `No active token ${id}.`);
          return revoked ? 0 : 1;
        }),
      ),
    );
  program
    .command('verify')
    .description("check the event log's hash chain")
    .action(() =>
      done(
        withDb(dataDir(), (db) => {
          const report = verifyChain(db);
          io.out(report.ok ? `Event log intact: ${report.checked} events.` : `Event log ALTERED at event ${report.brokenAt}: ${report.problem}`);
          return report.ok ? 0 : 1;
        }),
      ),
    );
  program
    .command('events')
    .description('print the newest events')
    .option('--query <text>', 'only events whose kind, subject, actor or payload match')
    .option('--limit <n>', 'how many', '20')
    .action((o: { query?: string; limit: string }) =>
      done(
        withDb(dataDir(), (db) => {
          for (const e of listEvents(db, { limit: Number(o.limit) || 20, query: o.query })) {
            io.out(`${e.seq}  ${new Date(e.at).toISOString()}  ${e.kind}  ${e.subject ?? ''}  ${e.actor}  ${JSON.stringify(e.payload)}`);
          }
          return 0;
        }),
      ),
    );
}
