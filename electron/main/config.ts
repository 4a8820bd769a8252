import fs from 'node:fs';
import path from 'node:path';

/** `--data-dir <dir>` or `--data-dir=<dir>`, else STAGEGATE_DATA_DIR, else the fallback (userData). */
export function dataDirFrom(argv: readonly string[], env: NodeJS.ProcessEnv, fallback: () => string): string {
  for (const [i, arg] of argv.entries()) {
    if (arg.startsWith('--data-dir=')) return path.resolve(arg.slice('--data-dir='.length));
    const next = argv[i + 1];
    if (arg === '--data-dir' && next) return path.resolve(next);
  }
  return env.STAGEGATE_DATA_DIR ? path.resolve(env.STAGEGATE_DATA_DIR) : fallback();
}

/**
 * better-sqlite3's Node-API prebuild, which loads in Node and Electron alike. In a packaged app it
 * lives beside the asar (electron-builder's asarUnpack), because a native addon cannot load from
 * inside one. Electron ships no musl build, so the glibc prebuild is the one on Linux. Undefined when
 * there is no prebuild for this platform: better-sqlite3 then looks for a compiled one itself.
 */
export function nativeBindingPath(appPath: string, platform: string = process.platform, arch: string = process.arch): string | undefined {
  const root = appPath.endsWith('.asar') ? `${appPath}.unpacked` : appPath;
  const file = path.join(root, 'node_modules', 'better-sqlite3', 'prebuilds', `${platform}-${arch}.node`);
  return fs.existsSync(file) ? file : undefined;
}
