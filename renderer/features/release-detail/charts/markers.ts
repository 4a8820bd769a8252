import type { Action, Decision } from '../../../../shared/domain/release.ts';
import { ACTION_LABEL } from '../../../lib/labels.ts';

/** A decision drawn on a chart's time axis. */
export interface DecisionMarker {
  id: string;
  t: number;
  action: Action;
  byGuard: boolean;
  label: string;
}

/** Decisions taken at or after `from` (the chart's first point), oldest first; later ones stretch the axis to them. */
export function decisionMarkers(decisions: readonly Pick<Decision, 'id' | 'createdAt' | 'action' | 'actor'>[], from: number): DecisionMarker[] {
  return decisions
    .filter((d) => d.createdAt >= from)
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((d) => {
      const action = ACTION_LABEL[d.action].toLowerCase();
      const byGuard = d.actor === 'guard';
      return { id: d.id, t: d.createdAt, action: d.action, byGuard, label: byGuard ? `${action} (guard)` : action };
    });
}

/**
 * Which markers keep their label: the latest first, then each one far enough left of the last
 * labelled one (`minGapPx` at this width) that the labels do not overlap. The others stay lines.
 */
export function labelledMarkers(markers: readonly Pick<DecisionMarker, 'id' | 't'>[], xDomain: readonly [number, number], widthPx: number, minGapPx = 80): Set<string> {
  const span = xDomain[1] - xDomain[0];
  const px = (t: number) => (span > 0 ? ((t - xDomain[0]) / span) * widthPx : 0);
  const shown = new Set<string>();
  let lastX = Infinity;
  for (const m of [...markers].sort((a, b) => b.t - a.t)) {
    const x = px(m.t);
    if (lastX - x < minGapPx) continue;
    shown.add(m.id);
    lastX = x;
  }
  return shown;
}
