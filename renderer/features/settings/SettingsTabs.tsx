import { NavLink } from 'react-router';
import './settings.css';

/** Settings' two pages: this installation, and the connections to metrics services. */
export function SettingsTabs() {
  return (
    <nav aria-label="Settings" className="settings-tabs">
      <NavLink to="/settings" end className="settings-tab">
        General
      </NavLink>
      <NavLink to="/settings/connections" className="settings-tab">
        Connections
      </NavLink>
    </nav>
  );
}
