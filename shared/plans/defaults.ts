import type { TargetKind } from '../domain/release.ts';
import type { GateInput } from '../gates/types.ts';
import { Plan, type PlanInput } from './plan.ts';

// Canary trials over the stage before a gate may pass: the sequential tests decide failures on
// evidence alone, but a promotion also waits for this much traffic behind it.
const MIN_SAMPLES = 2000;

const mobileGates: GateInput[] = [
  { id: 'crash-free', kind: 'threshold', metric: 'crash_free_users', op: 'gte', value: 99.5, segments: ['region', 'device'], minSamples: MIN_SAMPLES },
  { id: 'errors', kind: 'relative', metric: 'error_rate', op: 'lte', factor: 1.25, segments: ['region', 'device'], minSamples: MIN_SAMPLES },
  { id: 'conversion', kind: 'kpi', metric: 'kpi_conversion', op: 'gte', points: 0.5, minSamples: MIN_SAMPLES },
];

const serviceGates: GateInput[] = [
  { id: 'errors', kind: 'relative', metric: 'error_rate', op: 'lte', factor: 1.25, segments: ['region'], minSamples: MIN_SAMPLES },
  { id: 'latency', kind: 'relative', metric: 'p95_latency_ms', op: 'lte', factor: 1.1, segments: ['region'], minSamples: MIN_SAMPLES },
  { id: 'conversion', kind: 'kpi', metric: 'kpi_conversion', op: 'gte', points: 0.5, minSamples: MIN_SAMPLES },
];

const stages = (exposures: number[], labels: string[], minSoak: string, gates: GateInput[], promotion: 'automatic' | 'manual') =>
  exposures.map((exposure, i) => ({
    label: labels[i] ?? `${exposure}%`,
    exposure,
    minSoak: i === exposures.length - 1 ? 0 : minSoak,
    minSamples: i === exposures.length - 1 ? 0 : MIN_SAMPLES,
    promotion,
    onFailure: 'pause' as const,
    gates: i === exposures.length - 1 ? [] : gates,
  }));

const DEFAULTS: Record<TargetKind, PlanInput> = {
  play: { name: 'Google Play staged rollout', target: 'play', stages: stages([1, 5, 20, 50, 100], [], '1d', mobileGates, 'manual').map((s) => ({ ...s, onFailure: 'halt' as const })) },
  // Apple moves a phased release one step a day by itself; a failed gate can only pause it.
  app_store: {
    name: 'App Store phased release',
    target: 'app_store',
    stages: stages([1, 2, 5, 10, 20, 50, 100], ['day 1', 'day 2', 'day 3', 'day 4', 'day 5', 'day 6', 'day 7'], '1d', mobileGates, 'automatic'),
  },
  service: { name: 'Service canary', target: 'service', stages: stages([0, 1, 10, 50, 100], ['internal'], '15m', serviceGates, 'automatic').map((s) => ({ ...s, onFailure: 'rollback' as const })) },
  flag: { name: 'Flag ramp', target: 'flag', stages: stages([1, 10, 50, 100], [], '30m', serviceGates, 'automatic').map((s) => ({ ...s, onFailure: 'rollback' as const })) },
};

export function defaultPlan(target: TargetKind): Plan {
  return Plan.parse(DEFAULTS[target]);
}
