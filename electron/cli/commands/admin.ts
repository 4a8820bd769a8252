import type { Command } from 'commander';
import { Role } from '../../../shared/index.ts';
import { type CliIo, type ExitCode } from '../io.ts';
import { refused, withLocalCore, type LocalCore } from '../localCore.ts';

type Done = (code: ExitCode) => void;

/** token create / list / revoke, verify, events: the log's own tools, through the core's contract as the local operator. */
export function adminCommands(program: Command, io: CliIo, done: Done, dataDir: () => string | undefined): void {
  const onCore = async (use: (core: LocalCore) => Promise<ExitCode>): Promise<void> => done(await withLocalCore(dataDir(), io, {}, use));
  const token = program.command('token').description('viewer and operator tokens for the web host');
  token
    .command('create')
    .description('print a new token (shown once; only its hash is kept)')
    .option('--role <role>', 'viewer or operator', 'viewer')
    .option('--label <name>', 'what the token is for', 'cli')
    .action(async (o: { role: string; label: string }) => {
      const role = Role.safeParse(o.role);
      if (!role.success) {
        io.err('--role must be viewer or operator');
        return done(2);
      }
      await onCore(async ({ call }) => {
        const created = await call('createToken', { role: role.data, label: o.label });
        if (!created.ok) return refused(io, created.error);
        const { token: value, info } = created.value;
        io.out(`Created ${info.role} token ${info.id} (${info.label}). It is shown only now:`);
        io.out(value);
        io.out(`Open: http://127.0.0.1:7420/?token=${encodeURIComponent(value)} (use the host's own address and port)`);
        return 0;
      });
    });
  token
    .command('list')
    .description('list tokens (never their values)')
    .action(() =>
      onCore(async ({ call }) => {
        const listed = await call('listTokens', {});
        if (!listed.ok) return refused(io, listed.error);
        for (const t of listed.value) io.out(`${t.id}  ${t.role.padEnd(8)} ${t.label}  ${new Date(t.createdAt).toISOString()}${t.revokedAt ? '  revoked' : ''}`);
        return 0;
      }),
    );
  token
    .command('revoke')
    .description('revoke a token')
    .argument('<id>', 'the token id, as token list shows it')
    .action((id: string) =>
      onCore(async ({ call }) => {
        const revoked = await call('revokeToken', { id });
        if (!revoked.ok) return refused(io, revoked.error.code === 'not_found' ? { ...revoked.error, message: `No active token ${id}.` } : revoked.error);
        io.out(`Revoked ${id}.`);
        return 0;
      }),
    );
  program
    .command('verify')
    .description("check the event log's hash chain")
    .action(() =>
      onCore(async ({ call }) => {
        const verified = await call('verifyEventLog', {});
        if (!verified.ok) return refused(io, verified.error);
        const report = verified.value;
        io.out(report.ok ? `Event log intact: ${report.checked} events.` : `Event log ALTERED at event ${report.brokenAt}: ${report.problem}`);
        return report.ok ? 0 : 1;
      }),
    );
  program
    .command('events')
    .description('print the newest events')
    .option('--query <text>', 'only events whose kind, subject, actor or payload match')
    .option('--limit <n>', 'how many (up to 1000)', '20')
    .action((o: { query?: string; limit: string }) =>
      onCore(async ({ call }) => {
        // The contract bounds the limit and the query; a value outside them is its refusal, naming the field.
        const listed = await call('listEvents', { limit: Number(o.limit), ...(o.query === undefined ? {} : { query: o.query }) });
        if (!listed.ok) return refused(io, listed.error);
        for (const e of listed.value) io.out(`${e.seq}  ${new Date(e.at).toISOString()}  ${e.kind}  ${e.subject ?? ''}  ${e.actor}  ${JSON.stringify(e.payload)}`);
        return 0;
      }),
    );
}
