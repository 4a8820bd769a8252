import os from 'node:os';
import path from 'node:path';

/** The log's file in a data folder. */
export const DB_FILE = 'stagegate.sqlite';

/**
 * The same folder Electron's userData names for an app called Stagegate, so the desktop app and the
 * web host share one log by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.STAGEGATE_DATA_DIR) return path.resolve(env.STAGEGATE_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Stagegate');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Stagegate');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Stagegate');
}

/** A host's `--data-dir` when given (relative to the working folder), else the default folder. */
export function resolveDataDir(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return option ? path.resolve(option) : defaultDataDir(env);
}
