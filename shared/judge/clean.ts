// Preparing one cohort's values for the test: missing values (NaN, ±∞: what a metric source emits
// for 0/0 or an empty interval) are removed or replaced, the rest sorted once, and optionally the
// far outliers cut off with Tukey's fences. Kayenta does the same per cohort, before comparing.
import { quantileSorted } from './descriptive.ts';
import type { NanStrategy } from './config.ts';
import type { CleanCounts } from './output.ts';

export interface Cleaned {
  /** Sorted ascending, finite. */
  values: Float64Array;
  counts: CleanCounts;
}

export function cleanCohort(values: ArrayLike<number>, nan: NanStrategy, iqrFactor: number | null): Cleaned {
  const raw = values.length;
  const out = new Float64Array(raw);
  let n = 0;
  let missing = 0;
  for (let i = 0; i < raw; i += 1) {
    const v = values[i]!;
    if (Number.isFinite(v)) out[n++] = v;
    else {
      missing += 1;
      if (nan.strategy === 'replace') out[n++] = nan.value;
    }
  }
  let sorted = out.subarray(0, n);
  sorted.sort();
  let outliers = 0;
  if (iqrFactor !== null && n >= 4) {
    // Tukey's fences: keep [Q1 − k·IQR, Q3 + k·IQR]. Sorted, so the kept values are one slice.
    const q1 = quantileSorted(sorted, 0.25);
    const q3 = quantileSorted(sorted, 0.75);
    const lowFence = q1 - iqrFactor * (q3 - q1);
    const highFence = q3 + iqrFactor * (q3 - q1);
    let from = 0;
    let to = n;
    while (from < to && sorted[from]! < lowFence) from += 1;
    while (to > from && sorted[to - 1]! > highFence) to -= 1;
    outliers = n - (to - from);
    sorted = sorted.subarray(from, to);
  }
  return { values: sorted, counts: { raw, missing, outliers, used: sorted.length } };
}
