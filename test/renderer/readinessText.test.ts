import { describe, expect, it } from 'vitest';
import { PlanReadiness, StageDecideTime, type WaitKind } from '../../shared/domain/readiness.ts';
import { readinessBanner, soakText, stageReadinessText } from '../../renderer/features/release-detail/readinessText.ts';

const gate = { gateId: 'errors', metric: 'error_rate', soakMinutes: 15 } as const;
const stage = (stageIndex: number, label: string, exposure: number, minutes: number | null, can: boolean | null, why = 'errors: the evidence to pass', soakMinutes = 15, wait: WaitKind = 'evidence'): StageDecideTime =>
  StageDecideTime.parse({
    stageIndex,
    label,
    exposure,
    soakMinutes,
    minutesToDecide: minutes,
    canDecideWithinSoak: can,
    why,
    wait: minutes === null ? null : wait,
    gates: [{ ...gate, soakMinutes, minutesToDecide: minutes, canDecideWithinSoak: can, why: why.replace(/^errors: /, ''), wait: minutes === null ? null : wait }],
  });
const last = StageDecideTime.parse({ stageIndex: 3, label: '100%', exposure: 100, soakMinutes: 0, minutesToDecide: null, canDecideWithinSoak: null, why: 'no gates: nothing to decide', gates: [] });

const observed = (stages: StageDecideTime[]): PlanReadiness =>
  PlanReadiness.parse({
    releaseId: 'r',
    traffic: { error_rate: { trialsPerMinute: 6000, intervalsPerMinute: 6, baselineValue: 0.4, quantile: null } },
    source: { kind: 'observed', text: 'this release’s samples over the last 42 min', since: 0, until: 1 },
    stages,
    overlaps: [],
    reading: { internalShare: null, quantileBias: 3 },
  });

