// Draws every knob of one scenario from its seed (see README.md for what each knob means).
import { cellsOf } from './cells.ts';
import { chance, integer, logUniform, poisson, uniform, type Random } from './draw.ts';
import { planFor, type PlanKind } from './plans.ts';
import { stream } from './rng.ts';
import { drawDevices, drawRegions, drawTenants } from './segments.ts';
import { drawTruth, type Assignment } from './truth.ts';
import type { DataProblems, Incident, ScenarioSpec } from './types.ts';
import { DAY_MS } from '../../time.ts';

export const INTERVAL_MS = 60_000;
/** Recordings start on a Monday in 2025, at any minute of some day within two months. */
const EPOCH = Date.UTC(2025, 0, 6);

/** Four recorded stages (1, 5, 20, 50 %), 20–90 minutes each, 2–5 hours in all. */
function drawStageMinutes(random: Random): number[] {
  for (;;) {
    const minutes = Array.from({ length: 4 }, () => integer(random, 20, 90));
    const total = minutes.reduce((a, b) => a + b, 0);
    if (total >= 120 && total <= 300) return minutes;
  }
}

function drawIncidents(random: Random, totalMinutes: number, regions: readonly string[], errorRatePct: number): Incident[] {
  return Array.from({ length: Math.min(3, poisson(random, 0.8)) }, () => {
    const hits = random();
    return {
      startMinute: integer(random, 0, totalMinutes - 1),
      minutes: integer(random, 2, 12),
      region: chance(random, 0.6) ? null : regions[integer(random, 0, regions.length - 1)]!,
      // Some incidents raise errors, some slow requests down, some both.
      errorAdd: hits < 0.7 ? (errorRatePct / 100) * logUniform(random, 1, 10) : 0,
      latencyFactor: hits > 0.4 ? uniform(random, 1.2, 2.5) : 1,
    };
  });
}

function drawDataProblems(random: Random, totalMinutes: number): DataProblems {
  const gaps: [number, number][] = [];
  if (chance(random, 0.25)) {
    for (let i = integer(random, 1, 3); i > 0; i -= 1) {
      const from = integer(random, 0, totalMinutes - 4);
      gaps.push([from, Math.min(totalMinutes, from + integer(random, 3, 15))]);
    }
  }
  const share = (p: number, lo: number, hi: number) => (chance(random, p) ? uniform(random, lo, hi) : 0);
  const emptyDraw = random();
  return {
    canaryGaps: gaps,
    missingShare: share(0.2, 0.005, 0.03),
    nanShare: share(0.2, 0.005, 0.02),
    zeroWeightShare: share(0.15, 0.005, 0.02),
    empty: emptyDraw < 0.5 ? 'omit' : emptyDraw < 0.75 ? 'nan' : 'null',
  };
}

export function drawSpec(seed: number, id: string, planKind: PlanKind, assignment: Assignment): ScenarioSpec {
  const random = stream(seed, 'spec');
  const stageMinutes = drawStageMinutes(random);
  const totalMinutes = stageMinutes.reduce((a, b) => a + b, 0);
  const startT = EPOCH + integer(random, 0, 59) * DAY_MS + integer(random, 0, 1439) * INTERVAL_MS;
  const regions = drawRegions(random);
  // A device-class regression needs two device classes to single one out.
  const devices = drawDevices(random, planKind, assignment.dimension === 'device');
  const tenants = drawTenants(random, planKind, regions.length * devices.length);
  const tiny = chance(random, 0.08);
  const cellCount = regions.length * devices.length * tenants.length;
  const errorRatePct = logUniform(random, 0.1, 2);
  const base: Omit<ScenarioSpec, 'truth'> = {
    id,
    seed,
    planKind,
    startT,
    stageMinutes,
    lookEveryMs: integer(random, 60, 120) * 1000,
    regions,
    devices,
    tenants,
    traffic: {
      // Tiny: a few units per cell per minute at 1 % even at the day's peak.
      perMinute: tiny ? logUniform(random, 100, 400) * cellCount : planKind === 'play' ? logUniform(random, 4000, 80_000) : logUniform(random, 10_000, 200_000),
      tiny,
      diurnalAmplitude: uniform(random, 0.2, 0.5),
      noiseK: logUniform(random, 30, 200),
      requestsPerUnit: planKind === 'play' ? uniform(random, 1.5, 4) : 1,
      sessionsPerUnit: planKind === 'play' ? uniform(random, 0.5, 0.9) : uniform(random, 0.03, 0.1),
    },
    errors: { ratePct: errorRatePct, k: logUniform(random, 3, 40), zeroShare: chance(random, 0.5) ? uniform(random, 0.05, 0.4) : 0, driftSd: uniform(random, 0.05, 0.3), driftHours: uniform(random, 0.5, 3) },
    latency: {
      shape: { medianMs: logUniform(random, 30, 250), sigma: uniform(random, 0.35, 0.8), tailShare: uniform(random, 0.01, 0.05), tailAlpha: uniform(random, 1.3, 3) },
      sharedSd: uniform(random, 0.03, 0.1),
      cohortSd: uniform(random, 0.01, 0.05),
      loadSensitivity: uniform(random, 0, 0.3),
      driftSd: uniform(random, 0.02, 0.08),
    },
    crash: { ratePct: uniform(random, 0.1, 0.35), k: logUniform(random, 20, 200) },
    conversion: { ratePct: uniform(random, 2, 6), k: logUniform(random, 30, 300), driftSd: uniform(random, 0.02, 0.08) },
    incidents: drawIncidents(random, totalMinutes, regions.map((r) => r.key), errorRatePct),
    dataProblems: drawDataProblems(random, totalMinutes),
  };
  const ctx = { plan: planFor(planKind), cells: cellsOf(base), stageStarts: stageStarts(base), endT: startT + totalMinutes * INTERVAL_MS };
  return { ...base, truth: drawTruth(stream(seed, 'truth'), assignment, ctx) };
}

/** When each recorded stage began (ms). */
export function stageStarts(spec: Pick<ScenarioSpec, 'startT' | 'stageMinutes'>): number[] {
  const starts: number[] = [];
  let t = spec.startT;
  for (const minutes of spec.stageMinutes) {
    starts.push(t);
    t += minutes * INTERVAL_MS;
  }
  return starts;
}
