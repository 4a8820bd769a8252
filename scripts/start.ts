// `npm start`: the desktop app where Electron's runtime is installed, else the web host.
// `--dry-run` prints what would be started and exits (for tests); other arguments are passed on.
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { electronRuntime, FALLBACK_NOTICE } from './electron-runtime.ts';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const passOn = args.filter((a) => a !== '--dry-run');

/** Runs a child with this terminal, passes Ctrl-C and SIGTERM on, and exits as it exits. */
function runAndExitWith(command: string, commandArgs: string[], env: NodeJS.ProcessEnv = process.env): void {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`stagegate: could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (signal ? os.constants.signals[signal] : 1)));
}

const electron = electronRuntime(root);
if (electron) {
  if (dryRun) {
    console.log(`would run: npm run build, then ${electron} ${[root, ...passOn].join(' ')}`);
  } else {
    const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    if (built.status !== 0) process.exit(built.status ?? 1);
    // Set in an Electron-run shell, this would start Electron as plain Node.
    const { ELECTRON_RUN_AS_NODE: _asNode, ...env } = process.env;
    runAndExitWith(electron, [root, ...passOn], env);
  }
} else {
  console.log(FALLBACK_NOTICE);
  if (dryRun) console.log(`would run: node scripts/serve.ts ${passOn.join(' ')}`.trimEnd());
  else runAndExitWith(process.execPath, [path.join(root, 'scripts', 'serve.ts'), ...passOn]);
}
