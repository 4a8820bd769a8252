import { z } from 'zod';

/** Where a release's samples come from, shown wherever its data is. */
export const SourceKind = z.enum(['simulator', 'push', 'prometheus', 'datadog', 'sentry']);
export type SourceKind = z.infer<typeof SourceKind>;

/** Sources the poller fetches through a connection (the simulator and push write their own samples). */
export const isConnectionSource = (kind: SourceKind): boolean => kind === 'prometheus' || kind === 'datadog' || kind === 'sentry';

/** How each source is named on screen. */
export const SOURCE_WORDS: Record<SourceKind, string> = {
  simulator: 'Simulated',
  push: 'Pushed',
  prometheus: 'Prometheus',
  datadog: 'Datadog',
  sentry: 'Sentry',
};
