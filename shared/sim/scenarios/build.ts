// Builds a scenario's recording from its spec: per minute and cell, the traffic split between the
// cohorts by the stage's exposure, and each metric as counts out of that traffic (see README.md).
import type { BacktestRow, ScheduleRow } from '../../backtest/types.ts';
import type { Cohort, MetricName } from '../../domain/metrics.ts';
import { normal } from '../random.ts';
import { cellsOf, inScope, type Cell, type Scope } from './cells.ts';
import { binomial, chance, gammaFactor, poisson, type Random } from './draw.ts';
import { effectFactor } from './effects.ts';
import { emit } from './emit.ts';
import { p95Law, sampleP95 } from './latency.ts';
import { gatedMetrics, planFor } from './plans.ts';
import { stream } from './rng.ts';
import { INTERVAL_MS, stageStarts } from './spec.ts';
import type { Effect, Scenario, ScenarioSpec } from './types.ts';

/** An Ornstein-Uhlenbeck path in log space: a level that wanders and returns, sd `sd`, memory `hours`. */
function drift(random: Random, steps: number, sd: number, hours: number): Float64Array {
  const keep = Math.exp(-INTERVAL_MS / (hours * 3_600_000));
  const shock = sd * Math.sqrt(1 - keep * keep);
  const path = new Float64Array(steps);
  let x = sd * normal(random);
  for (let i = 0; i < steps; i += 1) {
    path[i] = x;
    x = keep * x + shock * normal(random);
  }
  return path;
}

/** Traffic peaks mid-afternoon local time and bottoms out at night. */
function diurnal(t: number, tzHours: number, amplitude: number): number {
  const localHour = (((t / 3_600_000 + tzHours) % 24) + 24) % 24;
  return 1 + amplitude * Math.cos((2 * Math.PI * (localHour - 15)) / 24);
}

/** Per metric and cell, the factor on the canary's level once the effect has begun. */
function canaryFactors(effects: readonly Effect[], cells: readonly Cell[], scope: Scope): Map<MetricName, number[]> {
  const factors = new Map<MetricName, number[]>();
  for (const effect of effects) {
    const f = effectFactor(effect, cells, scope);
    const current = factors.get(effect.metric) ?? cells.map(() => 1);
    factors.set(effect.metric, current.map((x, i) => (inScope(cells[i]!, scope) ? x * f : x)));
  }
  return factors;
}

export function buildScenario(spec: ScenarioSpec): Scenario {
  const plan = planFor(spec.planKind);
  const metrics = new Set(gatedMetrics(plan));
  const cells = cellsOf(spec);
  const starts = stageStarts(spec);
  const steps = spec.stageMinutes.reduce((a, b) => a + b, 0);
  const schedule: ScheduleRow[] = starts.map((t, stage) => ({ t, stage }));
  const { truth } = spec;
  const effects: Effect[] = truth.metric === undefined ? [] : [{ metric: truth.metric, size: truth.size }, ...(truth.also ?? [])];
  const factors = canaryFactors(effects, cells, truth.segment ?? null);

  const rnd = {
    traffic: stream(spec.seed, 'traffic'),
    errors: stream(spec.seed, 'errors'),
    latency: stream(spec.seed, 'latency'),
    crash: stream(spec.seed, 'crash'),
    conversion: stream(spec.seed, 'conversion'),
    problems: stream(spec.seed, 'problems'),
  };
  const driftRandom = stream(spec.seed, 'drift');
  const errorDrift = drift(driftRandom, steps, spec.errors.driftSd, spec.errors.driftHours);
  const latencyDrift = drift(driftRandom, steps, spec.latency.driftSd, 2);
  const conversionDrift = drift(driftRandom, steps, spec.conversion.driftSd, 2);
  const law = p95Law(spec.latency.shape);
  const { traffic, errors, latency, crash, conversion, dataProblems } = spec;

  const rows: BacktestRow[] = [];
  let stage = 0;
  for (let i = 0; i < steps; i += 1) {
    const from = spec.startT + i * INTERVAL_MS;
    const t = from + INTERVAL_MS;
    while (stage + 1 < starts.length && starts[stage + 1]! <= from) stage += 1;
    const canaryShare = plan.stages[stage]!.exposure / 100;
    const effective = from >= truth.onsetT;
    cells.forEach((cell, c) => {
      const swing = diurnal(from, cell.tzHours, traffic.diurnalAmplitude);
      const units = traffic.perMinute * cell.share * swing * gammaFactor(rnd.traffic, traffic.noiseK);
      const incidents = spec.incidents.filter((x) => i >= x.startMinute && i < x.startMinute + x.minutes && (x.region === null || x.region === cell.region));
      const errorAdd = incidents.reduce((a, x) => a + x.errorAdd, 0);
      const slowdown = incidents.reduce((a, x) => a * x.latencyFactor, 1);
      // Load and infrastructure noise hit both cohorts of a cell alike; each cohort adds its own.
      const load = Math.exp(latency.sharedSd * normal(rnd.latency) + latencyDrift[i]!) * (1 + latency.loadSensitivity * (swing - 1));
      for (const cohort of ['baseline', 'canary'] as Cohort[]) {
        const mean = units * (cohort === 'canary' ? canaryShare : 1 - canaryShare);
        const f = (m: MetricName) => (cohort === 'canary' && effective ? (factors.get(m)?.[c] ?? 1) : 1);
        const out = (metric: MetricName, value: number, weight: number) => emit(rows, rnd.problems, dataProblems, { interval: i, t, cohort, metric, cell, value, weight });
        const requests = poisson(rnd.traffic, mean * traffic.requestsPerUnit);
        const sessions = poisson(rnd.traffic, mean * traffic.sessionsPerUnit);
        if (metrics.has('error_rate')) {
          // Zero-inflated gamma-binomial: some minutes nothing fails, the rest carry the rate (mean kept).
          const failing = errors.zeroShare > 0 && chance(rnd.errors, errors.zeroShare) ? 0 : (cell.errorRate * Math.exp(errorDrift[i]!) * f('error_rate') * gammaFactor(rnd.errors, errors.k)) / (1 - errors.zeroShare);
          const count = binomial(rnd.errors, requests, Math.min(1, failing + errorAdd));
          out('error_rate', requests ? (100 * count) / requests : Number.NaN, requests);
        }
        if (metrics.has('p95_latency_ms')) {
          const scale = cell.latencyScale * load * Math.exp(latency.cohortSd * normal(rnd.latency)) * slowdown * f('p95_latency_ms');
          out('p95_latency_ms', sampleP95(rnd.latency, law, requests, scale), requests);
        }
        if (metrics.has('crash_free_users')) {
          const users = poisson(rnd.crash, mean);
          const crashed = binomial(rnd.crash, users, Math.min(1, cell.crashRate * f('crash_free_users') * gammaFactor(rnd.crash, crash.k)));
          out('crash_free_users', users ? 100 * (1 - crashed / users) : Number.NaN, users);
        }
        if (metrics.has('kpi_conversion')) {
          const converted = binomial(rnd.conversion, sessions, Math.min(1, cell.conversion * Math.exp(conversionDrift[i]!) * f('kpi_conversion') * gammaFactor(rnd.conversion, conversion.k)));
          out('kpi_conversion', sessions ? (100 * converted) / sessions : Number.NaN, sessions);
        }
      }
    });
  }
  return { id: spec.id, seed: spec.seed, plan, rows, schedule, lookEveryMs: spec.lookEveryMs, truth, spec };
}
