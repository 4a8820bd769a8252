// What the judge is told, per metric and per analysis, modelled on Kayenta's canary config
// (metric direction, effect size, NaN strategy, outlier removal, critical metrics, weighted groups,
// marginal/pass thresholds), validated with zod so a bad config is an error with a path, not a guess.
import { z } from 'zod';
import { Dimension } from '../domain/metrics.ts';

/** Which way is bad: an increase (errors, latency), a decrease (conversion), or either. */
export const MetricDirection = z.enum(['increase', 'decrease', 'either']);
export type MetricDirection = z.infer<typeof MetricDirection>;

export const NanStrategy = z.discriminatedUnion('strategy', [
  z.object({ strategy: z.literal('remove') }),
  z.object({ strategy: z.literal('replace'), value: z.number() }),
]);
export type NanStrategy = z.infer<typeof NanStrategy>;

/**
 * How large a deviation must be to count, beside being significant. 'ratio' compares
 * mean(canary)/mean(baseline) with allowedIncrease (≥ 1, e.g. 1.1) and allowedDecrease (≤ 1, e.g.
 * 0.9); 'difference' compares mean(canary) − mean(baseline) with allowed absolute amounts (KPI
 * points). A critical bound beyond the allowed one fails the whole analysis whatever the p-value.
 */
export const RatioEffect = z.object({
  measure: z.literal('ratio'),
  allowedIncrease: z.number().min(1).default(1),
  allowedDecrease: z.number().gt(0).max(1).default(1),
  criticalIncrease: z.number().gt(1).nullable().default(null),
  criticalDecrease: z.number().gt(0).lt(1).nullable().default(null),
});

export const DifferenceEffect = z.object({
  measure: z.literal('difference'),
  /** canary − baseline may rise this much (metric units) before it counts. */
  allowedIncrease: z.number().min(0).default(0),
  /** canary − baseline may fall this much (a positive amount) before it counts. */
  allowedDecrease: z.number().min(0).default(0),
  criticalIncrease: z.number().gt(0).nullable().default(null),
  criticalDecrease: z.number().gt(0).nullable().default(null),
});

export const EffectBound = z.discriminatedUnion('measure', [RatioEffect, DifferenceEffect]);
export type EffectBound = z.infer<typeof EffectBound>;

export const MetricConfig = z.object({
  name: z.string().min(1).max(128),
  group: z.string().min(1).max(64).default('default'),
  direction: MetricDirection.default('either'),
  effect: EffectBound.prefault({ measure: 'ratio' }),
  nan: NanStrategy.default({ strategy: 'remove' }),
  /** Tukey's fences factor (e.g. 3.0): values beyond Q1 − k·IQR or Q3 + k·IQR are dropped. Off by default. */
  outlierIqrFactor: z.number().positive().nullable().default(null),
  /** Values each cohort needs after cleaning; below it the metric is NoData, never a pass. */
  minDataPoints: z.number().int().min(1).default(10),
  /** A failure of a critical metric fails the whole analysis, whatever the score. */
  critical: z.boolean().default(false),
});
export type MetricConfig = z.infer<typeof MetricConfig>;
export type MetricConfigInput = z.input<typeof MetricConfig>;

export const JudgeConfig = z
  .object({
    metrics: z.array(MetricConfig).min(1).max(50, 'at most 50 metrics'),
    /** Group weights adding to 100. Absent: the groups the metrics name share 100 equally. */
    groups: z.record(z.string(), z.number().positive()).optional(),
    /** score < marginal: fail; marginal ≤ score < pass: inconclusive (a person decides); ≥ pass: pass. */
    thresholds: z
      .object({ marginal: z.number().min(0).max(100), pass: z.number().min(0).max(100) })
      .refine((t) => t.marginal <= t.pass, { message: 'marginal must not exceed pass', path: ['marginal'] })
      .default({ marginal: 75, pass: 95 }),
    /** Significance level of each metric's test (and of each sequential test over all its looks). */
    alpha: z.number().gt(0).lt(1).default(0.05),
    /** Judge each metric within every segment of these dimensions too. */
    segments: z.array(Dimension).max(Dimension.options.length, `at most ${Dimension.options.length} dimensions`).default([]),
    /**
     * Significance level of a segment's test. 'bonferroni' (default): alpha divided by the number of
     * segments judged for the metric, so many segments do not multiply the false alarms; 'alpha': as
     * the total.
     */
    segmentAlpha: z.enum(['bonferroni', 'alpha']).default('bonferroni'),
    method: z.enum(['auto', 'exact', 'asymptotic']).default('auto'),
    useContinuity: z.boolean().default(true),
    /**
     * The sequential test's mixing scale τ: the standardized shift (≈ √12·(P(canary > baseline) − ½))
     * it detects fastest. Smaller τ waits longer for small shifts; larger τ reacts faster to large ones.
     */
    sequential: z.object({ tau: z.number().positive().default(0.5) }).prefault({}),
  })
  .superRefine((config, ctx) => {
    const names = new Set<string>();
    config.metrics.forEach((m, i) => {
      if (names.has(m.name)) ctx.addIssue({ code: 'custom', message: `metric "${m.name}" appears twice`, path: ['metrics', i, 'name'] });
      names.add(m.name);
      const e = m.effect;
      if (e.criticalIncrease !== null && e.criticalIncrease <= e.allowedIncrease) {
        ctx.addIssue({ code: 'custom', message: 'criticalIncrease must lie beyond allowedIncrease', path: ['metrics', i, 'effect', 'criticalIncrease'] });
      }
      if (e.criticalDecrease !== null && (e.measure === 'ratio' ? e.criticalDecrease >= e.allowedDecrease : e.criticalDecrease <= e.allowedDecrease)) {
        ctx.addIssue({ code: 'custom', message: 'criticalDecrease must lie beyond allowedDecrease', path: ['metrics', i, 'effect', 'criticalDecrease'] });
      }
    });
    if (config.groups !== undefined) {
      const used = new Set(config.metrics.map((m) => m.group));
      for (const g of used) {
        if (!(g in config.groups)) ctx.addIssue({ code: 'custom', message: `group "${g}" has no weight`, path: ['groups'] });
      }
      for (const g of Object.keys(config.groups)) {
        if (!used.has(g)) ctx.addIssue({ code: 'custom', message: `group "${g}" has no metric`, path: ['groups', g] });
      }
      const total = Object.values(config.groups).reduce((a, b) => a + b, 0);
      if (Math.abs(total - 100) > 1e-9) ctx.addIssue({ code: 'custom', message: `group weights add to ${total}, not 100`, path: ['groups'] });
    }
  });
export type JudgeConfig = z.infer<typeof JudgeConfig>;
export type JudgeConfigInput = z.input<typeof JudgeConfig>;

/** The group weights in force: the configured ones, or 100 shared equally by the groups in use. */
export function groupWeights(config: JudgeConfig): Record<string, number> {
  if (config.groups) return config.groups;
  const used = [...new Set(config.metrics.map((m) => m.group))];
  return Object.fromEntries(used.map((g) => [g, 100 / used.length]));
}
