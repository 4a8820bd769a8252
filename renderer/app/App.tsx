import { lazy, Suspense, useEffect } from 'react';
import { HashRouter, Navigate, Route, Routes } from 'react-router';
import { PlaceholderPage } from '../features/placeholders/PlaceholderPage.tsx';
import { ReleasesPage } from '../features/releases/ReleasesPage.tsx';
import { SettingsPage } from '../features/settings/SettingsPage.tsx';
import { Loading } from '../ui/Loading.tsx';
import type { AppStore } from '../store/createAppStore.ts';
import { StoreProvider } from '../store/context.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { Shell } from './Shell.tsx';

// The detail page carries the charts library; loading it on demand keeps the first screen light.
const ReleaseDetailPage = lazy(() => import('../features/release-detail/ReleaseDetailPage.tsx').then((m) => ({ default: m.ReleaseDetailPage })));

export function App({ store }: { store: AppStore }) {
  useEffect(() => store.getState().start(), [store]);
  return (
    <StoreProvider store={store}>
      {/* A hash router: Electron loads the app from file://, where path routes cannot resolve. */}
      <HashRouter>
        <Routes>
          <Route element={<Shell />}>
            <Route index element={<Navigate to="/releases" replace />} />
            <Route path="releases" element={<ReleasesPage />} />
            <Route
              path="releases/:id"
              element={
                <Suspense fallback={<Loading what="the release" />}>
                  <ReleaseDetailPage />
                </Suspense>
              }
            />
            <Route path="flags" element={<PlaceholderPage title="Flags" about="Feature flags per environment, their owners, expiry and cleanup plan, linked to releases." />} />
            <Route path="war-room" element={<PlaceholderPage title="War room" about="A read-only wall of every live rollout, refreshed by push, for the incident screen." />} />
            <Route path="rehearsal" element={<PlaceholderPage title="Rehearsal" about="Play a rollout offline against simulated metrics and incidents at an accelerated clock." />} />
            <Route path="settings" element={<SettingsPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </HashRouter>
    </StoreProvider>
  );
}
