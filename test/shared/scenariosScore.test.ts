import { describe, expect, it } from 'vitest';
import type { BacktestDecision, BacktestResult } from '../../shared/backtest/types.ts';
import { median, scoreCorpus, scoreScenario, wilson, type Truth } from '../../shared/sim/scenarios/index.ts';

const MIN = 60_000;
const healthy: Truth = { kind: 'healthy', scope: 'global', size: 1, beyondTolerance: false, onsetT: 0, onsetExposure: 1 };
const improvement: Truth = { kind: 'improvement', metric: 'error_rate', scope: 'global', size: 0.7, beyondTolerance: false, onsetT: 0, onsetExposure: 1 };
const late: Truth = { kind: 'regression', metric: 'error_rate', scope: 'late-onset', size: 2, beyondTolerance: true, onsetT: 100 * MIN, onsetExposure: 5 };
const lateAt20: Truth = { ...late, onsetExposure: 20 };
const inRegion: Truth = { kind: 'regression', metric: 'error_rate', scope: 'segment', segment: { dimension: 'region', key: 'eu-west' }, size: 3, beyondTolerance: true, onsetT: 0, onsetExposure: 1 };
const within: Truth = { kind: 'subtolerance', metric: 'error_rate', scope: 'global', size: 1.1, beyondTolerance: false, onsetT: 0, onsetExposure: 1 };

type Step = Partial<BacktestDecision> & Pick<BacktestDecision, 't' | 'action'>;

function result(...steps: Step[]): BacktestResult {
  const decisions: BacktestDecision[] = steps.map((s) => ({ stage: 0, exposure: 1, gate: 'errors', segment: null, reason: 'test', ...s }));
  const stop = decisions.find((d) => d.action === 'pause' || d.action === 'halt' || d.action === 'rollback');
  return { looks: [], decisions, firstStop: stop ? { t: stop.t, stage: stop.stage, exposure: stop.exposure, action: stop.action as 'halt' } : null };
}

describe('scoring one scenario', () => {
  it('a stop on a healthy or improved rollout is a false halt; promotions and approval requests are not stops', () => {
    expect(scoreScenario('a', healthy, result({ t: 30 * MIN, action: 'promote' }, { t: 60 * MIN, action: 'request_approval' })).falseHalt).toBe(false);
    expect(scoreScenario('b', healthy, result({ t: 200 * MIN, action: 'halt', exposure: 50 })).falseHalt).toBe(true);
    expect(scoreScenario('c', improvement, result({ t: 10 * MIN, action: 'pause' })).falseHalt).toBe(true);
    const caughtNothing = scoreScenario('d', healthy, result({ t: 10 * MIN, action: 'rollback' }));
    expect([caughtNothing.caught, caughtNothing.detection]).toEqual([false, null]);
  });

  it('a regression stopped before its onset is not caught; a later stop is, with its exposure and minutes since onset', () => {
    const early = scoreScenario('e', late, result({ t: 50 * MIN, action: 'halt' }));
    expect([early.stoppedBeforeOnset, early.caught, early.falseHalt]).toEqual([true, false, false]);
    const both = scoreScenario('f', late, result({ t: 50 * MIN, action: 'halt' }, { t: 110 * MIN, action: 'halt', exposure: 20, stage: 2 }));
    expect(both.caught).toBe(true);
    expect(both.detection).toMatchObject({ exposure: 20, minutes: 10 });
    expect([both.lowExposureEligible, both.caughtAtLowExposure]).toEqual([true, false]);
    const atOnset = scoreScenario('g', late, result({ t: 100 * MIN, action: 'halt', exposure: 5 }));
    expect([atOnset.caught, atOnset.caughtAtLowExposure, atOnset.detection?.minutes]).toEqual([true, true, 0]);
  });

  it('a stop at ≤ 5 % is only asked of regressions that began at ≤ 5 %', () => {
    const s = scoreScenario('h', lateAt20, result({ t: 120 * MIN, action: 'halt', exposure: 20 }));
    expect([s.caught, s.lowExposureEligible, s.caughtAtLowExposure]).toEqual([true, false, false]);
  });

  it('names the segment only when the stop’s labels are exactly the truth’s', () => {
    const named = (segment: Record<string, string> | null) => scoreScenario('i', inRegion, result({ t: MIN, action: 'halt', segment })).segmentNamed;
    expect(named({ region: 'eu-west' })).toBe(true);
    expect(named({ region: 'us-east' })).toBe(false);
    expect(named({ region: 'eu-west', device: 'phone' })).toBe(false);
    expect(named({ device: 'eu-west' })).toBe(false);
    expect(named(null)).toBe(false);
    expect(scoreScenario('j', inRegion, result()).segmentNamed).toBeNull();
    expect(scoreScenario('k', late, result({ t: 120 * MIN, action: 'halt', segment: { region: 'eu-west' } })).segmentNamed).toBeNull();
  });

  it('counts a caught regression not confined to a segment whose stop named one anyway', () => {
    const blamed = (segment: Record<string, string> | null) => scoreScenario('o', late, result({ t: 120 * MIN, action: 'halt', segment })).segmentBlamed;
    expect(blamed({ region: 'eu-west' })).toBe(true);
    expect(blamed(null)).toBe(false);
    expect(scoreScenario('p', late, result()).segmentBlamed).toBeNull();
    expect(scoreScenario('q', inRegion, result({ t: MIN, action: 'halt', segment: { region: 'eu-west' } })).segmentBlamed).toBeNull();
  });

  it('a stop within tolerance is neither a false halt nor a catch', () => {
    const s = scoreScenario('l', within, result({ t: MIN, action: 'halt' }));
    expect([s.falseHalt, s.caught, s.firstStop?.t]).toEqual([false, false, MIN]);
  });

  it('counts a first stop that the decisions list left out', () => {
    const bare: BacktestResult = { looks: [], decisions: [], firstStop: { t: 5 * MIN, stage: 1, exposure: 5, action: 'halt' } };
    expect(scoreScenario('m', healthy, bare).falseHalt).toBe(true);
    expect(scoreScenario('n', inRegion, bare)).toMatchObject({ caught: true, caughtAtLowExposure: true, segmentNamed: false });
  });
});

