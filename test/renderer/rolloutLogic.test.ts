import { describe, expect, it } from 'vitest';
import type { Flag } from '../../shared/domain/flags.ts';
import type { PhaseView } from '../../shared/domain/trains.ts';
import type { GateStatus, TimelineEntry } from '../../shared/domain/views.ts';
import type { GateResult } from '../../shared/gates/types.ts';
import { evidenceCharts } from '../../renderer/features/decisions/evidence.ts';
import { attentionOf, sortFlags, stateText, visibleFlags } from '../../renderer/features/flags/attention.ts';
import { failingGates, gateScope, guardNextText, lookAge, segmentTestId } from '../../renderer/features/release-detail/gateText.ts';
import { ruleText } from '../../shared/gates/rule.ts';
import { groupTimeline } from '../../renderer/features/timeline/group.ts';
import { bandLayout, cadenceText } from '../../renderer/features/trains/band.ts';
import { firstKickoff, parseTimeOfDay, slugify } from '../../renderer/features/trains/kickoff.ts';
import { formatRelative } from '../../renderer/lib/format.ts';
import { issueText } from '../../renderer/lib/issues.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('firstKickoff', () => {
  // Wednesday 2026-11-18 12:00 UTC.
  const wed = Date.UTC(2026, 10, 18, 12, 0);

  it('is the most recent such weekday and time, earlier this week', () => {
    expect(new Date(firstKickoff(1, 9, 0, wed)).toISOString()).toBe('2026-11-16T09:00:00.000Z');
  });

  it('is today when today is that weekday and the time has passed', () => {
    expect(new Date(firstKickoff(3, 9, 30, wed)).toISOString()).toBe('2026-11-18T09:30:00.000Z');
  });

  it('is a week back when today is that weekday but the time is still to come', () => {
    expect(new Date(firstKickoff(3, 13, 0, wed)).toISOString()).toBe('2026-11-11T13:00:00.000Z');
  });

  it('is exactly now when now is the kickoff', () => {
    expect(firstKickoff(3, 12, 0, wed)).toBe(wed);
  });

  it('goes back across a month and a year', () => {
    // Friday 2027-01-01 08:00 UTC; the last Sunday 10:00 was 2026-12-27.
    expect(new Date(firstKickoff(0, 10, 0, Date.UTC(2027, 0, 1, 8))).toISOString()).toBe('2026-12-27T10:00:00.000Z');
  });

  it('is never in the future and never more than a week back', () => {
    for (let day = 0; day < 7; day++) {
      for (const now of [wed, wed + 5 * HOUR, wed + 3 * DAY + 17 * HOUR]) {
        const k = firstKickoff(day, 9, 0, now);
        expect(k).toBeLessThanOrEqual(now);
        expect(now - k).toBeLessThan(7 * DAY);
        expect(new Date(k).getUTCDay()).toBe(day);
      }
    }
  });
});

describe('train form helpers', () => {
  it('reads a time of day', () => {
    expect(parseTimeOfDay('09:30')).toEqual([9, 30]);
    expect(parseTimeOfDay(' 7:05 ')).toEqual([7, 5]);
    expect(parseTimeOfDay('24:00')).toBeNull();
    expect(parseTimeOfDay('9.30')).toBeNull();
  });

  it('makes an id from a name', () => {
    expect(slugify('Shopper Android — weekly!')).toBe('shopper-android-weekly');
    expect(slugify('  Café 2.0 ')).toBe('cafe-2-0');
  });

  it('names the cadence', () => {
    expect(cadenceText(7)).toBe('Weekly');
    expect(cadenceText(14)).toBe('Every two weeks');
    expect(cadenceText(10)).toBe('Every 10 days');
  });
});

describe('bandLayout', () => {
  const kickoff = Date.UTC(2026, 10, 16, 9);
  const phase = (name: PhaseView['phase'], from: number, to: number): PhaseView => ({
    phase: name,
    label: name,
    owner: 'o',
    startsAt: kickoff + from * DAY,
    endsAt: kickoff + to * DAY,
    state: 'upcoming',
    overdue: false,
    checklist: [],
  });
  const run = { kickoffAt: kickoff, endsAt: kickoff + 10 * DAY, phases: [phase('feature_cutoff', 0, 1), phase('validation', 1, 4), phase('full_release', 4, 10)] };

  it('sizes each phase by how long it lasts', () => {
    const { segments } = bandLayout(run, kickoff);
    expect(segments.map((s) => [s.left, s.width])).toEqual([
      [0, 10],
      [10, 30],
      [40, 60],
    ]);
  });

  it('marks today inside the run, and not outside it', () => {
    expect(bandLayout(run, kickoff + 2.5 * DAY).today).toBeCloseTo(25);
    expect(bandLayout(run, kickoff - HOUR).today).toBeNull();
    expect(bandLayout(run, kickoff + 11 * DAY).today).toBeNull();
  });
});

