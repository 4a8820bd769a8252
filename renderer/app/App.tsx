import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { HashRouter, Navigate, Route, Routes } from 'react-router';
import { PlaceholderPage } from '../features/placeholders/PlaceholderPage.tsx';
import { ReleasesPage } from '../features/releases/ReleasesPage.tsx';
import { SettingsPage } from '../features/settings/SettingsPage.tsx';
import { Loading } from '../ui/Loading.tsx';
import { ApiProvider } from '../api/ApiProvider.tsx';
import { startLive } from '../api/live.ts';
import { StoreProvider } from '../store/context.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import type { AppParts } from './bootstrap.ts';
import { Shell } from './Shell.tsx';

// The detail page carries the charts library; loading it on demand keeps the first screen light.
const ReleaseDetailPage = lazy(() => import('../features/release-detail/ReleaseDetailPage.tsx').then((m) => ({ default: m.ReleaseDetailPage })));
// The train form reads plan YAML in the browser (the yaml library); the decision log draws evidence charts.
const TrainsPage = lazy(() => import('../features/trains/TrainsPage.tsx').then((m) => ({ default: m.TrainsPage })));
const TrainPage = lazy(() => import('../features/trains/TrainPage.tsx').then((m) => ({ default: m.TrainPage })));
const FlagsPage = lazy(() => import('../features/flags/FlagsPage.tsx').then((m) => ({ default: m.FlagsPage })));
const DecisionLogPage = lazy(() => import('../features/decisions/DecisionLogPage.tsx').then((m) => ({ default: m.DecisionLogPage })));
const ConnectionsPage = lazy(() => import('../features/connections/ConnectionsPage.tsx').then((m) => ({ default: m.ConnectionsPage })));
const EventLogPage = lazy(() => import('../features/events/EventLogPage.tsx').then((m) => ({ default: m.EventLogPage })));

const page = (element: ReactNode, what: string) => <Suspense fallback={<Loading what={what} />}>{element}</Suspense>;

export function App({ parts }: { parts: AppParts }) {
  const { client, queryClient, store } = parts;
  useEffect(() => startLive(client, queryClient), [client, queryClient]);
  return (
    <ApiProvider client={client} queryClient={queryClient}>
      <StoreProvider store={store}>
        {/* A hash router: Electron loads the app from file://, where path routes cannot resolve. */}
        <HashRouter>
          <Routes>
            <Route element={<Shell />}>
              <Route index element={<Navigate to="/releases" replace />} />
              <Route path="releases" element={<ReleasesPage />} />
              <Route path="releases/:id" element={page(<ReleaseDetailPage />, 'the release')} />
              <Route path="trains" element={page(<TrainsPage />, 'trains')} />
              <Route path="trains/:id" element={page(<TrainPage />, 'the train')} />
              <Route path="flags" element={page(<FlagsPage />, 'flags')} />
              <Route path="decisions" element={page(<DecisionLogPage />, 'decisions')} />
              <Route path="events" element={page(<EventLogPage />, 'the event log')} />
              <Route path="war-room" element={<PlaceholderPage title="War room" about="A read-only wall of every live rollout, refreshed by push, for the incident screen." />} />
              <Route path="rehearsal" element={<PlaceholderPage title="Rehearsal" about="Play a rollout offline against simulated metrics and incidents at an accelerated clock." />} />
              <Route path="settings" element={<SettingsPage />} />
              <Route path="settings/connections" element={page(<ConnectionsPage />, 'connections')} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </HashRouter>
      </StoreProvider>
    </ApiProvider>
  );
}
