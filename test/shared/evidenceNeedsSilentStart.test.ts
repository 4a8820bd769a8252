// A gate's time to pass is reckoned over the minutes its paired data came in: a baseline silent for the
// stage's first minutes judged nothing then, and counting those minutes read one interval in seven
// minutes as "ten intervals need ≈ 1 h" while the plan said ≈ 10 min (audit 4, #8).
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

/** The gate's "needs" after `paired` minutes of both cohorts that followed `silent` minutes of the canary alone. */
function needsAfter(gate: Gate, silent: number, paired: number): number | null {
  let tests: Record<string, TestState> | undefined;
  let needs: number | null = null;
  for (let m = 1; m <= silent + paired; m += 1) {
    const looked = lookAtGate({ gate, observations: minute(gate, m * MINUTE, m > silent), tests, stageStartedAt: 0, lookAt: m * MINUTE, budget: { gates: 1, gatedStages: 1 }, options });
    tests = looked.tests;
    needs = looked.result.total.evidence?.needs?.minutes ?? null;
  }
  return needs;
}

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
  }
});
