// Builds the command line's bundle (build/vite.cli.config.ts); run by npm ci's postinstall and by
// `npm run build:cli`. A failed build never fails an install: the CLI then runs from its sources.
import { spawnSync } from 'node:child_process';

const built = spawnSync('npx', ['vite', 'build', '--config', 'build/vite.cli.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
if (built.status !== 0) {
  console.warn(`stagegate: the CLI bundle could not be built (vite exited ${built.status ?? built.signal}); npm run cli runs from the sources, about a fifth of a second slower to start`);
}
