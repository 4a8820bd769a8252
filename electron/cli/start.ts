// The command line's entry. Each command is a fresh process, and compiling its ~450 modules (their
// types stripped first) was most of a command's half second before it did anything; Node's compile
// cache keeps them compiled between runs (in the OS's temporary folder, checked against each file).
import module from 'node:module';

module.enableCompileCache?.();
const { run } = await import('./main.ts');
try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  console.error(`stagegate: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
