import type { BacktestRow, ScheduleRow } from '../../backtest/types.ts';
import type { MetricName } from '../../domain/metrics.ts';
import type { Plan } from '../../plans/plan.ts';
import type { LatencyShape } from './latency.ts';
import type { PlanKind } from './plans.ts';

export type TruthKind = 'healthy' | 'improvement' | 'regression' | 'subtolerance';
export type TruthScope = 'global' | 'late-onset' | 'segment';
/** The dimensions a default gate judges segments in (tenants are recorded but no default gate splits by them). */
export type SegmentDimension = 'region' | 'device';

export interface Effect {
  metric: MetricName;
  /**
   * error_rate, p95_latency_ms: canary / baseline ratio. crash_free_users: ratio of the crash rates
   * (3 = three times as many crashed users). kpi_conversion: canary − baseline in points.
   */
  size: number;
}

/** What really happened to the canary: the answer key the score compares the guard's stops with. */
export interface Truth extends Partial<Effect> {
  kind: TruthKind;
  scope: TruthScope;
  segment?: { dimension: SegmentDimension; key: string };
  /** 1 (ratio) for a healthy rollout, which has no metric. */
  size: number;
  /** Past the plan's own gate for the metric: the guard ought to stop it. */
  beyondTolerance: boolean;
  /** When the effect starts (ms; the recording's start unless late-onset), and the exposure then. */
  onsetT: number;
  onsetExposure: number;
  /** Further effects of the same change, in the same scope from the same onset. */
  also?: Effect[];
}

export interface RegionSpec {
  key: string;
  /** Hours from UTC: where the region's day peaks. */
  tzHours: number;
  share: number;
  errors: number;
  latency: number;
  crash: number;
  conversion: number;
}

export type DeviceSpec = Omit<RegionSpec, 'tzHours'>;

export interface Incident {
  startMinute: number;
  minutes: number;
  /** A region key, or null for every cell. */
  region: string | null;
  /** Error rate added to both cohorts, as a fraction (0.01 = one point). */
  errorAdd: number;
  latencyFactor: number;
}

export interface DataProblems {
  /** Intervals [from, to) in which no canary row is recorded (a scrape or pipeline gap). */
  canaryGaps: [number, number][];
  missingShare: number;
  nanShare: number;
  zeroWeightShare: number;
  /** How an interval with no requests/sessions/users is written. */
  empty: 'omit' | 'nan' | 'null';
}

/** Every knob of one scenario; building the rows from it is deterministic. */
export interface ScenarioSpec {
  id: string;
  seed: number;
  planKind: PlanKind;
  startT: number;
  stageMinutes: number[];
  lookEveryMs: number;
  regions: RegionSpec[];
  devices: DeviceSpec[];
  /** Tenants split a service's traffic; a single tenant '' where there are none. */
  tenants: { key: string; share: number }[];
  traffic: {
    /** Users (play) or requests (service) per minute at 100 %, before diurnal swing and noise. */
    perMinute: number;
    tiny: boolean;
    diurnalAmplitude: number;
    /** Gamma shape of the per-interval traffic multiplier (CV = 1/√k). */
    noiseK: number;
    requestsPerUnit: number;
    sessionsPerUnit: number;
  };
  errors: { ratePct: number; k: number; zeroShare: number; driftSd: number; driftHours: number };
  latency: { shape: LatencyShape; sharedSd: number; cohortSd: number; loadSensitivity: number; driftSd: number };
  crash: { ratePct: number; k: number };
  conversion: { ratePct: number; k: number; driftSd: number };
  incidents: Incident[];
  dataProblems: DataProblems;
  truth: Truth;
}

export interface Scenario {
  id: string;
  seed: number;
  plan: Plan;
  rows: BacktestRow[];
  schedule: ScheduleRow[];
  lookEveryMs: number;
  truth: Truth;
  spec: ScenarioSpec;
}
