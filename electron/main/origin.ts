import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The app's own pages: file URLs under the built renderer's folder. Narrower than "file://" so a
 * navigation to any other local file (or a frame showing one) is not trusted.
 */
export function appOriginFor(rendererDir: string): string {
  return pathToFileURL(path.resolve(rendererDir) + path.sep).href;
}

/** Parsed first, so `..` segments and odd spellings cannot walk out of the prefix. */
export function isAppUrl(url: string | undefined, appOrigin: string): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'file:' && parsed.href.startsWith(appOrigin);
  } catch {
    return false;
  }
}
