// A gate's time to pass is reckoned over the minutes its paired data came in: a baseline silent for the
// stage's first minutes judged nothing then, and counting those minutes read one interval in seven
// minutes as "ten intervals need ≈ 1 h" while the plan said ≈ 10 min (audit 4, #8). The same holds
// for a silence between paired minutes (an outage of the baseline's scrape mid-stage).
import { describe, expect, it } from 'vitest';
import { JudgeOptions, lookAtGate, type Gate, type GateInput, type ObservationAt, type TestState } from '../../shared/index.ts';
import { Gate as GateSchema } from '../../shared/gates/types.ts';

const MINUTE = 60_000;
const seg = { region: '', device: '', tenant: '' };
const options = JudgeOptions.parse({});
const errors: Gate = GateSchema.parse({ id: 'errors', kind: 'relative', metric: 'error_rate', op: 'lte', factor: 1.25, minSamples: 1 } satisfies GateInput);
const latency: Gate = GateSchema.parse({ id: 'latency', kind: 'relative', metric: 'p95_latency_ms', op: 'lte', factor: 1.2, minSamples: 1 } satisfies GateInput);

/** A minute's rows ending at `t`, the canary like its baseline; the baseline's only when it reports. */
function minute(gate: Gate, t: number, baseline: boolean): ObservationAt[] {
  const value = gate.metric === 'error_rate' ? 1 : 200 + ((t / MINUTE) % 3);
  const rows: ObservationAt[] = [{ cohort: 'canary', segment: seg, t, value, weight: 3000 }];
  if (baseline) rows.push({ cohort: 'baseline', segment: seg, t, value: gate.metric === 'error_rate' ? 1 : 200 + ((t / MINUTE + 1) % 3), weight: 30_000 });
  return rows;
}

/** The gate's "needs" after the minutes of `pattern`: true, both cohorts; false, the canary alone. */
function needsOver(gate: Gate, pattern: readonly boolean[]): number | null {
  let tests: Record<string, TestState> | undefined;
  let needs: number | null = null;
  for (let m = 1; m <= pattern.length; m += 1) {
    const looked = lookAtGate({ gate, observations: minute(gate, m * MINUTE, pattern[m - 1]!), tests, stageStartedAt: 0, lookAt: m * MINUTE, budget: { gates: 1, gatedStages: 1 }, options });
    tests = looked.tests;
    needs = looked.result.total.evidence?.needs?.minutes ?? null;
  }
  return needs;
}

const minutes = (n: number, paired: boolean): boolean[] => Array.from({ length: n }, () => paired);
/** `paired` minutes of both cohorts after `silent` minutes of the canary alone. */
const needsAfter = (gate: Gate, silent: number, paired: number): number | null => needsOver(gate, [...minutes(silent, false), ...minutes(paired, true)]);

describe('time to pass after a silent baseline', () => {
  for (const gate of [errors, latency]) {
    it(`${gate.id}: five silent minutes at the start leave the estimate as if the stage had begun with its first pair`, () => {
      const fromStart = needsAfter(gate, 0, 3);
      const afterSilence = needsAfter(gate, 5, 3);
      expect(fromStart).not.toBeNull();
      expect(fromStart!).toBeGreaterThan(1);
      expect(afterSilence).not.toBeNull();
      expect(afterSilence!).toBeCloseTo(fromStart!, 6);
    });

    it(`${gate.id}: five silent minutes between paired ones leave the estimate as if the pairs had come one after another`, () => {
      const together = needsAfter(gate, 0, 4);
      const apart = needsOver(gate, [true, true, ...minutes(5, false), true, true]);
      expect(together).not.toBeNull();
      expect(together!).toBeGreaterThan(1);
      expect(apart).not.toBeNull();
      expect(apart!).toBeCloseTo(together!, 6);
    });
  }
});
