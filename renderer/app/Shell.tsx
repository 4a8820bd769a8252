import type { MouseEvent } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useStore } from '../store/context.tsx';
import { ConnectionIndicator } from './ConnectionIndicator.tsx';
import { useSubmitShortcut } from '../lib/keys.ts';
import { CommandPalette, PaletteButton, usePaletteKeys } from '../features/palette/CommandPalette.tsx';
import { PAGES } from '../features/palette/commands.ts';

/** The sidebar lists the same pages the palette goes to, each with its G-then-letter shortcut. */
const NAV = PAGES;

export function Shell() {
  const ended = useStore((s) => s.connection === 'ended');
  useSubmitShortcut();
  usePaletteKeys();
  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand" aria-label="Stagegate">
          <span className="brand-mark" aria-hidden="true" />
          Stagegate
        </div>
        <PaletteButton />
        <nav aria-label="Main">
          <ul className="nav-list">
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} className="nav-link" aria-keyshortcuts={`g ${item.key}`} title={`G then ${item.key.toUpperCase()}`}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <ConnectionIndicator />
      </aside>
      <main id="main" className="content" tabIndex={-1}>
        {ended ? (
          <p className="session-ended" role="alert" data-testid="session-ended">
            Session ended — open the new URL the host printed.
          </p>
        ) : null}
        {/* Always the same fieldset, so ending the session keeps the page (its numbers, dimmed) instead of remounting it;
            disabled, it disables every button and field inside at once. */}
        <fieldset className={`content-body${ended ? ' content-stale' : ''}`} disabled={ended} aria-label={ended ? 'Stale: the session ended' : undefined}>
          <Outlet />
        </fieldset>
      </main>
      <CommandPalette />
    </div>
  );
}

/** "#main" would be read as a route by the hash router; move focus by hand instead. */
function skipToMain(event: MouseEvent) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}
