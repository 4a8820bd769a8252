// A decision's evidence is written at the current version and read back through the reader of the
// version it was stored at: rows an older build wrote (real ones, from test/fixtures) still read whole.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getDecision, listDecisions } from '../../electron/core/repos/decisions.ts';
import { defaultPlan, readDecisionEvidence, type ReleaseDetail } from '../../shared/index.ts';
import { operatorCore } from '../support/core.ts';

interface Fixture {
  rows: { resume: Record<string, unknown>; start: Record<string, unknown>; pauseJudgedByKayentaStyleJudge: Record<string, unknown> };
}
const fixture = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/decision-evidence-v1.json'), 'utf8')) as Fixture;

/** A core with one release, and a way to store a decision row as an older build did: its evidence text verbatim. */
async function withRelease() {
  const c = operatorCore();
  const created = await c.call<ReleaseDetail>('createRelease', { name: 'api 1.0', app: 'api', version: '1.0', target: 'service', plan: defaultPlan('service') });
  const releaseId = created.release.id;
  const store = (id: string, evidence: unknown) =>
    c.db
      .prepare(
        `INSERT INTO decisions (id, release_id, stage_idx, action, actor, reason, from_status, to_status, evidence, verdict, created_at)
         VALUES (?, ?, 1, 'resume', 'alice', 'old', 'halted', 'rolling', ?, 'pass', 1)`,
      )
      .run(id, releaseId, JSON.stringify(evidence));
  return { ...c, releaseId, store };
}

describe('decision evidence stored by older builds (version 1, no version field)', () => {
  it('reads a Google Play resume at a chosen fraction, with the guard state and source it was taken on', async () => {
    const { core, db, store } = await withRelease();
    store('old-resume', fixture.rows.resume);
    const evidence = getDecision(db, 'old-resume')?.evidence;
    expect(evidence).toMatchObject({ version: 2, exposure: { from: 5, to: 2.5, chosen: 2.5 }, override: null, preflight: null, segmentSeries: [] });
    expect(evidence?.stage?.label).toBe('5%');
    expect(evidence?.gates?.results.map((r) => r.gateId)).toEqual(['crash-free', 'errors', 'conversion']);
    expect(evidence?.guardState).toMatchObject({ version: 2, releaseId: 'demo-android-4-2-0', stageIndex: 1 });
    expect(evidence?.source?.kind).toBe('simulator');
    expect(Object.keys(evidence?.series ?? {})).toEqual(['crash_free_users', 'error_rate', 'kpi_conversion']);
    core.close();
  });

  it('reads a start past a failed pre-flight, with the checks and who went past them', () => {
    const evidence = readDecisionEvidence(fixture.rows.start);
    expect(evidence?.preflight).toMatchObject({ v: 1, outcome: 'fail', overridden: ['monitor'], override: { reason: 'on-call is Dana, named in the channel', actor: 'alice' } });
    expect(evidence?.exposure).toBeNull();
    expect(evidence?.guardState).toBeNull();
  });

  it('reads a look judged by the Mann-Whitney judge before the guard kept its state: the judge output typed, what did not exist yet null', () => {
    const evidence = readDecisionEvidence(fixture.rows.pauseJudgedByKayentaStyleJudge);
    expect(evidence).toMatchObject({ version: 2, guardState: null, source: null, exposure: null, override: null, preflight: null, segmentSeries: [] });
    const judge = evidence?.gates?.results.find((r) => r.gateId === 'errors')?.judge;
    expect(judge).toMatchObject({ outcome: 'pass', gateId: 'errors', samplesAre: expect.stringMatching(/one per observation/) });
    expect(judge?.metrics[0]).toMatchObject({ name: 'error_rate', direction: 'increase', classification: 'Pass' });
    expect(judge?.metrics[0]?.test?.name).toBe('mann-whitney-u');
  });

  it('names the stage of a look from before looks named it, from the stage the evidence kept', () => {
    const { gates, ...rest } = fixture.rows.pauseJudgedByKayentaStyleJudge as { gates: Record<string, unknown> };
    const { stageLabel, ...unnamed } = gates;
    expect(stageLabel).toBe('10%');
    expect(readDecisionEvidence({ ...rest, gates: unnamed })?.gates?.stageLabel).toBe('10%');
  });

  it('reads nothing it cannot vouch for: a newer version, or a row altered into another shape, reads as null and the list still loads', async () => {
    const { core, db, store, releaseId } = await withRelease();
    store('newer', { ...fixture.rows.resume, version: 3 });
    store('altered', { ...fixture.rows.resume, gates: 'nope' });
    store('fine', fixture.rows.resume);
    const listed = listDecisions(db, { releaseId, limit: 10 });
    expect(Object.fromEntries(listed.map((d) => [d.id, d.evidence === null]))).toEqual({ newer: true, altered: true, fine: false });
    core.close();
  });
});