describe('groupTimeline', () => {
  const entry = (at: number, name: string): TimelineEntry => ({ at, kind: 'train.created', name, actor: null, releaseId: null, planned: false });
  const nameOf = (e: TimelineEntry): string => (e.kind === 'train.created' ? e.name : e.kind);

  it('puts entries in time order, grouped by local day, keeping the host order for ties', () => {
    const now = new Date(2026, 10, 22, 15, 0).getTime();
    const today9 = new Date(2026, 10, 22, 9, 0).getTime();
    const yesterday = new Date(2026, 10, 21, 18, 0).getTime();
    const tomorrow = new Date(2026, 10, 23, 9, 0).getTime();
    const older = new Date(2026, 10, 10, 9, 0).getTime();
    const days = groupTimeline([entry(today9, 'b'), entry(yesterday, 'a'), entry(today9, 'c'), entry(tomorrow, 'd'), entry(older, 'z')], now);
    expect(days.map((d) => d.label.startsWith('Tuesday') ? 'older' : d.label)).toEqual(['older', 'Yesterday', 'Today', 'Tomorrow']);
    expect(days.map((d) => d.entries.map(nameOf))).toEqual([['z'], ['a'], ['b', 'c'], ['d']]);
  });

  it('is empty for no entries', () => {
    expect(groupTimeline([], Date.now())).toEqual([]);
  });
});

describe('flag attention', () => {
  const flag = (key: string, over: Partial<Flag> = {}): Flag =>
    ({ key, expired: false, stale: false, expiresAt: null, updatedAt: 0, states: {}, ...over }) as Flag;

  it('sorts expired flags first (longest expired first), then stale ones (oldest first), then the rest by key', () => {
    const flags = [
      flag('b'),
      flag('stale-new', { stale: true, updatedAt: 20 }),
      flag('expired-late', { expired: true, expiresAt: 300 }),
      flag('a'),
      flag('stale-old', { stale: true, updatedAt: 10 }),
      flag('expired-early', { expired: true, expiresAt: 100, stale: true }),
    ];
    expect(sortFlags(flags).map((f) => f.key)).toEqual(['expired-early', 'expired-late', 'stale-old', 'stale-new', 'a', 'b']);
  });

  it('filters to the flags needing attention', () => {
    const flags = [flag('a'), flag('x', { stale: true }), flag('y', { expired: true })];
    expect(visibleFlags(flags, true).map((f) => f.key)).toEqual(['y', 'x']);
    expect(visibleFlags(flags, false)).toHaveLength(3);
    expect(attentionOf({ expired: true, stale: true })).toBe('expired');
    expect(attentionOf({ expired: false, stale: false })).toBeNull();
  });

  it('says a state in words', () => {
    expect(stateText({ mode: 'percentage', pct: 25 })).toBe('25%');
    expect(stateText({ mode: 'on', pct: 0 })).toBe('On');
    expect(stateText(undefined)).toBe('Off');
  });
});

const latencyFail: GateResult = {
  gateId: 'latency',
  kind: 'relative',
  metric: 'p95_latency_ms',
  outcome: 'fail',
  summary: 'p95 latency ≤ baseline × 1.2: fails in region eu-west',
  total: { outcome: 'pass', canary: 200, baseline: 180, limit: 216, canarySamples: 900, baselineSamples: 9000 },
  segments: [
    { dimension: 'region', key: 'eu-west', outcome: 'fail', canary: 360, baseline: 180, limit: 216, canarySamples: 300, baselineSamples: 3000 },
    { dimension: 'region', key: 'us-east', outcome: 'pass', canary: 179, baseline: 180, limit: 216, canarySamples: 300, baselineSamples: 3000 },
  ],
  judge: null,
};