describe('scoring a corpus', () => {
  it('Wilson intervals match the textbook values', () => {
    const r = (k: number, n: number) => {
      const w = wilson(k, n);
      return [w.low, w.high].map((x) => Number(x.toFixed(4)));
    };
    expect(r(0, 10)).toEqual([0, 0.2775]);
    expect(r(1, 10)).toEqual([0.0179, 0.4042]);
    expect(r(9, 10)).toEqual([0.5958, 0.9821]);
    expect(r(97, 100)).toEqual([0.9155, 0.9897]);
    expect(wilson(0, 0)).toMatchObject({ rate: null, low: 0, high: 1 });
  });

  it('sums rates over the right denominators, with medians of the catches', () => {
    const scores = [
      ...Array.from({ length: 9 }, (_, i) => scoreScenario(`h${i}`, healthy, result())),
      scoreScenario('h9', healthy, result({ t: MIN, action: 'halt' })),
      scoreScenario('i0', improvement, result()),
      scoreScenario('r0', late, result({ t: 102 * MIN, action: 'halt', exposure: 5 })),
      scoreScenario('r1', late, result({ t: 50 * MIN, action: 'halt', exposure: 1 })),
      scoreScenario('r2', lateAt20, result({ t: 106 * MIN, action: 'halt', exposure: 20 })),
      scoreScenario('s0', inRegion, result({ t: 4 * MIN, action: 'halt', exposure: 1, segment: { region: 'eu-west' } })),
      scoreScenario('s1', inRegion, result({ t: 10 * MIN, action: 'halt', exposure: 1, segment: { region: 'us-east' } })),
      scoreScenario('w0', within, result({ t: MIN, action: 'halt' })),
    ];
    const c = scoreCorpus(scores);
    expect([c.falseHaltHealthy.hits, c.falseHaltHealthy.n]).toEqual([1, 10]);
    expect([c.falseHaltImproved.hits, c.falseHaltImproved.n]).toEqual([0, 1]);
    expect([c.caught.hits, c.caught.n]).toEqual([4, 5]);
    // r2 began at 20 %: not asked to stop at ≤ 5 %.
    expect([c.caughtAtLowExposure.hits, c.caughtAtLowExposure.n]).toEqual([3, 4]);
    expect([c.segmentNamed.hits, c.segmentNamed.n]).toEqual([1, 2]);
    expect([c.subtoleranceStopped.hits, c.stoppedBeforeOnset.hits, c.stoppedBeforeOnset.n]).toEqual([1, 1, 3]);
    expect(c.medianExposure).toBe(3);
    expect(c.medianMinutes).toBe(5);
  });

  it('the median of an even count is the mean of the middle two', () => {
    expect(median([10, 2, 6, 4])).toBe(5);
    expect(median([3])).toBe(3);
    expect(median([])).toBeNull();
  });
});