describe('decision evidence written now', () => {
  it('is stored at the current version and reads back exactly as the decision returned it', async () => {
    const { core, db, call, releaseId } = await withRelease();
    const started = await call<ReleaseDetail>('decide', { releaseId, action: 'start', reason: 'go live', monitor: 'dana' });
    const decision = started.decisions[0]!;
    const stored = db.prepare('SELECT evidence FROM decisions WHERE id = ?').get(decision.id) as { evidence: string };
    expect(JSON.parse(stored.evidence)).toMatchObject({ version: 2 });
    expect(decision.evidence).not.toBeNull();
    expect(getDecision(db, decision.id)?.evidence).toEqual(decision.evidence);
    core.close();
  });

  it('keeps where a line had no samples: the canary silent for ten minutes, then again up to the pause, is kept as two gaps', async () => {
    const { core, db, call, clock, releaseId } = await withRelease();
    await call('decide', { releaseId, action: 'start', reason: 'go live', monitor: 'dana' });
    // The evidence redraws the stage's window: the samples below fall inside it.
    const now = clock.advance(31 * 60_000);
    const minute = (m: number) => now - m * 60_000;
    // The baseline every minute for half an hour; the canary only for minutes 30–21 and 10–4 before now.
    const rows = (cohort: 'canary' | 'baseline', minutes: number[]) => minutes.map((m) => ({ releaseId, cohort, metric: 'error_rate', t: minute(m), value: 0.4, weight: 2000 }));
    const span = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => from - i);
    await call('ingestSamples', { samples: [...rows('baseline', span(30, 0)), ...rows('canary', [...span(30, 21), ...span(10, 4)])] });
    const paused = await call<ReleaseDetail>('decide', { releaseId, action: 'pause', reason: 'look closer' });
    const decision = paused.decisions.find((d) => d.action === 'pause')!;
    const gaps = getDecision(db, decision.id)?.evidence?.series.error_rate?.gaps;
    expect(gaps?.map(({ cohort, from, to, open }) => ({ cohort, from, to, open }))).toEqual([
      { cohort: 'canary', from: minute(21), to: minute(10), open: false },
      { cohort: 'canary', from: minute(4), to: now, open: true },
    ]);
    core.close();
  });

  it('keeps a silence that opens the window: a baseline that stopped before the start and came back five minutes into the stage', async () => {
    const { core, db, call, clock, releaseId } = await withRelease();
    const rows = (cohort: 'canary' | 'baseline', from: number, to: number) =>
      Array.from({ length: (to - from) / 10_000 + 1 }, (_, i) => ({ releaseId, cohort, metric: 'error_rate', t: from + i * 10_000, value: 0.4, weight: 2000 }));
    const startAt = clock.t;
    // Both cohorts for the twenty minutes before the start, as a pushed release's history is.
    await call('ingestSamples', { samples: [...rows('canary', startAt - 20 * 60_000, startAt - 10_000), ...rows('baseline', startAt - 20 * 60_000, startAt - 10_000)] });
    await call('decide', { releaseId, action: 'start', reason: 'go live', monitor: 'dana', preflightOverride: { reason: 'history is synthetic' } });
    const now = clock.advance(10 * 60_000);
    await call('ingestSamples', { samples: [...rows('canary', startAt + 10_000, now), ...rows('baseline', startAt + 5 * 60_000, now)] });
    const paused = await call<ReleaseDetail>('decide', { releaseId, action: 'pause', reason: 'look closer' });
    const evidence = getDecision(db, paused.decisions.find((d) => d.action === 'pause')!.id)?.evidence;
    expect(evidence?.gates?.windowStart).toBe(startAt);
    // The live chart finds this gap from the baseline's last sample before; the evidence draws it from its window's start.
    expect(evidence?.series.error_rate?.gaps).toEqual([{ cohort: 'baseline', from: startAt, to: startAt + 5 * 60_000, open: false }]);
    core.close();
  });
});
