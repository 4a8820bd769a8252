import type { Decision } from '../../../../shared/domain/release.ts';
import type { ChartPoint } from './limits.ts';
import { decisionMarkers, type DecisionMarker } from './markers.ts';
import { liveTimeDomain, timeExtent } from './timeAxis.ts';
import { sharedDomain } from './valueDomain.ts';

/** What Recharts draws around the lines: both domains, and the decisions marked in the time span. */
export interface ChartFrame {
  xDomain: [number, number];
  yDomain: [number, number];
  markers: DecisionMarker[];
}

/**
 * The frame for one or several series drawn alike (the small multiples share one): the time span
 * widened to whole quanta and stretched to later decisions, the value range widened to round numbers
 * and to the thresholds. Both move only now and then, so the axes need not redraw with every tick.
 */
export function chartFrame(series: readonly { points: readonly ChartPoint[] }[], decisions: readonly Decision[], thresholds: readonly number[], yTicks = 5, unit = ''): ChartFrame | null {
  const extent = timeExtent(series);
  const yDomain = sharedDomain(series, thresholds, yTicks, unit);
  if (!extent || !yDomain) return null;
  const markers = decisionMarkers(decisions, liveTimeDomain(extent[0], extent[1])[0]);
  const end = markers.reduce((latest, m) => Math.max(latest, m.t), extent[1]);
  return { xDomain: liveTimeDomain(extent[0], end), yDomain, markers };
}
