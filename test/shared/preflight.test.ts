// The pre-flight's pure rules, on the cases the core tests do not reach.
import { describe, expect, it } from 'vitest';
import {
  defaultPlan,
  evidenceCheck,
  failureActionsCheck,
  MAX_PREFLIGHT_ITEMS,
  metricsCheck,
  monitorCheck,
  plannedRolloutMs,
  stagesOfPlan,
  worstOutcome,
  type StageDecideTime,
} from '../../shared/index.ts';
import { webWeeklyTrain } from '../support/trains.ts';

const NOW = Date.UTC(2026, 10, 20, 12);

describe('pre-flight rules', () => {
  it('ranks outcomes fail over warn over info over pass', () => {
    expect(worstOutcome(['pass', 'info'])).toBe('info');
    expect(worstOutcome(['info', 'warn', 'pass'])).toBe('warn');
    expect(worstOutcome(['warn', 'fail', 'info'])).toBe('fail');
    expect(worstOutcome([])).toBe('pass');
  });

  it('warns when a stage’s failure action is one the target does as another stop: Play halts where the plan says pause', () => {
    const stages = stagesOfPlan({ ...defaultPlan('play'), stages: defaultPlan('play').stages.map((s) => ({ ...s, onFailure: 'pause' as const })) });
    const c = failureActionsCheck('play', stages);
    expect(c.outcome).toBe('warn');
    expect(c.finding).toBe('Every stage stops on failure, but stage 1% says pause, which a Google Play staged rollout does as halt.');
    expect(c.items[0]).toEqual({ subject: 'stage 1%', outcome: 'warn', text: 'on failure says pause; a Google Play staged rollout cannot pause, so the guard will halt' });
  });

  it('names a person given at the start over the rotation, and says whom the rotation named', () => {
    const train = webWeeklyTrain(NOW - 24 * 3600_000);
    const c = monitorCheck({ monitor: 'lee', trainId: train.id, trainRun: 0, train, now: NOW, rolloutMs: plannedRolloutMs(stagesOfPlan(train.plan)) });
    expect(c.outcome).toBe('pass');
    expect(c.finding).toBe('lee is named to watch this rollout (2026-11-20).');
    expect(c.items[1]).toEqual({ subject: 'Web weekly #1', outcome: 'info', text: 'the rotation names ana; lee is named instead' });
  });

  it('fails a release cut from a train that no longer exists', () => {
    expect(monitorCheck({ monitor: null, trainId: 'gone', trainRun: 2, train: null, now: NOW, rolloutMs: 0 })).toMatchObject({ outcome: 'fail', finding: expect.stringContaining('“gone”, which no longer exists') });
  });

  it('says a stage that can never decide at its exposure, and why', () => {
    const stage: StageDecideTime = {
      stageIndex: 0, label: '1%', exposure: 1, soakMinutes: 60, minutesToDecide: null, canDecideWithinSoak: false, why: 'latency: the canary sees ≈ 3 requests per interval, fewer than the 20 a p95 needs',
      wait: null,
      gates: [{ gateId: 'latency', metric: 'p95_latency_ms', minutesToDecide: null, soakMinutes: 60, canDecideWithinSoak: false, why: 'x', wait: null }],
    };
    const c = evidenceCheck({ source: { kind: 'observed', text: 'this release’s samples over the last 60 min', since: 0, until: 1 }, stages: [stage], overlaps: [] });
    expect(c.outcome).toBe('fail');
    expect(c.finding).toBe('Stage 1% cannot decide at 1%: latency: the canary sees ≈ 3 requests per interval, fewer than the 20 a p95 needs.');
    expect(c.fix).toBe('Raise the exposure of stage 1% or loosen the gate it names, so a healthy canary can pass there.');
  });

  it('warns instead of passing when pushed samples look like windows that overlap; a stage too short still fails', () => {
    const gate = { gateId: 'errors', metric: 'error_rate' as const, soakMinutes: 30, why: 'x', wait: 'evidence' as const };
    const passing: StageDecideTime = { stageIndex: 0, label: '5%', exposure: 5, soakMinutes: 30, minutesToDecide: 12, canDecideWithinSoak: true, why: 'x', wait: 'evidence', gates: [{ ...gate, minutesToDecide: 12, canDecideWithinSoak: true }] };
    const source = { kind: 'observed' as const, text: 'this release’s samples over the last 60 min', since: 0, until: 1 };
    const overlap = { metric: 'error_rate' as const, pairs: 330, r: -0.03 };
    expect(evidenceCheck({ source, stages: [passing], overlaps: [] }).outcome).toBe('pass');
    const c = evidenceCheck({ source, stages: [passing], overlaps: [overlap] });
    expect(c.outcome).toBe('warn');
    expect(c.finding).toBe(
      'The error_rate samples look like windows that overlap: what the canary shows in one interval carries into the next (successive changes correlated -0.03 over 330 intervals, where independent intervals give −0.50 ± 0.04); the times to decide are read too short.',
    );
    expect(c.fix).toContain('Each sample must cover only the interval it ends (an increase over [1m] pushed every minute, not over [5m])');
    expect(c.items[0]).toMatchObject({ subject: 'error_rate samples', outcome: 'warn' });
    const short: StageDecideTime = { ...passing, minutesToDecide: 45, canDecideWithinSoak: false, gates: [{ ...gate, minutesToDecide: 45, canDecideWithinSoak: false }] };
    const failed = evidenceCheck({ source, stages: [short], overlaps: [overlap] });
    expect(failed.outcome).toBe('fail');
    expect(failed.items[0]).toMatchObject({ subject: 'error_rate samples', outcome: 'warn' });
  });

  it('warns of a stage whose time to decide is close to its soak, and asks for a soak a third longer than the time', () => {
    const gate = { gateId: 'errors', metric: 'error_rate' as const, soakMinutes: 15, why: 'x', wait: 'evidence' as const };
    const at = (minutes: number): StageDecideTime => ({ stageIndex: 0, label: '5%', exposure: 5, soakMinutes: 15, minutesToDecide: minutes, canDecideWithinSoak: true, why: 'x', wait: 'evidence', gates: [{ ...gate, minutesToDecide: minutes, canDecideWithinSoak: true }] });
    const source = { kind: 'observed' as const, text: 'the file over the last 60 min', since: 0, until: 1 };
    expect(evidenceCheck({ source, stages: [at(11)], overlaps: [] }).outcome).toBe('pass');
    const c = evidenceCheck({ source, stages: [at(12)], overlaps: [] });
    expect(c.outcome).toBe('warn');
    expect(c.finding).toBe('Stage 5% decides in ≈ 12 min of its 15 min soak: close to it.');
    expect(c.fix).toBe('Lengthen the soak of stage 5% to at least 16 min, so a healthy canary slower than the estimate still decides in time.');
    expect(c.items[0]).toEqual({ subject: 'stage 5%', outcome: 'warn', text: 'decides in ≈ 12 min of its 15 min soak: close — a healthy canary may take longer' });
  });

  it('warns about a mapped metric no gate reads that does not answer, without failing the check', () => {
    const c = metricsCheck({
      source: 'prometheus',
      gateMetrics: ['error_rate'],
      connectionName: 'prod',
      mapped: ['error_rate', 'p95_latency_ms'],
      problem: null,
      preview: {
        at: NOW, windowStart: NOW - 300_000, windowEnd: NOW,
        metrics: [
          { metric: 'error_rate', ok: true, problem: null, message: 'both cohorts answer: 3 segments', cohorts: [] },
          { metric: 'p95_latency_ms', ok: false, problem: 'bad_request', message: 'parse error at char 4', cohorts: [] },
        ],
      },
    });
    expect(c.outcome).toBe('warn');
    expect(c.finding).toBe('Both cohorts of every gate metric answer on Prometheus “prod” now; p95 latency (charted, not gated): parse error at char 4.');
  });

  it('lists at most MAX_PREFLIGHT_ITEMS lines and sums up the rest with their worst outcome', () => {
    const stages = Array.from({ length: MAX_PREFLIGHT_ITEMS + 5 }, (_, i) => ({ label: `s${i}`, exposurePct: i === MAX_PREFLIGHT_ITEMS + 4 ? 100 : i, onFailure: i === MAX_PREFLIGHT_ITEMS + 2 ? ('rollback' as const) : ('pause' as const) }));
    const c = failureActionsCheck('app_store', stages);
    expect(c.items).toHaveLength(MAX_PREFLIGHT_ITEMS + 1);
    expect(c.items.at(-1)).toEqual({ subject: '5 more', outcome: 'fail', text: '5 more not listed here' });
    expect(c.outcome).toBe('fail');
  });
});
