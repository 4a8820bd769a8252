import fs from 'node:fs';
import path from 'node:path';

/** The one line `npm start` prints before it falls back to the web host. */
export const FALLBACK_NOTICE = "Electron's runtime is not installed on this machine (it cannot be downloaded here): starting the web host instead.";

/**
 * The Electron executable if it is installed, else null. Reads what node_modules/electron/index.js
 * reads (path.txt, dist/, ELECTRON_OVERRIDE_DIST_PATH) without requiring that file: requiring it
 * starts a download when the binary is missing, and nothing may be downloaded here.
 */
export function electronRuntime(root: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const pkg = path.join(root, 'node_modules', 'electron');
  let executable = '';
  try {
    executable = fs.readFileSync(path.join(pkg, 'path.txt'), 'utf8').trim();
  } catch {
    // No path.txt: the binary was never extracted (unless an override names it).
  }
  const file = env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron')
    : executable && path.join(pkg, 'dist', executable);
  return file && fs.statSync(file, { throwIfNoEntry: false })?.isFile() ? file : null;
}
