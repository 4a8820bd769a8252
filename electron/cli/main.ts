import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Role } from '../../shared/index.ts';
import { openDatabase } from '../core/db/open.ts';
import { defaultDataDir } from '../core/paths.ts';
import { listEvents, verifyChain } from '../core/repos/eventLog.ts';
import { createToken, listTokens, revokeToken } from '../core/tokens.ts';

const USAGE = `Usage: npm run cli -- <command> [--data-dir DIR]
  token create --role viewer|operator [--label NAME]   print a new token (shown once; only its hash is kept)
  token list                                           list tokens (never their values)
  token revoke <id>                                    revoke a token
  verify                                               check the event log's hash chain
  events [--query TEXT] [--limit N]                    print the newest events`;

export function run(argv: string[], out: (line: string) => void = console.log): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      role: { type: 'string', default: 'viewer' },
      label: { type: 'string', default: 'cli' },
      query: { type: 'string' },
      limit: { type: 'string', default: '20' },
      help: { type: 'boolean', default: false },
    },
  });
  const [command, sub, arg] = positionals;
  if (values.help || !command) {
    out(USAGE);
    return command ? 0 : 2;
  }
  const db = openDatabase(values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir());
  try {
    if (command === 'token' && sub === 'create') {
      const role = Role.safeParse(values.role);
      if (!role.success) {
        out('--role must be viewer or operator');
        return 2;
      }
      const { token, info } = createToken(db, role.data, values.label, Date.now());
      out(`Created ${info.role} token ${info.id} (${info.label}). It is shown only now:`);
      out(token);
      out(`Open: http://127.0.0.1:7420/?token=${encodeURIComponent(token)} (use the host's own address and port)`);
      return 0;
    }
    if (command === 'token' && sub === 'list') {
      for (const t of listTokens(db)) out(`${t.id}  ${t.role.padEnd(8)} ${t.label}  ${new Date(t.createdAt).toISOString()}${t.revokedAt ? '  revoked' : ''}`);
      return 0;
    }
    if (command === 'token' && sub === 'revoke' && arg) {
      const done = revokeToken(db, arg, Date.now());
      out(done ? `Revoked ${arg}.` : `No active token ${arg}.`);
      return done ? 0 : 1;
    }
    if (command === 'verify') {
      const report = verifyChain(db);
      out(report.ok ? `Event log intact: ${report.checked} events.` : `Event log ALTERED at event ${report.brokenAt}: ${report.problem}`);
      return report.ok ? 0 : 1;
    }
    if (command === 'events') {
      for (const e of listEvents(db, { limit: Number(values.limit) || 20, query: values.query })) {
        out(`${e.seq}  ${new Date(e.at).toISOString()}  ${e.kind}  ${e.subject ?? ''}  ${e.actor}  ${JSON.stringify(e.payload)}`);
      }
      return 0;
    }
    out(USAGE);
    return 2;
  } finally {
    db.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = run(process.argv.slice(2));
  } catch (error) {
    console.error(`stagegate: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
