// `npm run serve`: builds the renderer when its sources are newer than the build, then starts the web host.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builtIndex = path.join(root, 'dist', 'renderer', 'index.html');

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

export function rendererIsStale(): boolean {
  const built = fs.statSync(builtIndex, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = Math.max(...['renderer', 'shared', 'vite.config.ts', 'package-lock.json'].map((p) => newestMtime(path.join(root, p))));
  return built < sources;
}

async function buildRenderer(): Promise<void> {
  const started = performance.now();
  console.log('Building the renderer…');
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  console.log(`Renderer built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const args = process.argv.slice(2);
const buildOnly = args.includes('--build-only');
if (rendererIsStale()) await buildRenderer();
if (!buildOnly) {
  const { main } = await import('../electron/web/main.ts');
  try {
    await main(args);
  } catch (error) {
    console.error(`stagegate: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
