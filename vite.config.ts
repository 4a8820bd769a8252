import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// base './' so Electron can load the build from file://; the web host serves the same files.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Keep every asset a file: the strict CSP allows data: only for images.
    assetsInlineLimit: 0,
  },
});
