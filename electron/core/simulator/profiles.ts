import type { SimProfile, TargetKind } from '../../../shared/index.ts';

const regions = ['us-east', 'eu-west', 'ap-south'];

export const MOBILE_PROFILE: SimProfile = {
  segments: regions.flatMap((region) => ['phone', 'tablet'].map((device) => ({ region, device, tenant: '' }))),
  level: { error_rate: 0.8, p95_latency_ms: 420, crash_free_users: 99.7, kpi_conversion: 3.2 },
  noise: { error_rate: 0.12, p95_latency_ms: 30, crash_free_users: 0.08, kpi_conversion: 0.15 },
  trafficPerTick: 400,
};

export const SERVICE_PROFILE: SimProfile = {
  segments: regions.map((region) => ({ region, device: '', tenant: '' })),
  level: { error_rate: 0.4, p95_latency_ms: 180, crash_free_users: 99.95, kpi_conversion: 4.1 },
  noise: { error_rate: 0.06, p95_latency_ms: 12, crash_free_users: 0.02, kpi_conversion: 0.12 },
  trafficPerTick: 1200,
};

export function profileFor(target: TargetKind): SimProfile {
  return target === 'service' || target === 'flag' ? SERVICE_PROFILE : MOBILE_PROFILE;
}
