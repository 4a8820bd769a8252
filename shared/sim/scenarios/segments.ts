// Who the traffic comes from: regions in their time zones, device classes, sometimes tenants. Base
// levels differ per segment for both cohorts: one region is the noisy, error-prone one.
import { integer, logUniform, pick, shuffle, uniform, type Random } from './draw.ts';
import type { PlanKind } from './plans.ts';
import type { DeviceSpec, RegionSpec } from './types.ts';

const REGIONS: readonly { key: string; tzHours: number }[] = [
  { key: 'us-east', tzHours: -5 },
  { key: 'us-west', tzHours: -8 },
  { key: 'sa-east', tzHours: -3 },
  { key: 'eu-west', tzHours: 0 },
  { key: 'eu-central', tzHours: 1 },
  { key: 'ap-south', tzHours: 5.5 },
  { key: 'ap-northeast', tzHours: 9 },
];

const DEVICES: Record<PlanKind, readonly string[]> = { play: ['phone', 'tablet'], service: ['web', 'mobile'] };
const TENANTS = ['acme', 'globex', 'initech'];
const MAX_CELLS = 12;

/** Shares from gamma(α) weights: a few big segments and some small ones, as real traffic has. */
function shares(random: Random, n: number, concentration: number): number[] {
  const w = Array.from({ length: n }, () => logUniform(random, 0.15, 1) ** (1 / concentration));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}

export function drawRegions(random: Random): RegionSpec[] {
  const chosen = shuffle(random, REGIONS).slice(0, integer(random, 3, 6));
  const split = shares(random, chosen.length, 0.7);
  const worse = integer(random, 0, chosen.length - 1);
  return chosen.map((r, i) => ({
    ...r,
    share: split[i]!,
    errors: i === worse ? logUniform(random, 1.5, 3) : logUniform(random, 0.7, 1.3),
    latency: i === worse ? logUniform(random, 1.15, 1.6) : logUniform(random, 0.85, 1.2),
    crash: logUniform(random, 0.75, 1.3),
    conversion: logUniform(random, 0.8, 1.25),
  }));
}

export function drawDevices(random: Random, kind: PlanKind, both = false): DeviceSpec[] {
  const keys = random() < 0.7 || both ? DEVICES[kind] : [DEVICES[kind][0]!];
  const first = keys.length === 1 ? 1 : uniform(random, 0.55, 0.85);
  return keys.map((key, i) => ({
    key,
    share: i === 0 ? first : 1 - first,
    errors: logUniform(random, 0.8, 1.25),
    latency: logUniform(random, 0.9, 1.2),
    crash: logUniform(random, 0.8, 1.25),
    conversion: logUniform(random, 0.85, 1.15),
  }));
}

/** Services sometimes split by tenant too, as long as the cells stay few enough to replay quickly. */
export function drawTenants(random: Random, kind: PlanKind, cellsSoFar: number): { key: string; share: number }[] {
  const most = Math.min(TENANTS.length, Math.floor(MAX_CELLS / cellsSoFar));
  if (kind !== 'service' || most < 2 || random() >= 0.35) return [{ key: '', share: 1 }];
  const keys = TENANTS.slice(0, integer(random, 2, most));
  const split = shares(random, keys.length, 1);
  return keys.map((key, i) => ({ key, share: split[i]! }));
}

export const anyRegion = (random: Random, regions: readonly RegionSpec[]): string => pick(random, regions).key;
