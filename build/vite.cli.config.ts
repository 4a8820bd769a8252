// The command line as one ES module: each command is a process of its own, and loading ~450 modules
// (their types stripped first) was a third of a second of every command before it did anything; one
// bundled module loads in a fraction of that. Beside it, the manifest of every file it was built from
// (size and modification time), so the entry runs it only while it is what the sources would build
// (electron/cli/start.mjs); otherwise the command runs from the sources, as it always could.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { CLI_BUNDLE, CLI_MANIFEST, cliBundleDir, type CliManifest } from '../electron/cli/bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = cliBundleDir();

/** Writes the manifest once the bundle is written: its inputs as they were read. */
function manifest(): Plugin {
  return {
    name: 'stagegate-cli-manifest',
    writeBundle(_options, bundle) {
      const chunk = Object.values(bundle).find((c) => c.type === 'chunk' && c.fileName === CLI_BUNDLE);
      if (!chunk || chunk.type !== 'chunk') throw new Error(`the CLI bundle ${CLI_BUNDLE} was not written`);
      const files = chunk.moduleIds.filter((id) => path.isAbsolute(id) && fs.existsSync(id));
      const written: CliManifest = {
        inputs: files.map((file) => {
          const { size, mtimeMs } = fs.statSync(file);
          return { file, size, mtimeMs };
        }),
      };
      fs.writeFileSync(path.join(outDir, CLI_MANIFEST), JSON.stringify(written));
    },
  };
}

export default defineConfig({
  root,
  publicDir: false,
  logLevel: 'warn',
  plugins: [manifest()],
  // Every package goes into the bundle but the native one, and undici, which is loaded with a connection's first request.
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: 'electron/cli/main.ts',
    outDir,
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    rolldownOptions: {
      external: ['better-sqlite3', 'undici'],
      output: { format: 'es', entryFileNames: CLI_BUNDLE, codeSplitting: false },
    },
  },
});
