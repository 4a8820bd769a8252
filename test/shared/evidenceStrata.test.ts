// The count test of a unit pooled from cells, checked by simulation with known truth: a healthy canary
// whose traffic falls on the cells in other proportions than the baseline's (canary pods in one
// region's cluster, early adopters on newer devices) is failed at most α of the time, where the same
// data as total rows — one pooled count per cohort — is failed in nearly every rollout (negative
// control: the pooled rates differ by the mix alone); a true ×2 canary is still caught.
import { describe, expect, it } from 'vitest';
import { poisson, type Gate, type ObservationAt } from '../../shared/index.ts';
import { Gate as GateSchema } from '../../shared/gates/types.ts';
import { LOOKS, shareFailing, WITHIN_ALPHA } from '../support/alphaSimulation.ts';

const errors: Gate = GateSchema.parse({ id: 'errors', kind: 'relative', metric: 'error_rate', op: 'lte', factor: 1.25, minSamples: 1 });
/** Error rates (%) by cell, and each cohort's share of its traffic there: the canary leans to the cells that fail most. */
const CELLS = [
  { region: 'eu-west', ratePct: 0.2, baseline: 0.4, canary: 0.1 },
  { region: 'us-east', ratePct: 0.5, baseline: 0.3, canary: 0.2 },
  { region: 'ap-south', ratePct: 1, baseline: 0.2, canary: 0.3 },
  { region: 'sa-east', ratePct: 2, baseline: 0.1, canary: 0.4 },
];
const BASELINE_PER_MINUTE = 20_000;
const CANARY_PER_MINUTE = 1_000;

function minute(k: number, random: () => number, ratio: number, totalsOnly: boolean): ObservationAt[] {
  const t = k * 60_000;
  const rows: ObservationAt[] = [];
  for (const cell of CELLS) {
    const segment = { region: cell.region, device: '', tenant: '' };
    for (const [cohort, n, r] of [['canary', CANARY_PER_MINUTE * cell.canary, ratio], ['baseline', BASELINE_PER_MINUTE * cell.baseline, 1]] as const) {
      const events = poisson(random, (n * cell.ratePct * r) / 100);
      rows.push({ cohort, segment, t, value: (100 * events) / n, weight: n });
    }
  }
  if (!totalsOnly) return rows;
  const none = { region: '', device: '', tenant: '' };
  return (['canary', 'baseline'] as const).map((cohort) => {
    const own = rows.filter((r) => r.cohort === cohort);
    const weight = own.reduce((a, r) => a + r.weight, 0);
    return { cohort, segment: none, t, value: own.reduce((a, r) => a + r.value! * r.weight, 0) / weight, weight };
  });
}

const failing = (ratio: number, totalsOnly: boolean, looks = LOOKS): number =>
  shareFailing(errors, (k, random) => minute(k, random, ratio, totalsOnly), { seed: 9100, looks });

describe('a count test pooled from cells, judged within them', () => {
  it('fails at most α of healthy canaries whose traffic mix differs from the baseline’s, which pooled totals fail in nearly every rollout (negative control)', () => {
    expect(failing(1, false)).toBeLessThanOrEqual(WITHIN_ALPHA);
    expect(failing(1, true, 60)).toBeGreaterThan(0.9);
  });

  it('still catches a ×2 canary under the same mix within 30 minutes in nearly every rollout', () => {
    expect(failing(2, false, 30)).toBeGreaterThanOrEqual(0.9);
  });
});
