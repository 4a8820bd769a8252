import type { Dimension, MetricName, SegmentKeys } from '../../../shared/index.ts';
import type { Db } from '../db/open.ts';
import { profileFor } from '../simulator/profiles.ts';
import type { TargetKind } from '../../../shared/index.ts';

const DIMENSIONS: readonly Dimension[] = ['region', 'device', 'tenant'];

/** Per metric and dimension, the segment keys a release has series for (samples recorded or rolled up), sorted. */
export function recordedSegmentKeys(db: Db, releaseId: string): { metric: MetricName; dimension: Dimension; keys: string[] }[] {
  const rows = db.prepare('SELECT DISTINCT metric, region, device, tenant FROM metric_series WHERE release_id = ?').all(releaseId) as ({ metric: MetricName } & Record<Dimension, string>)[];
  const found = new Map<string, { metric: MetricName; dimension: Dimension; keys: Set<string> }>();
  for (const row of rows) {
    for (const dimension of DIMENSIONS) {
      if (!row[dimension]) continue;
      const id = `${row.metric}|${dimension}`;
      const entry = found.get(id) ?? { metric: row.metric, dimension, keys: new Set<string>() };
      entry.keys.add(row[dimension]);
      found.set(id, entry);
    }
  }
  return [...found.values()].map((e) => ({ metric: e.metric, dimension: e.dimension, keys: [...e.keys].sort() }));
}

/** The segment keys the built-in simulator plays for a target: the only ones a fault can degrade. */
export function simulatedSegmentKeys(target: TargetKind): SegmentKeys {
  const keys = (d: Dimension) => [...new Set(profileFor(target).segments.map((s) => s[d]).filter(Boolean))].sort();
  return { region: keys('region'), device: keys('device'), tenant: keys('tenant') };
}
