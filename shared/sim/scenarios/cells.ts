// The cells of a scenario (region × device × tenant) with their base levels, before time, noise and
// the canary's effect. Both cohorts share a cell's base: a worse region is worse for canary and baseline.
import type { ScenarioSpec, SegmentDimension } from './types.ts';

export interface Cell {
  region: string;
  device: string;
  tenant: string;
  tzHours: number;
  /** Share of all traffic. */
  share: number;
  errorRate: number;
  latencyScale: number;
  crashRate: number;
  conversion: number;
}

/** No cell of a healthy canary truly breaches the crash-free ≥ 99.5 % gate: its crash rate stays ≤ 0.38 %. */
const CRASH_RATE_CAP = 0.0038;
/** Conversion stays in a band where a 2-point fall keeps every cell above zero. */
const CONVERSION_RANGE: [number, number] = [0.015, 0.08];

export function cellsOf(spec: Pick<ScenarioSpec, 'regions' | 'devices' | 'tenants' | 'errors' | 'crash' | 'conversion'>): Cell[] {
  const cells: Cell[] = [];
  for (const r of spec.regions) {
    for (const d of spec.devices) {
      for (const t of spec.tenants) {
        cells.push({
          region: r.key,
          device: d.key,
          tenant: t.key,
          tzHours: r.tzHours,
          share: r.share * d.share * t.share,
          errorRate: (spec.errors.ratePct / 100) * r.errors * d.errors,
          latencyScale: r.latency * d.latency,
          crashRate: Math.min(CRASH_RATE_CAP, (spec.crash.ratePct / 100) * r.crash * d.crash),
          conversion: Math.min(CONVERSION_RANGE[1], Math.max(CONVERSION_RANGE[0], (spec.conversion.ratePct / 100) * r.conversion * d.conversion)),
        });
      }
    }
  }
  return cells;
}

export type Scope = { dimension: SegmentDimension; key: string } | null;

export const inScope = (cell: Cell, scope: Scope): boolean => scope === null || cell[scope.dimension] === scope.key;

/** Traffic-weighted mean of a cell level over a scope (null: all cells). */
export function pooledLevel(cells: readonly Cell[], scope: Scope, level: (c: Cell) => number): number {
  let sum = 0;
  let weight = 0;
  for (const c of cells) {
    if (!inScope(c, scope)) continue;
    sum += c.share * level(c);
    weight += c.share;
  }
  return weight > 0 ? sum / weight : Number.NaN;
}

/** Every segment a gate on these dimensions judges, plus the total (null). */
export function gatedScopes(cells: readonly Cell[], dimensions: readonly string[]): Scope[] {
  const scopes: Scope[] = [null];
  for (const dimension of ['region', 'device'] as const) {
    if (!dimensions.includes(dimension)) continue;
    for (const key of new Set(cells.map((c) => c[dimension]))) scopes.push({ dimension, key });
  }
  return scopes;
}
