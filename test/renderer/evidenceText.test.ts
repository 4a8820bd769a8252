import { describe, expect, it } from 'vitest';
import { UnitEvidence } from '../../shared/gates/types.ts';
import { amountText, dispersionText, estimateText, evidenceText, heldText, needsText } from '../../renderer/features/release-detail/evidenceText.ts';
import { formatApproxMinutes } from '../../renderer/lib/format.ts';

const evidence = (over: Partial<UnitEvidence> = {}): UnitEvidence =>
  UnitEvidence.parse({
    test: 'two_rate',
    alpha: 0.000_15,
    logE: 3.24,
    maxLogE: 4,
    boundary: 8.8,
    passLogE: 1.06,
    passBoundary: 2.996,
    evidence: 12.7,
    minEvidence: 10,
    estimate: 1.083,
    margin: 1.25,
    dispersion: 1,
    crossedAt: null,
    needs: { minutes: 180, why: 'at the traffic seen so far' },
    ...over,
  });

describe('a sequential test’s evidence in words', () => {
  it('sets the evidence against both boundaries, the current value until the failure side has crossed', () => {
    expect(evidenceText(evidence())).toBe('evidence 3.2 / 8.8 to fail · 1.1 / 3.0 to pass');
    expect(evidenceText(evidence({ logE: 6, maxLogE: 9.14, crossedAt: 1 }))).toBe('evidence 9.1 / 8.8 to fail · 1.1 / 3.0 to pass');
    // Evidence for the null is not shown as negative evidence.
    expect(evidenceText(evidence({ logE: -2, passLogE: -0.5 }))).toBe('evidence 0.0 / 8.8 to fail · 0.0 / 3.0 to pass');
  });

  it('says what the canary looks like for each test', () => {
    expect(estimateText(evidence(), 'error_rate')).toBe('errors ×1.08 of baseline (limit ×1.25)');
    expect(estimateText(evidence({ test: 'one_rate', estimate: 0.0005, margin: 0.005 }), 'crash_free_users')).toBe('crashes ×0.10 of the limit');
    expect(estimateText(evidence({ test: 'one_rate', estimate: 0.005, margin: null }), 'crash_free_users')).toBe('crashes rate 0.50 %');
    expect(estimateText(evidence({ test: 'sign', estimate: 0.38, margin: 0.5 }), 'p95_latency_ms')).toBe('38 % of intervals past the limit');
    expect(estimateText(evidence({ estimate: null }), 'error_rate')).toBe('no estimate yet');
  });

  it('counts what a test needs before it may decide, and says when counts are noisier than chance', () => {
    expect(amountText(evidence())).toBe('12 / 10 expected canary events');
    expect(amountText(evidence({ test: 'sign', evidence: 8 }))).toBe('8 / 10 intervals judged');
    expect(dispersionText(evidence())).toBeNull();
    expect(dispersionText(evidence({ dispersion: 1.43 }))).toBe('counts ×1.4 noisier than chance');
  });

  it('says how long an undecided test needs at the stage’s exposure, or why it cannot decide', () => {
    expect(needsText({ minutes: 180, why: '' }, 10)).toBe('needs ≈ 3 h at 10%');
    expect(needsText({ minutes: 0.2, why: '' })).toBe('needs < 1 min');
    expect(needsText({ minutes: null, why: 'no canary traffic yet', kind: 'blocked' }, 10)).toBe('cannot decide: no canary traffic yet');
  });

  it('lets a unit on its way to failing say so without "cannot decide", by its kind rather than its words', () => {
    const past = 'past the limit: it cannot pass, and fails once its evidence is enough';
    expect(needsText({ minutes: null, why: past, kind: 'failing' })).toBe(past);
    // Evidence recorded before the kind was kept reads as blocked, whatever its words.
    expect(needsText({ minutes: null, why: past })).toBe(`cannot decide: ${past}`);
    expect(needsText({ minutes: null, why: 'past any hope', kind: 'blocked' })).toBe('cannot decide: past any hope');
  });

  it('rounds durations as roughly as they are known', () => {
    expect([0.4, 40.2, 59.4, 59.6, 95, 600, 2000, 2900, 600_000].map(formatApproxMinutes)).toEqual(['< 1 min', '≈ 40 min', '≈ 59 min', '≈ 1 h', '≈ 1.6 h', '≈ 10 h', '≈ 33 h', '≈ 2 d', '> 1 year']);
  });

  it('says why a failure side past its boundary has not failed: the effect within the tolerance, or too little evidence', () => {
    expect(heldText(evidence())).toBeNull();
    expect(heldText(evidence({ logE: 9.2, maxLogE: 9.2, heldBack: 'effect', failEffect: 1.2 }))).toBe(
      'past the boundary, not halted: the effect since the evidence began (×1.20 of baseline, limit ×1.25) is within the tolerance',
    );
    expect(heldText(evidence({ test: 'one_rate', logE: 9.2, maxLogE: 9.2, heldBack: 'effect', failEffect: 0.0045, margin: 0.005 }))).toBe(
      'past the boundary, not halted: the effect since the evidence began (×0.90 of the limit) is within the tolerance',
    );
    expect(heldText(evidence({ logE: 9.2, maxLogE: 9.2, heldBack: 'evidence' }))).toBe(
      'past the boundary, not halted until it stands on 10 canary events and enough intervals to know the noise',
    );
    // Once crossed it has failed: nothing holds it back.
    expect(heldText(evidence({ logE: 9.2, maxLogE: 9.2, crossedAt: 5, heldBack: 'effect' }))).toBeNull();
  });
});
