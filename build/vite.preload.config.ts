// The preload as one CommonJS file: a sandboxed preload can require only 'electron', not local files.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  publicDir: false,
  build: {
    outDir: 'dist/preload',
    // dist/ also holds the main process and the renderer, built by other steps.
    emptyOutDir: false,
    target: 'chrome140',
    minify: false,
    lib: {
      entry: 'electron/preload/index.ts',
      formats: ['cjs'],
      fileName: () => 'index.cjs',
    },
    rolldownOptions: { external: ['electron'] },
  },
});
