// Drawing the canary's true effect. Sizes are drawn from ranges set by the gates' tolerances: a
// regression is past its gate (from just past it to gross), a subtolerance one stays inside it on
// every segment the gate judges, an improvement goes the good way. Each draw is checked against the
// gate itself, so a change to the default gates cannot silently mislabel the corpus.
import type { MetricName } from '../../domain/metrics.ts';
import type { Plan } from '../../plans/plan.ts';
import { pooledLevel, type Cell, type Scope } from './cells.ts';
import { chance, logUniform, pick, uniform, type Random } from './draw.ts';
import { tolerance } from './effects.ts';
import { gatedMetrics, gateFor } from './plans.ts';
import type { Effect, SegmentDimension, Truth, TruthKind, TruthScope } from './types.ts';

export interface Assignment {
  kind: TruthKind;
  metric?: MetricName;
  scope: TruthScope;
  /** For a single-segment effect: the dimension of its segment. */
  dimension?: SegmentDimension;
}

export interface TruthContext {
  plan: Plan;
  cells: readonly Cell[];
  /** Start of each recorded stage (ms), and the recording's end. */
  stageStarts: readonly number[];
  endT: number;
}

type Sizer = (random: Random, cells: readonly Cell[], scope: Scope) => number;

const pooledCrashPct = (cells: readonly Cell[], scope: Scope) => 100 * pooledLevel(cells, scope, (c) => c.crashRate);
const pooledConversionPoints = (cells: readonly Cell[], scope: Scope) => 100 * pooledLevel(cells, scope, (c) => c.conversion);

/** The corpus draws effects only for the metrics it simulates. */
function sizer(kind: Exclude<TruthKind, 'healthy'>, metric: MetricName): Sizer {
  const s = SIZES[kind][metric];
  if (!s) throw new Error(`the scenario corpus does not model ${metric}`);
  return s;
}

const SIZES: Record<Exclude<TruthKind, 'healthy'>, Partial<Record<MetricName, Sizer>>> = {
  regression: {
    error_rate: (r) => logUniform(r, 1.6, 5),
    p95_latency_ms: (r) => logUniform(r, 1.25, 2),
    // Crash-free is a threshold gate: the size is what takes the scope's canary to 0.7–3 % crashed users.
    crash_free_users: (r, cells, scope) => logUniform(r, 0.7, 3) / pooledCrashPct(cells, scope),
    kpi_conversion: (r, cells, scope) => -uniform(r, 1, Math.max(1, Math.min(2, 0.7 * pooledConversionPoints(cells, scope)))),
  },
  subtolerance: {
    error_rate: (r) => logUniform(r, 1.05, 1.15),
    p95_latency_ms: (r) => logUniform(r, 1.02, 1.06),
    crash_free_users: (r) => uniform(r, 1.05, 1.18),
    kpi_conversion: (r) => -uniform(r, 0.1, 0.3),
  },
  improvement: {
    error_rate: (r) => logUniform(r, 0.5, 0.85),
    p95_latency_ms: (r) => logUniform(r, 0.8, 0.95),
    crash_free_users: (r) => logUniform(r, 0.4, 0.8),
    kpi_conversion: (r) => uniform(r, 0.2, 1),
  },
};

/** Where late regressions start: every stage, the later ones too (weights for 1, 5, 20, 50 %). */
const ONSET_STAGE_WEIGHTS = [0.2, 0.3, 0.3, 0.2];
/** A late onset leaves at least this long in the recording, a gate window and more, to be seen. */
const MIN_MINUTES_AFTER_ONSET = 15;

function drawOnset(random: Random, ctx: TruthContext): { t: number; stage: number } {
  const u = random();
  let stage = 0;
  let acc = ONSET_STAGE_WEIGHTS[0]!;
  while (u > acc && stage < ctx.stageStarts.length - 1) {
    stage += 1;
    acc += ONSET_STAGE_WEIGHTS[stage] ?? 0;
  }
  const from = ctx.stageStarts[stage]!;
  const to = ctx.stageStarts[stage + 1] ?? ctx.endT;
  const minutes = Math.round(uniform(random, 0.15, 0.6) * ((to - from) / 60_000));
  const t = Math.min(from + minutes * 60_000, ctx.endT - MIN_MINUTES_AFTER_ONSET * 60_000);
  return { t, stage: stageAt(ctx, t) };
}

