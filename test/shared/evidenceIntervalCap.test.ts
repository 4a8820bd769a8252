// One interval's evidence is capped at 1.5 nats for each minute a row of its source covers, up to two
// minutes (shared/evidence/folds.ts ▸ intervalCap): a source with rows of five minutes (a Datadog
// rollup, a 5m query step) is not held to a fifth of the evidence a minute, and one row, however
// broken, still cannot decide alone. A minute-by-minute source that goes silent keeps its 1.5. (An
// interval whose canary shows one event is not capped: evidenceVerdict.test.ts.)
import { describe, expect, it } from 'vitest';
import { JudgeOptions, lookAtGate, type Gate, type GateInput, type ObservationAt, type TestState } from '../../shared/index.ts';
import { Gate as GateSchema } from '../../shared/gates/types.ts';

const MINUTE = 60_000;
const seg = { region: '', device: '', tenant: '' };
const errors: Gate = GateSchema.parse({ id: 'errors', kind: 'relative', metric: 'error_rate', op: 'lte', factor: 1.25, minSamples: 1 } satisfies GateInput);
const options = JudgeOptions.parse({});

/** One row per cohort ending at `t`: `minutes` of 2,000 canary and 40,000 baseline requests a minute at 1 % errors, the canary's × `ratio`. */
const rows = (t: number, minutes: number, ratio: number): ObservationAt[] => [
  { cohort: 'canary', segment: seg, t, value: ratio, weight: 2000 * minutes },
  { cohort: 'baseline', segment: seg, t, value: 1, weight: 40_000 * minutes },
];

interface Judged {
  tests: Record<string, TestState>;
  logE: number;
  failed: boolean;
}

function look(tests: Record<string, TestState> | undefined, t: number, minutes: number, ratio: number): Judged {
  const looked = lookAtGate({ gate: errors, observations: rows(t, minutes, ratio), tests, stageStartedAt: 0, lookAt: t, budget: { gates: 1, gatedStages: 1 }, options });
  return { tests: looked.tests, logE: looked.result.total.evidence?.logE ?? Number.NaN, failed: looked.result.outcome === 'fail' };
}

/** An hour of a healthy canary on rows every `every` minutes, then the most one more row at × `ratio`, `after` minutes later, adds at any effect size. */
function oneRowAdds(every: number, ratio: number, after = every): { added: number; failed: boolean } {
  let judged: Judged | undefined;
  for (let t = every; t <= 60; t += every) judged = look(judged?.tests, t * MINUTE, every, 1);
  const next = look(judged!.tests, (60 + after) * MINUTE, every, ratio);
  // The rollout-start component's log-LR at each effect size on the grid: the row's increments.
  const before = judged!.tests['total']!.eprocess.fail[0]!.logLR!;
  const now = next.tests['total']!.eprocess.fail[0]!.logLR!;
  return { added: Math.max(...now.map((l, k) => l - before[k]!)), failed: next.failed };
}

/** Rows every `every` minutes: an hour healthy, then × `ratio`; the minutes from the onset to the failure (null: none in an hour). */
function minutesToFail(every: number, ratio: number): number | null {
  let tests: Record<string, TestState> | undefined;
  for (let t = every; t <= 120; t += every) {
    const judged = look(tests, t * MINUTE, every, t <= 60 ? 1 : ratio);
    tests = judged.tests;
    if (judged.failed) return t - 60;
  }
  return null;
}

describe('the per-interval cap follows the source’s rows', () => {
  it('a row of five minutes carries up to 3 nats, and still cannot fail the gate alone', () => {
    const broken = oneRowAdds(5, 20);
    expect(broken.added).toBeGreaterThan(2.99);
    expect(broken.added).toBeLessThanOrEqual(3 + 1e-9);
    expect(broken.failed).toBe(false);
  });

  it('a minute’s row carries at most 1.5 nats, also the first row after ten silent minutes', () => {
    const minute = oneRowAdds(1, 20);
    expect(minute.added).toBeGreaterThan(1.49);
    expect(minute.added).toBeLessThanOrEqual(1.5 + 1e-9);
    expect(oneRowAdds(1, 20, 11).added).toBeLessThanOrEqual(1.5 + 1e-9);
  });

  it('a late regression reported every five minutes is halted within four rows of its onset', () => {
    const minutes = minutesToFail(5, 3);
    expect(minutes).not.toBeNull();
    expect(minutes!).toBeLessThanOrEqual(20);
  });
});
