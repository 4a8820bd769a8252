// The screens read a decision's typed evidence: here a real snapshot an older build stored.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chosenFraction } from '../../renderer/features/decisions/DecisionItem.tsx';
import { evidenceCharts, evidenceLimits } from '../../renderer/features/decisions/evidence.ts';
import { readDecisionEvidence } from '../../shared/index.ts';

const rows = (JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/decision-evidence-v1.json'), 'utf8')) as { rows: Record<string, unknown> }).rows;

describe('a decision’s evidence on screen', () => {
  it('shows the fraction a Google Play resume chose, and nothing for a decision that chose none', () => {
    expect(chosenFraction({ evidence: readDecisionEvidence(rows.resume) })).toBe(2.5);
    expect(chosenFraction({ evidence: readDecisionEvidence(rows.start) })).toBeNull();
    expect(chosenFraction({ evidence: null })).toBeNull();
  });

  it('charts the series kept, in the order the decider kept them, named as people read them', () => {
    const evidence = readDecisionEvidence(rows.resume);
    if (!evidence) throw new Error('the old snapshot did not read');
    expect(evidenceCharts(evidence).series.map((s) => [s.metric, s.label, s.unit, s.points.length])).toEqual([
      ['crash_free_users', 'Crash-free users', '%', 3],
      ['error_rate', 'Error rate', '%', 3],
      ['kpi_conversion', 'Checkout conversion', '%', 3],
    ]);
  });

  it('draws over each chart the limit of the stage’s gates then, and over a failing segment only its gate', () => {
    const evidence = readDecisionEvidence(rows.resume);
    const gates = evidence?.stage?.gates ?? null;
    if (!gates) throw new Error('the old snapshot kept no stage');
    expect(evidenceLimits(gates, 'error_rate', null).baseline).toMatchObject({ gateId: 'errors', scale: 1.25, offset: 0 });
    expect(evidenceLimits(gates, 'kpi_conversion', null).baseline).toMatchObject({ gateId: 'conversion', scale: 1, offset: -0.5 });
    expect(evidenceLimits(gates, 'crash_free_users', null).thresholds.map((t) => [t.gateId, t.value])).toEqual([['crash-free', 99.5]]);
    // A segment's chart names where one gate failed: another gate on the same metric is not drawn there.
    expect(evidenceLimits(gates, 'crash_free_users', 'errors').thresholds).toEqual([]);
    expect(evidenceLimits(null, 'error_rate', null)).toEqual({ thresholds: [], baseline: null });
  });
});
