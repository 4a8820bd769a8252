// Where the command line's bundle lives (build/vite.cli.config.ts writes it, npm ci's postinstall
// builds it), whether it is still what the sources would build, and its `run` for the entry
// (start.mjs). Plain JavaScript with Node's built-ins only: this runs before every command, and a
// TypeScript file here would load Node's type stripper (about 70 ms) for a command whose code is
// already compiled.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The oldest Node the command line runs on (package.json's engines). */
export const MIN_NODE = '22.12';

/**
 * Why this Node cannot run the command line, or null when it can. An older one loads better-sqlite3
 * built for another Node and dies of a segmentation fault, which names nothing.
 * @param {string} version `process.versions.node`
 * @returns {string | null}
 */
export function nodeProblem(version) {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [needMajor = 0, needMinor = 0] = MIN_NODE.split('.').map(Number);
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return null;
  return `needs Node ${MIN_NODE} or later, and this is Node ${version}: run it as npm run cli -- …, whose scripts/with-node.sh fetches Node 24 when the machine's is older`;
}

/** Under the repository, so the packages the bundle leaves out (better-sqlite3, undici) resolve from it. */
export const CLI_BUNDLE_DIR = 'node_modules/.cache/stagegate/cli';
export const CLI_BUNDLE = 'cli.mjs';
export const CLI_MANIFEST = 'manifest.json';

/**
 * @typedef {{ inputs: { file: string; size: number; mtimeMs: number }[] }} CliManifest
 * Every file the bundle was built from, as it was then.
 * @typedef {(argv: string[], io?: import('./io.ts').CliIo) => Promise<number>} Run
 */

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Every input is there, of the size and time it had: an edit, a new package version or a checkout since the build makes it stale.
 * @param {CliManifest} manifest
 * @returns {boolean}
 */
export function isFresh(manifest) {
  if (manifest.inputs.length === 0) return false;
  for (const input of manifest.inputs) {
    const now = fs.statSync(input.file, { throwIfNoEntry: false });
    if (!now || now.size !== input.size || now.mtimeMs !== input.mtimeMs) return false;
  }
  return true;
}

/**
 * Our own build's output, so its shape is checked by hand rather than by zod, which alone takes longer to load than this whole check.
 * @param {string} file
 * @returns {CliManifest | null}
 */
function readManifest(file) {
  /** @type {unknown} */
  let parsed;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  const inputs = /** @type {{ inputs?: unknown } | null} */ (parsed)?.inputs;
  if (!Array.isArray(inputs)) return null;
  const valid = inputs.every((i) => typeof i?.file === 'string' && typeof i.size === 'number' && typeof i.mtimeMs === 'number');
  return valid ? { inputs } : null;
}

/** Where the bundle is built and looked for: STAGEGATE_CLI_BUNDLE_DIR (a test's own, inside the repository), else CLI_BUNDLE_DIR. */
export const cliBundleDir = () => process.env.STAGEGATE_CLI_BUNDLE_DIR ?? path.join(REPO, CLI_BUNDLE_DIR);

/**
 * The bundle is there and every file it was built from is unchanged.
 * @param {string} [dir]
 * @returns {boolean}
 */
export function bundleIsFresh(dir = cliBundleDir()) {
  const manifest = readManifest(path.join(dir, CLI_MANIFEST));
  return manifest !== null && isFresh(manifest) && fs.existsSync(path.join(dir, CLI_BUNDLE));
}

/**
 * The bundle's `run` while it is fresh; null (run from the sources) when it is missing or stale.
 * @param {string} [dir]
 * @returns {Promise<Run | null>}
 */
export async function bundledRun(dir = cliBundleDir()) {
  if (!bundleIsFresh(dir)) return null;
  const bundle = /** @type {{ run: Run }} */ (await import(pathToFileURL(path.join(dir, CLI_BUNDLE)).href));
  return bundle.run;
}
