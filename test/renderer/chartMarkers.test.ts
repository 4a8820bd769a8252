import { describe, expect, it } from 'vitest';
import type { Decision } from '../../shared/domain/release.ts';
import { chartFrame } from '../../renderer/features/release-detail/charts/frame.ts';
import { decisionMarkers, labelledMarkers } from '../../renderer/features/release-detail/charts/markers.ts';

const decision = (id: string, createdAt: number, action: Decision['action'], actor = 'ana'): Decision =>
  ({ id, releaseId: 'r', stageIndex: 1, action, actor, reason: 'why', fromStatus: 'rolling', toStatus: 'paused', evidence: null, verdict: 'fail', createdAt });

describe('decision markers', () => {
  it('marks decisions from the chart’s start on, oldest first, the guard’s told apart', () => {
    const markers = decisionMarkers([decision('c', 300, 'resume'), decision('b', 200, 'pause', 'guard'), decision('a', 50, 'start')], 100);
    expect(markers.map((m) => [m.id, m.t, m.label, m.byGuard])).toEqual([
      ['b', 200, 'pause (guard)', true],
      ['c', 300, 'resume', false],
    ]);
  });

  it('stretches the chart’s time span to a decision taken after its last point', () => {
    const minute = 60_000;
    const points = [0, 10, 20, 30].map((m) => ({ t: m * minute, canary: 1, baseline: 1 }));
    const frame = chartFrame([{ points }], [decision('p', 34 * minute + 5_000, 'pause', 'guard'), decision('old', -5 * minute, 'start')], []);
    expect(frame?.markers.map((m) => m.id)).toEqual(['p']);
    expect(frame!.xDomain[0]).toBeLessThanOrEqual(0);
    expect(frame!.xDomain[1]).toBeGreaterThanOrEqual(34 * minute + 5_000);
  });
});

describe('marker labels', () => {
  it('labels the latest decision, and earlier ones only where their labels do not overlap', () => {
    const at = (id: string, t: number) => ({ id, t });
    // 0–1000 over 500 px: 2 px per unit.
    const shown = labelledMarkers([at('start', 100), at('promote', 110), at('pause', 900), at('resume', 960)], [0, 1000], 500, 80);
    expect([...shown].sort()).toEqual(['promote', 'resume']);
    expect(labelledMarkers([], [0, 1000], 500).size).toBe(0);
  });
});