describe('evidenceCharts', () => {
  it('names each kept series as people read its metric, in the order the decider kept them', () => {
    const charts = evidenceCharts({
      series: { p95_latency_ms: { unit: 'ms', points: [{ t: 1, canary: 200, baseline: 180 }] }, error_rate: { unit: '%', points: [] } },
      segmentSeries: [],
    });
    expect(charts.series).toEqual([
      { metric: 'p95_latency_ms', label: 'p95 latency', unit: 'ms', points: [{ t: 1, canary: 200, baseline: 180 }] },
      { metric: 'error_rate', label: 'Error rate', unit: '%', points: [] },
    ]);
    expect(latencyFail.segments.filter((seg) => seg.outcome === 'fail').map((seg) => seg.key)).toEqual(['eu-west']);
  });
});

describe('gate texts', () => {
  const status = (over: Partial<GateStatus> = {}): GateStatus => ({
    releaseId: 'r',
    stageIndex: 2,
    evaluatedAt: 0,
    windowStart: 0,
    windowEnd: 0,
    results: [latencyFail, { ...latencyFail, gateId: 'errors', outcome: 'pass' }],
    verdict: 'fail',
    effective: 'fail',
    overrides: [],
    canarySamples: 900,
    next: { kind: 'none', action: null, why: 'release is paused' },
    ...over,
  });

  it('lists the failing gates not overridden', () => {
    expect(failingGates(status()).map((r) => r.gateId)).toEqual(['latency']);
    expect(failingGates(status({ overrides: [{ gateId: 'latency', reasonCode: 'known_issue', expiresAt: 1, decisionId: 'd' }] }))).toEqual([]);
    expect(failingGates(null)).toEqual([]);
  });

  it('names segments for tests and a failing one as failing', () => {
    expect(segmentTestId(latencyFail.segments[0]!)).toBe('segment-fail-region-eu-west');
    expect(segmentTestId(latencyFail.segments[1]!)).toBe('segment-region-us-east');
  });

  it('says the rule and the next step in words', () => {
    // The plan panel words a rule as the gate card's evidence does: one wording, one unit spacing.
    expect(ruleText({ id: 'l', kind: 'relative', metric: 'p95_latency_ms', op: 'lte', factor: 1.2, segments: [], minSamples: 1 })).toBe('p95 latency ≤ baseline × 1.2');
    expect(ruleText({ id: 'c', kind: 'threshold', metric: 'crash_free_users', op: 'gte', value: 99.5, segments: [], minSamples: 1 })).toBe('Crash-free users ≥ 99.5 %');
    expect(ruleText({ id: 'k', kind: 'kpi', metric: 'kpi_conversion', op: 'gte', points: 0.5, segments: [], minSamples: 1 })).toBe('Checkout conversion ≥ baseline − 0.5 points');
    expect(gateScope({ id: 'k', kind: 'kpi', metric: 'kpi_conversion', op: 'gte', points: 0.5, segments: ['region'], minSamples: 2000, warmup: 300 })).toBe('per region · at least 2000 samples · first 5m of each stage not judged');
    expect(gateScope({ id: 'k', kind: 'kpi', metric: 'kpi_conversion', op: 'gte', points: 0.5, segments: [], minSamples: 2000 })).toBe('total only · at least 2000 samples');
    expect(guardNextText({ kind: 'act', action: 'pause', why: 'gate failed' })).toBe('Will pause now — gate failed');
    expect(guardNextText({ kind: 'none', action: null, why: 'awaiting approval' })).toBe('Awaiting approval');
  });
});

describe('words for problems and times', () => {
  it('puts the line first when a file has one', () => {
    expect(issueText({ path: 'stages.2.exposure', message: 'must not go down', line: 12, column: 5 })).toBe('line 12: stages.2.exposure — must not go down');
    expect(issueText({ path: '(yaml)', message: 'bad indentation', line: 3 })).toBe('line 3: bad indentation');
    expect(issueText({ path: 'stages.0', message: 'a started stage cannot change' })).toBe('stages.0 — a started stage cannot change');
  });

  it('says how far a time is from now', () => {
    const now = 1_000_000_000;
    expect(formatRelative(now - 10_000, now)).toBe('just now');
    expect(formatRelative(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatRelative(now + 3 * HOUR, now)).toBe('in 3 h');
    expect(formatRelative(now - 3 * DAY, now)).toBe('3 d ago');
  });

  it('names an old look by its age, since the guard looks only when samples arrive, and a recent one by its time alone', () => {
    const now = Date.UTC(2026, 11, 7, 12, 18);
    expect(lookAge(now - 42 * 60_000, now)).toBe('(42 min ago; the guard looks when samples arrive)');
    expect(lookAge(now - 4 * 60_000, now)).toBeNull();
  });
});
