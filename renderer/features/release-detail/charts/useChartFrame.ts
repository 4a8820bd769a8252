import { useMemo } from 'react';
import type { Decision } from '../../../../shared/domain/release.ts';
import { chartFrame, type ChartFrame } from './frame.ts';
import type { ChartPoint } from './limits.ts';

/**
 * chartFrame, keeping each part the same object while its values stay the same: the Recharts frame
 * is memoized on them and so redraws only when a domain or the decisions really change.
 */
export function useChartFrame(series: readonly { points: readonly ChartPoint[] }[] | null, decisions: readonly Decision[], thresholds: readonly number[], yTicks: number, unit: string): ChartFrame | null {
  const frame = useMemo(() => (series ? chartFrame(series, decisions, thresholds, yTicks, unit) : null), [series, decisions, thresholds, yTicks, unit]);
  const [x0, x1] = frame?.xDomain ?? [NaN, NaN];
  const [y0, y1] = frame?.yDomain ?? [NaN, NaN];
  const markerKey = frame?.markers.map((m) => `${m.id}@${m.t}`).join(',') ?? '';
  const xDomain = useMemo((): [number, number] => [x0, x1], [x0, x1]);
  const yDomain = useMemo((): [number, number] => [y0, y1], [y0, y1]);
  // Taken anew only when the list of markers changes (a decision never changes once taken).
  const markers = useMemo(() => frame?.markers ?? [], [markerKey]);
  const found = frame !== null;
  return useMemo(() => (found ? { xDomain, yDomain, markers } : null), [found, xDomain, yDomain, markers]);
}
