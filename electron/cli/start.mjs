// The command line's entry (npm run cli). Each command is a fresh process: Node's compile cache keeps
// what it loads compiled between runs (in the OS's temporary folder, checked against each file), and
// while the bundle built at install is fresh it loads that one module instead of ~450
// (./bundle.mjs). Plain JavaScript for the same reason as bundle.mjs.
import module from 'node:module';
import { bundledRun, nodeProblem } from './bundle.mjs';

const tooOld = nodeProblem(process.versions.node);
if (tooOld) {
  console.error(`stagegate: ${tooOld}`);
  process.exit(1);
}
module.enableCompileCache?.();
// npm runs a script in the package's folder; a path the user typed is meant from where they typed
// it, which npm keeps in INIT_CWD (`npm --prefix ~/stagegate run cli -- ingest samples.csv`).
if (process.env.npm_lifecycle_event === 'cli' && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
const run = (await bundledRun()) ?? /** @type {{ run: import('./bundle.mjs').Run }} */ (await import('./main.ts')).run;
try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  console.error(`stagegate: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
