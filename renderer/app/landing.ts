/** Where the bare address lands. */
export const LANDING_HASH = '#/releases';

/**
 * Sends the bare address (no route in the hash) to the landing page before the router starts. Done
 * in the router, as a redirect rendered for "/", it could land after a deep link the user (or a
 * test) had already moved to while the app was loading, and throw that link away.
 */
export function landOnDefaultRoute(location: Pick<Location, 'hash' | 'href'>, history: Pick<History, 'replaceState' | 'state'>): void {
  if (location.hash !== '' && location.hash !== '#' && location.hash !== '#/') return;
  const url = new URL(location.href);
  url.hash = LANDING_HASH;
  history.replaceState(history.state, '', url.href);
}