describe('plan readiness in words', () => {
  it('says per stage whether its soak is long enough to decide', () => {
    expect(stageReadinessText(stage(0, 'internal', 0, 25, false)).text).toBe('can decide in ≈ 25 min of its 15 min soak: too short — raise the soak or the exposure');
    // A wait for intervals is one no exposure shortens, and a minimum of samples can also be lowered.
    expect(stageReadinessText(stage(1, '10%', 10, 25, false, 'errors: 10 intervals with events to measure the noise', 15, 'intervals')).text).toBe('can decide in ≈ 25 min of its 15 min soak: too short — lengthen the soak');
    expect(stageReadinessText(stage(1, '10%', 10, 167, false, 'the stage’s 5,000,000 canary samples', 15, 'stage_samples')).text).toBe('can decide in ≈ 2.8 h of its 15 min soak: too short — raise the soak or the exposure, or lower the stage’s minimum samples');
    expect(stageReadinessText(stage(0, '50%', 50, 4.2, true, 'errors: x', 90))).toMatchObject({ tone: 'ok', text: 'can decide in ≈ 4 min of its 1 h 30 min soak', detail: 'errors: x' });
    expect(stageReadinessText(stage(0, '50%', 50, 4.2, null, 'errors: x', 0)).text).toBe('can decide in ≈ 4 min (no soak set: it waits for its gates)');
    // Within the soak but near it: an estimate of a random time, said as close.
    expect(stageReadinessText(stage(0, '5%', 5, 13, true, 'errors: x', 15))).toMatchObject({ tone: 'warn', text: 'can decide in ≈ 13 min of its 15 min soak — close: a healthy canary may take longer' });
    expect(stageReadinessText(stage(0, '1%', 1, null, false, 'latency: the canary sees ≈ 3 requests per interval'))).toMatchObject({ tone: 'warn', text: 'cannot decide at this traffic — raise the exposure or loosen the gate' });
    expect(stageReadinessText(stage(0, '1%', 1, null, null, 'errors: traffic unknown'))).toEqual({ tone: 'unknown', text: 'traffic unknown', detail: '' });
    expect(stageReadinessText(stage(0, '1%', 1, null, null, 'latency: no p95 latency traffic seen'))).toEqual({ tone: 'unknown', text: 'time to decide not known', detail: 'latency: no p95 latency traffic seen' });
    expect(stageReadinessText(last)).toMatchObject({ tone: 'none', text: 'no gates: nothing to decide' });
  });

  it('writes a soak exactly', () => {
    expect([15, 90, 1440, 1500, 0].map(soakText)).toEqual(['15 min', '1 h 30 min', '1 d', '1 d 1 h', '0 min']);
  });

  it('before the start, names the stages that cannot decide within their soak', () => {
    const plan = observed([stage(0, 'internal', 0, 25, false), stage(1, '10%', 10, 9, true), stage(2, '50%', 50, 2, true), last]);
    expect(readinessBanner({ status: 'planned', stageIndex: 0 }, plan)).toEqual({
      tone: 'warn',
      text: 'Before the start, 1 of 3 gated stages cannot decide within their soak for a canary that behaves like its baseline, at the traffic of this release’s samples over the last 42 min — internal (0%): can decide in ≈ 25 min of its 15 min soak: too short — raise the soak or the exposure.',
    });
    const fine = observed([stage(1, '10%', 10, 9, true), last]);
    expect(readinessBanner({ status: 'planned', stageIndex: 0 }, fine)?.tone).toBe('ok');
    // A stage whose time cannot be told yet is no all-clear: it is named.
    const partly = observed([stage(1, '10%', 10, 9, true), stage(2, '50%', 50, null, null, 'conversion: no checkout conversion traffic seen'), last]);
    expect(readinessBanner({ status: 'planned', stageIndex: 0 }, partly)).toEqual({
      tone: 'unknown',
      text: 'Before the start, 1 of 2 gated stages cannot be checked yet — 50%: conversion: no checkout conversion traffic seen.',
    });
    // Samples whose windows overlap inflate that traffic: no all-clear on it, while a stage too short is still named.
    const overlaps = [{ metric: 'error_rate' as const, pairs: 224, r: 0.19 }];
    expect(readinessBanner({ status: 'planned', stageIndex: 0 }, { ...fine, overlaps })).toBeNull();
    expect(readinessBanner({ status: 'planned', stageIndex: 0 }, { ...plan, overlaps })?.tone).toBe('warn');
  });

  it('before the start with no traffic seen, says it is unknown', () => {
    const unknown = PlanReadiness.parse({ ...observed([stage(0, '1%', 1, null, null, 'errors: traffic unknown'), last]), traffic: null, source: { kind: 'unknown', text: 'no samples of this release in the last hour', since: 0, until: 1 } });
    expect(readinessBanner({ status: 'planned', stageIndex: 0 }, unknown)).toEqual({
      tone: 'unknown',
      text: 'No samples of this release in the last hour: how long each stage needs to decide cannot be estimated before the start.',
    });
  });

  it('while rolling, speaks when the current stage, or one still to come, cannot decide within its soak', () => {
    const plan = observed([stage(0, 'internal', 0, 2, true), stage(1, '10%', 10, 29, false), last]);
    expect(readinessBanner({ status: 'rolling', stageIndex: 0 }, plan)?.text).toBe(
      'Coming up, a stage cannot decide within its soak (for a canary that behaves like its baseline, at the traffic of this release’s samples over the last 42 min) — 10%: can decide in ≈ 29 min of its 15 min soak: too short — raise the soak or the exposure.',
    );
    expect(readinessBanner({ status: 'rolling', stageIndex: 0 }, observed([stage(0, 'internal', 0, 2, true), stage(1, '10%', 10, 9, true), last]))).toBeNull();
    expect(readinessBanner({ status: 'paused', stageIndex: 1 }, plan)?.text).toBe(
      'This stage, 10%, can decide in ≈ 29 min of its 15 min soak: too short — raise the soak or the exposure (for a canary that behaves like its baseline, at the traffic of this release’s samples over the last 42 min).',
    );
    expect(readinessBanner({ status: 'completed', stageIndex: 1 }, plan)).toBeNull();
    // Once its gates have decided, the estimate is overtaken by the fact.
    expect(readinessBanner({ status: 'rolling', stageIndex: 1 }, plan, 'inconclusive')?.tone).toBe('warn');
    expect(readinessBanner({ status: 'rolling', stageIndex: 1 }, plan, 'pass')).toBeNull();
    expect(readinessBanner({ status: 'rolling', stageIndex: 1 }, plan, 'fail')).toBeNull();
  });
});
