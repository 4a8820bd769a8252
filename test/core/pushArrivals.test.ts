// Pushed samples as clients send them: the cohorts in separate calls, rows that come a while after
// their time, an exporter that stops. The guard waits for a cohort behind the other; rows that only
// repeat what it judged are not counted again (pushBackfill.test.ts has the rows new for a folded time).
import { describe, expect, it } from 'vitest';
import { defaultPlan, PUSH_REPORT_WAIT_MS, type Decision, type GateStatus, type IngestOutput, type ReleaseDetail } from '../../shared/index.ts';
import { openCore } from '../../electron/core/openCore.ts';
import { FakeClock } from '../support/clock.ts';
import { errorsOnly, MIN, pushMinutes, rollingRelease, type Pushed } from '../support/pushRelease.ts';
import { tempDir } from '../support/tmp.ts';

describe('pushed samples arriving as clients send them', () => {
  it('judges a cohort sent a moment after the other beside it: a ×5 error rate is rolled back, as when both come in one call', async () => {
    const together = await rollingRelease();
    const one = await pushMinutes(together, 30, async (m) => {
      together.clock.t = together.t0 + m * MIN + 5_000;
      await together.call('ingestSamples', { samples: [together.row('canary', m, 5), together.row('baseline', m, 5)] });
    });
    const apart = await rollingRelease();
    const two = await pushMinutes(apart, 30, async (m) => {
      apart.clock.t = apart.t0 + m * MIN + 5_000;
      await apart.call('ingestSamples', { samples: [apart.row('canary', m, 5)] });
      apart.clock.t += 2_000;
      await apart.call('ingestSamples', { samples: [apart.row('baseline', m, 5)] });
    });
    expect(one.stops.map((d) => d.action)).toEqual(['rollback']);
    expect(two.stops.map((d) => d.action)).toEqual(['rollback']);
    expect(two.errors.total.evidence?.evidence).toBe(one.errors.total.evidence?.evidence);
    together.core.close();
    apart.core.close();
  });

  it('counts every minute of rows that come 70 s after their time, none skipped', async () => {
    const prompt = await rollingRelease();
    const a = await pushMinutes(prompt, 20, async (m) => {
      prompt.clock.t = prompt.t0 + m * MIN + 5_000;
      await prompt.call('ingestSamples', { samples: [prompt.row('canary', m, 1), prompt.row('baseline', m, 1)] });
    });
    const slow = await rollingRelease();
    const b = await pushMinutes(slow, 20, async (m) => {
      slow.clock.t = slow.t0 + m * MIN + 70_000;
      await slow.call('ingestSamples', { samples: [slow.row('canary', m, 1), slow.row('baseline', m, 1)] });
    });
    expect(a.errors.total.evidence?.evidence).toBeGreaterThan(0);
    expect(b.errors.total.evidence?.evidence).toBe(a.errors.total.evidence?.evidence);
    prompt.core.close();
    slow.core.close();
  });

  it('gives a backfill sent in one call the evidence of the same noisy rows pushed minute by minute', async () => {
    // Rates that swing minute to minute (overdispersed): the dispersion each minute is tempered by must be the data's up to it.
    const rates = [1, 3.5, 0.4, 2.6, 0.9, 4, 1.8, 0.3, 3, 2.2, 1.1, 5, 0.6, 2.8, 1.5, 3.9, 0.8, 2.4, 4.4, 1.2];
    const live = await rollingRelease();
    const minuteByMinute = await pushMinutes(live, rates.length, async (m) => {
      live.clock.t = live.t0 + m * MIN + 5_000;
      await live.call('ingestSamples', { samples: [live.row('canary', m, rates[m - 1]!), live.row('baseline', m, 1)] });
    });
    const backfill = await rollingRelease();
    backfill.clock.t = backfill.t0 + rates.length * MIN + 5_000;
    await backfill.call('ingestSamples', { samples: rates.flatMap((r, i) => [backfill.row('canary', i + 1, r), backfill.row('baseline', i + 1, 1)]) });
    const once = (await backfill.errors()).total.evidence!;
    const each = minuteByMinute.errors.total.evidence!;
    expect(each.dispersion).toBeGreaterThan(1.5);
    expect(once.dispersion).toBeCloseTo(each.dispersion, 6);
    expect(once.logE).toBeCloseTo(each.logE, 6);
    expect(once.passLogE).toBeCloseTo(each.passLogE, 6);
    live.core.close();
    backfill.core.close();
  });

  it('judges a recording sent one cohort after the other, each in one call, on both cohorts', async () => {
    const h = await rollingRelease();
    h.clock.t = h.t0 + 31 * MIN;
    const minutes = Array.from({ length: 30 }, (_, i) => i + 1);
    await h.call('ingestSamples', { samples: minutes.map((m) => h.row('canary', m, 5)) });
    h.clock.t += 10_000;
    await h.call('ingestSamples', { samples: minutes.map((m) => h.row('baseline', m, 5)) });
    const errors = await h.errors();
    expect(errors.total.baselineSamples).toBeGreaterThan(0);
    expect((await h.stops()).map((d) => d.action)).toEqual(['rollback']);
    h.core.close();
  });

  it('stops waiting for a metric whose exporter went silent five minutes ago: a later error regression is still rolled back', async () => {
    const base = defaultPlan('service');
    const plan = { ...base, stages: base.stages.map((s) => ({ ...s, gates: s.gates.filter((g) => g.metric !== 'kpi_conversion') })) };
    const h = await rollingRelease(plan);
    const latency = (cohort: 'canary' | 'baseline', m: number) => ({ ...h.row(cohort, m, 1), metric: 'p95_latency_ms', value: 200 });
    // Latency rows for the first five minutes only; the canary's errors ×5 from minute 10.
    const evidence: number[] = [];
    for (let m = 1; m <= 40; m += 1) {
      h.clock.t = h.t0 + m * MIN + 5_000;
      const rate = m >= 10 ? 5 : 1;
      const rows = [h.row('canary', m, rate), h.row('baseline', m, rate)];
      await h.call('ingestSamples', { samples: m <= 5 ? [...rows, latency('canary', m), latency('baseline', m)] : rows });
      evidence[m] = (await h.errors()).total.evidence?.evidence ?? 0;
    }
    // Held at minute 5 while the latency exporter may only be late, let go once it has been silent for the wait.
    expect(evidence[5]).toBeGreaterThan(0);
    expect(evidence[9]).toBe(evidence[5]);
    expect(evidence[11]).toBeGreaterThan(evidence[9]!);
    expect(PUSH_REPORT_WAIT_MS).toBe(5 * MIN);
    const [stop] = await h.stops();
    expect(stop?.action).toBe('rollback');
    h.core.close();
  });

  it('says how many rows of a call are for times already judged: stored and charted, not judged', async () => {
    const h = await rollingRelease();
    for (let m = 1; m <= 10; m += 1) {
      h.clock.t = h.t0 + m * MIN + 5_000;
      const sent = await h.call<IngestOutput>('ingestSamples', { samples: [h.row('canary', m, 1), h.row('baseline', m, 1)] });
      expect(sent.late).toBe(0);
    }
    // Minutes 4 and 5 again (a client's retry), and minute 11: two of the six rows are new.
    const again = await h.call<IngestOutput>('ingestSamples', { samples: [4, 5].flatMap((m) => [h.row('canary', m, 1), h.row('baseline', m, 1)]) });
    expect(again).toMatchObject({ accepted: 4, late: 4 });
    h.clock.t = h.t0 + 11 * MIN + 5_000;
    const next = await h.call<IngestOutput>('ingestSamples', { samples: [h.row('canary', 11, 1), h.row('baseline', 11, 1), h.row('canary', 3, 1), h.row('baseline', 3, 1)] });
    expect(next).toMatchObject({ accepted: 4, late: 2 });
    h.core.close();
  });

  it('waits for the other cohort after a pause: a backfill sent cohort by cohort after 11 silent minutes is judged whole', async () => {
    const both = async (h: Pushed, from: number, to: number, split: boolean): Promise<number> => {
      const minutes = Array.from({ length: to - from + 1 }, (_, i) => from + i);
      const canary = minutes.map((m) => h.row('canary', m, 1));
      const baseline = minutes.map((m) => h.row('baseline', m, 1));
      if (!split) return (await h.call<IngestOutput>('ingestSamples', { samples: [...canary, ...baseline] })).late;
      const first = await h.call<IngestOutput>('ingestSamples', { samples: canary });
      h.clock.t += 3_000;
      return first.late + (await h.call<IngestOutput>('ingestSamples', { samples: baseline })).late;
    };
    const runs = await Promise.all(
      [false, true].map(async (split) => {
        // Soaks of hours: the stage stays in force however well it passes.
        const h = await rollingRelease({ ...errorsOnly(), stages: errorsOnly().stages.map((st) => ({ ...st, minSoak: '6h' })) });
        for (let m = 1; m <= 10; m += 1) {
          h.clock.t = h.t0 + m * MIN + 5_000;
          await both(h, m, m, false);
        }
        h.clock.t = h.t0 + 22 * MIN;
        const late = await both(h, 11, 21, split);
        const evidence = (await h.errors()).total.evidence?.evidence;
        h.core.close();
        return { late, evidence };
      }),
    );
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[1]!.late).toBe(0);
  });

  it('does not promote while one cohort is behind the other: the rows it waits for are judged in the stage they belong to', async () => {
    const h = await rollingRelease();
    for (let m = 1; m <= 10; m += 1) {
      h.clock.t = h.t0 + m * MIN + 5_000;
      await h.call('ingestSamples', { samples: [h.row('canary', m, 1), h.row('baseline', m, 1)] });
    }
    // After a pause, past the first stage's soak: the canary's minutes first, then the baseline's.
    h.clock.t = h.t0 + 22 * MIN;
    const minutes = Array.from({ length: 11 }, (_, i) => 11 + i);
    await h.call('ingestSamples', { samples: minutes.map((m) => h.row('canary', m, 1)) });
    const waiting = (await h.call<GateStatus | null>('getGateStatus', { releaseId: h.releaseId }))!;
    expect(waiting.stageIndex).toBe(0);
    expect(waiting.next).toMatchObject({ kind: 'none', why: `not promoting while waiting for the baseline's Error rate rows after ${new Date(h.t0 + 10 * MIN).toISOString().slice(11, 19)} UTC` });
    h.clock.t += 3_000;
    const baseline = await h.call<IngestOutput>('ingestSamples', { samples: minutes.map((m) => h.row('baseline', m, 1)) });
    expect(baseline.late).toBe(0);
    const promoted = (await h.call<Decision[]>('listDecisions', { releaseId: h.releaseId })).filter((d) => d.action === 'promote');
    expect(promoted.map((d) => d.createdAt)).toEqual([h.clock.t]);
    h.core.close();
  });

  it('says which rows it waits for while the gates cannot decide without them, and stops saying so once they come', async () => {
    const h = await rollingRelease();
    h.clock.t = h.t0 + 2 * MIN + 5_000;
    await h.call('ingestSamples', { samples: [h.row('canary', 1, 1), h.row('canary', 2, 1)] });
    const before = (await h.call<GateStatus | null>('getGateStatus', { releaseId: h.releaseId }))!;
    expect(before.next).toMatchObject({ kind: 'none', why: `gates no data: waiting for the baseline's Error rate rows (not pushed yet)` });
    // The card says its rows are held for that, not that the canary sent nothing.
    expect(before.results[0]!.summary).toMatch(/: no data — nothing compared yet: the guard waits for the baseline's Error rate rows \(not pushed yet\)$/);
    h.clock.t += 2_000;
    await h.call('ingestSamples', { samples: [h.row('baseline', 1, 1), h.row('baseline', 2, 1)] });
    const after = (await h.call<GateStatus | null>('getGateStatus', { releaseId: h.releaseId }))!;
    expect(after.next?.why).toMatch(/^gates (inconclusive|no data): waiting for more data$/);
    h.core.close();
  });

  it('promotes a passing stage whose baseline reports steadily a minute or two behind the canary', async () => {
    const h = await rollingRelease();
    for (let m = 1; m <= 30; m += 1) {
      h.clock.t = h.t0 + m * MIN + 5_000;
      await h.call('ingestSamples', { samples: [h.row('canary', m, 1)] });
      h.clock.t += 30_000;
      if (m > 1) await h.call('ingestSamples', { samples: [h.row('baseline', m - 1, 1)] });
    }
    const promoted = (await h.call<Decision[]>('listDecisions', { releaseId: h.releaseId })).filter((d) => d.action === 'promote');
    expect(promoted.length).toBeGreaterThan(0);
    h.core.close();
  });

  it('takes a row stamped ahead of the clock as a report up to now only: the cohorts are still waited for', async () => {
    const h = await rollingRelease();
    // A day ahead (a client's clock, a typo in the hour): stored, but it reports nothing beyond now.
    await h.call('ingestSamples', { samples: [{ ...h.row('canary', 24 * 60, 1) }, { ...h.row('baseline', 24 * 60, 1) }] });
    let late = 0;
    for (let m = 1; m <= 20; m += 1) {
      h.clock.t = h.t0 + m * MIN + 5_000;
      late += (await h.call<IngestOutput>('ingestSamples', { samples: [h.row('canary', m, 5)] })).late;
      h.clock.t += 2_000;
      late += (await h.call<IngestOutput>('ingestSamples', { samples: [h.row('baseline', m, 5)] })).late;
    }
    expect(late).toBe(0);
    expect((await h.stops()).map((d) => d.action)).toEqual(['rollback']);
    h.core.close();
  });

  it('acts on samples stored while no guard ran as soon as a guard starts, without waiting for another push', async () => {
    const dataDir = tempDir();
    const clock = new FakeClock();
    const t0 = clock.t;
    // A host without the lease stores the pushes: its guard does not run.
    const first = openCore({ dataDir, version: 't', now: clock.now, guard: false });
    const alice = { actor: 'alice', role: 'operator' as const };
    const created = await first.core.invoke('createRelease', { name: 'Push 1.0', app: 'push', version: '1.0', target: 'service', plan: errorsOnly() }, alice);
    const releaseId = (created.ok ? (created.value as ReleaseDetail) : null)!.release.id;
    await first.core.invoke('decide', { releaseId, action: 'start', reason: 'go live', monitor: 'dana' }, alice);
    clock.t = t0 + 31 * MIN;
    const samples = Array.from({ length: 30 }, (_, i) => i + 1).flatMap((m) =>
      (['canary', 'baseline'] as const).map((cohort) => ({ releaseId, cohort, metric: 'error_rate', region: 'eu-west', t: t0 + m * MIN, value: cohort === 'canary' ? 5 : 1, weight: cohort === 'canary' ? 2000 : 20000 })),
    );
    expect((await first.core.invoke('ingestSamples', { samples }, alice)).ok).toBe(true);
    first.core.close();
    const stopsOf = async (core: typeof first.core) => {
      const listed = await core.invoke('listDecisions', { releaseId }, alice);
      return (listed.ok ? (listed.value as Decision[]) : []).filter((d) => d.actor === 'guard').map((d) => d.action);
    };
    // The host that takes over starts its guard, and nothing else arrives.
    const next = openCore({ dataDir, version: 't', now: clock.now, guard: true });
    expect(await stopsOf(next.core)).toEqual(['rollback']);
    next.core.close();
  });

  it('folds a silent release no further than its newest pushed row when a guard starts: a backfill after the restart still counts', async () => {
    const dataDir = tempDir();
    const clock = new FakeClock();
    const t0 = clock.t;
    const alice = { actor: 'alice', role: 'operator' as const };
    const first = openCore({ dataDir, version: 't', now: clock.now, guard: true });
    const plan = { ...errorsOnly(), stages: errorsOnly().stages.map((st) => ({ ...st, minSoak: '6h' })) };
    const created = await first.core.invoke('createRelease', { name: 'Push 1.0', app: 'push', version: '1.0', target: 'service', plan }, alice);
    const releaseId = (created.ok ? (created.value as ReleaseDetail) : null)!.release.id;
    await first.core.invoke('decide', { releaseId, action: 'start', reason: 'go live', monitor: 'dana' }, alice);
    const rows = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => from + i).flatMap((m) =>
        (['canary', 'baseline'] as const).map((cohort) => ({ releaseId, cohort, metric: 'error_rate', region: 'eu-west', t: t0 + m * MIN, value: 1, weight: cohort === 'canary' ? 2000 : 20000 })),
      );
    for (let m = 1; m <= 10; m += 1) {
      clock.t = t0 + m * MIN + 5_000;
      await first.core.invoke('ingestSamples', { samples: rows(m, m) }, alice);
    }
    first.core.close();
    // Eleven silent minutes, a restart (its guard looks at once), then the gap backfilled.
    clock.t = t0 + 22 * MIN;
    const next = openCore({ dataDir, version: 't', now: clock.now, guard: true });
    const backfill = await next.core.invoke('ingestSamples', { samples: rows(11, 21) }, alice);
    expect(backfill.ok && (backfill.value as IngestOutput).late).toBe(0);
    next.core.close();
  });
});