const stageAt = (ctx: TruthContext, t: number): number => ctx.stageStarts.filter((s) => s <= t).length - 1;

function drawSegment(random: Random, ctx: TruthContext, metric: MetricName, dimension: SegmentDimension): { dimension: SegmentDimension; key: string } {
  if (!segmentable(ctx.plan, ctx.cells, metric, dimension)) throw new Error(`the ${metric} gate cannot single out one ${dimension} in this scenario`);
  return { dimension, key: pick(random, [...new Set(ctx.cells.map((c) => c[dimension]))]) };
}

/** Can this metric's gate see a single segment of this dimension in these cells? */
const segmentable = (plan: Plan, cells: readonly Cell[], metric: MetricName, dimension: SegmentDimension): boolean =>
  (gateFor(plan, metric)?.segments ?? []).includes(dimension) && new Set(cells.map((c) => c[dimension])).size > 1;

/** A subtolerance draw that lands past the gate somewhere (a high-crash region) is halved toward no effect. */
function withinTolerance(ctx: TruthContext, effect: Effect, scope: Scope): Effect {
  let size = effect.size;
  const neutral = effect.metric === 'kpi_conversion' ? 0 : 1;
  for (let i = 0; i < 30; i += 1) {
    if (!tolerance(ctx.plan, ctx.cells, { ...effect, size }, scope).beyond) return { ...effect, size };
    size = neutral + (size - neutral) / 2;
  }
  throw new Error(`no ${effect.metric} effect near ${effect.size} stays within the gate: the healthy levels already break it`);
}

export function drawTruth(random: Random, assignment: Assignment, ctx: TruthContext): Truth {
  const startT = ctx.stageStarts[0]!;
  const exposure = (stage: number) => ctx.plan.stages[stage]!.exposure;
  const { kind, metric } = assignment;
  if (kind === 'healthy' || metric === undefined) {
    return { kind: 'healthy', scope: 'global', size: 1, beyondTolerance: false, onsetT: startT, onsetExposure: exposure(0) };
  }
  const segment = assignment.scope === 'segment' ? drawSegment(random, ctx, metric, assignment.dimension ?? 'region') : undefined;
  const scope: Scope = segment ?? null;
  const onset = assignment.scope === 'late-onset' ? drawOnset(random, ctx) : { t: startT, stage: 0 };
  let primary: Effect = { metric, size: sizer(kind, metric)(random, ctx.cells, scope) };
  if (kind === 'subtolerance') primary = withinTolerance(ctx, primary, scope);
  const also: Effect[] = [];
  // A bad change sometimes shows on a second gated metric as well (errors with latency, crashes with errors).
  if (kind === 'regression' && chance(random, 0.15)) {
    const others = gatedMetrics(ctx.plan).filter((m) => m !== metric && (segment === undefined || segmentable(ctx.plan, ctx.cells, m, segment.dimension)));
    if (others.length > 0) {
      const second = pick(random, others);
      const sizeKind = chance(random, 0.5) ? 'regression' : 'subtolerance';
      const drawn: Effect = { metric: second, size: sizer(sizeKind, second)(random, ctx.cells, scope) };
      also.push(sizeKind === 'subtolerance' ? withinTolerance(ctx, drawn, scope) : drawn);
    }
  }
  const beyond = [primary, ...also].some((e) => tolerance(ctx.plan, ctx.cells, e, scope).beyond);
  if (kind === 'regression' && !tolerance(ctx.plan, ctx.cells, primary, scope).beyond) {
    throw new Error(`a ${metric} regression of size ${primary.size} does not break the plan's gate: the size ranges no longer fit the gates`);
  }
  return {
    kind,
    metric,
    scope: assignment.scope,
    ...(segment ? { segment } : {}),
    size: primary.size,
    beyondTolerance: beyond,
    onsetT: onset.t,
    onsetExposure: exposure(onset.stage),
    ...(also.length ? { also } : {}),
  };
}
