import type { SliceCreator } from '../types.ts';

/** How the charts draw canary and baseline: in time buckets with the canary's 95 % band, or every point. */
export type ChartResolution = 'buckets' | 'points';

const KEY = 'stagegate.chartResolution';

function stored(): ChartResolution {
  try {
    return typeof window !== 'undefined' && window.localStorage.getItem(KEY) === 'points' ? 'points' : 'buckets';
  } catch {
    return 'buckets';
  }
}

export interface ChartViewSlice {
  /** One choice for every chart (main charts and small multiples), kept across visits. */
  chartResolution: ChartResolution;
  setChartResolution(resolution: ChartResolution): void;
}

export const createChartViewSlice: SliceCreator<ChartViewSlice> = (set) => ({
  chartResolution: stored(),
  setChartResolution: (chartResolution) => {
    set({ chartResolution });
    try {
      window.localStorage.setItem(KEY, chartResolution);
    } catch {
      // Not kept: the choice still holds for this visit.
    }
  },
});
