// The timeline's words are the renderer's: one case per kind of entry. Every kind must have words,
// and the lines read as the core wrote them before it handed over data instead of English.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvent, type StoredEvent } from '../../electron/core/repos/eventLog.ts';
import { timelineEntryOf } from '../../electron/core/rollout/timeline.ts';
import { KIND_ICON, KIND_LABEL } from '../../renderer/features/timeline/group.ts';
import { timelineWords } from '../../renderer/features/timeline/timelineWords.ts';
import { TimelineEntry, type TimelineKind } from '../../shared/index.ts';

const base = { at: Date.UTC(2026, 11, 1, 9), actor: 'alice', releaseId: 'api-1.0', planned: false };

/** One entry of each kind: a kind added to the union without a line here does not compile. */
const SAMPLES: { [K in TimelineKind]: Extract<TimelineEntry, { kind: K }> } = {
  'release.created': { ...base, kind: 'release.created', name: 'api 1.0', plan: 'Service canary' },
  'plan.updated': { ...base, kind: 'plan.updated', plan: 'Service canary', stages: 4 },
  'decision.recorded': { ...base, actor: 'guard', kind: 'decision.recorded', action: 'pause', from: 'rolling', to: 'paused', reason: 'p95 up in eu-west', overrideReason: 'known_issue' },
  'approval.requested': { ...base, kind: 'approval.requested', stage: '10%', stageIndex: 1, why: 'all gates passed' },
  'simulator.fault_injected': { ...base, kind: 'simulator.fault_injected', metric: 'p95_latency_ms', factor: 1.6, segment: { region: 'eu-west', device: '', tenant: '' }, startsAt: Date.UTC(2026, 11, 1, 10) },
  'simulator.faults_cleared': { ...base, kind: 'simulator.faults_cleared', count: 2 },
  'flag.created': { ...base, kind: 'flag.created', flag: 'checkout.one-tap', description: 'One-tap checkout' },
  'flag.updated': { ...base, kind: 'flag.updated', flag: 'checkout.one-tap', description: 'One-tap checkout for returning buyers' },
  'flag.state_changed': { ...base, kind: 'flag.state_changed', flag: 'checkout.one-tap', environment: 'production', from: { mode: 'off', pct: 0 }, to: { mode: 'percentage', pct: 25 }, reason: 'first ramp' },
  'train.created': { ...base, kind: 'train.created', name: 'Web weekly' },
  'train.updated': { ...base, kind: 'train.updated', name: 'Web weekly' },
  'train.item_checked': { ...base, kind: 'train.item_checked', item: 'Release branch cut', phase: 'feature_cutoff', run: 0 },
  'train.item_unchecked': { ...base, kind: 'train.item_unchecked', item: 'Release branch cut', phase: 'feature_cutoff', run: 0 },
  'stage.started': { ...base, actor: null, kind: 'stage.started', label: '10%', exposurePct: 10, gates: 3, promotion: 'automatic' },
  'train.phase': { ...base, actor: null, releaseId: null, kind: 'train.phase', train: 'Web weekly', run: 1, label: 'Stabilization', owner: 'ana', overdue: true, planned: true },
};

describe('the timeline in words', () => {
  it('has words and a category for every kind of entry there is', () => {
    const kinds = TimelineEntry.options.map((o) => o.shape.kind.value);
    expect(Object.keys(SAMPLES).sort()).toEqual([...kinds].sort());
    for (const kind of kinds) {
      const words = timelineWords(SAMPLES[kind]);
      expect(words.title, kind).not.toBe('');
      expect(KIND_LABEL[words.category], kind).toBeTruthy();
      expect(KIND_ICON[words.category], kind).toBeTruthy();
    }
  });

  it('writes each kind’s title and detail from its data', () => {
    const lines = Object.fromEntries(Object.values(SAMPLES).map((e) => [e.kind, timelineWords(e)]));
    expect(lines['decision.recorded']).toEqual({ category: 'decision', title: 'Guard: pause (rolling → paused)', detail: 'p95 up in eu-west — override: known issue' });
    expect(lines['simulator.fault_injected']).toEqual({ category: 'fault', title: 'Simulated fault: p95_latency_ms × 1.6 in eu-west', detail: 'from 2026-12-01T10:00:00.000Z' });
    expect(lines['flag.state_changed']).toEqual({ category: 'flag', title: 'Flag checkout.one-tap: production off → 25%', detail: 'first ramp' });
    expect(lines['train.phase']).toEqual({ category: 'phase', title: 'Web weekly #2: Stabilization', detail: 'owner ana — overdue' });
    expect(lines['stage.started']).toEqual({ category: 'stage', title: 'Stage 10% started (10%)', detail: '3 gate(s), automatic promotion' });
    expect(timelineWords({ ...SAMPLES['approval.requested'], stage: null }).title).toBe('Stage 2 ready: waiting for approval');
  });
});

interface OldLine {
  seq: number;
  kind: string | null;
  title?: string;
  detail?: string;
}
const read = (file: string): unknown => JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures', file), 'utf8'));
const logs = (read('events-v1.json') as { logs: Record<string, StoredEvent[]> }).logs;
const before = (read('timeline-v1.json') as { entries: Record<string, OldLine[]> }).entries;

describe('an old event log on the timeline', () => {
  it.each(Object.keys(logs))('reads as the build at c2db956 showed it, row by row (log of %s)', (log) => {
    const now = logs[log]!.map((row) => {
      const entry = timelineEntryOf(readEvent(row), (subject) => subject);
      if (!entry) return { seq: row.seq, kind: null };
      const { category, title, detail } = timelineWords(entry);
      return { seq: row.seq, kind: category, title, detail };
    });
    // The one line that reads differently on purpose: a release of the first builds' demo seed named
    // no plan, and the core wrote a bare "plan " for it.
    const expected = before[log]!.map((line) => (line.detail === 'plan ' ? { ...line, detail: '' } : line));
    expect(now).toEqual(expected);
  });
});
