// Pushed rows that come after the guard has folded their time: each region's exporter pushing its own
// part of the minute, a minute retried after the next. They are judged at the next look, not stored
// and skipped (audit 8); a row that only repeats one already judged still counts once.
import { describe, expect, it } from 'vitest';
import type { IngestOutput } from '../../shared/index.ts';
import { MIN, pushMinutes, rollingRelease, type Pushed } from '../support/pushRelease.ts';

/** A minute of eu-west and us-east rows, both cohorts; us-east's canary at `usEast` × the baseline's rate. */
const minute = (h: Pushed, m: number, usEast: number) => ({
  euWest: [h.row('canary', m, 1, 'eu-west'), h.row('baseline', m, 1, 'eu-west')],
  usEast: [h.row('canary', m, usEast, 'us-east'), h.row('baseline', m, 1, 'us-east')],
});

describe('pushed rows new for a time the guard has already folded', () => {
  /** 20 minutes pushed whole, or each minute's eu-west rows and then, 2 s later, its us-east rows. */
  const pushed = async (usEast: number, split: boolean) => {
    const h = await rollingRelease();
    const sent: IngestOutput[] = [];
    const out = await pushMinutes(h, 20, async (m) => {
      h.clock.t = h.t0 + m * MIN + 5_000;
      const rows = minute(h, m, usEast);
      if (!split) return void (await h.call('ingestSamples', { samples: [...rows.euWest, ...rows.usEast] }));
      await h.call('ingestSamples', { samples: rows.euWest });
      h.clock.t += 2_000;
      sent.push(await h.call<IngestOutput>('ingestSamples', { samples: rows.usEast }));
    });
    h.core.close();
    return { ...out, sent, stoppedAt: out.stops[0] ? (out.stops[0].createdAt - h.t0) / MIN : null };
  };

  it('counts a minute sent region by region as the same minute sent whole', async () => {
    const whole = await pushed(1, false);
    const split = await pushed(1, true);
    // The guard folds eu-west's part at once; us-east's comes after it, and is judged at the next look.
    // Only the minute whose eu-west part promoted the stage keeps its us-east part out: that stage had ended.
    expect(split.sent.filter((s) => s.backfilled === 2).length).toBe(19);
    expect(split.sent.filter((s) => s.late === 2).length).toBe(1);
    const usEast = (e: typeof whole.errors) => e.segments.find((s) => s.key === 'us-east')?.canarySamples;
    expect(usEast(split.errors)).toBeGreaterThan(0);
    expect(usEast(split.errors)).toBe(usEast(whole.errors));
    expect(split.errors.total.canarySamples).toBe(whole.errors.total.canarySamples);
  });

  it('rolls back a us-east regression sent region by region, naming us-east, within three minutes of the same rows sent whole', async () => {
    const whole = await pushed(5, false);
    const split = await pushed(5, true);
    expect(split.stops.map((d) => d.action)).toEqual(['rollback']);
    expect(split.stops[0]?.reason).toContain('us-east');
    expect(Math.abs(split.stoppedAt! - whole.stoppedAt!)).toBeLessThanOrEqual(3);
  });

  it('counts a minute retried after the next one once, and a repeat of it not again', async () => {
    const inOrder = await rollingRelease();
    await pushMinutes(inOrder, 6, async (m) => {
      inOrder.clock.t = inOrder.t0 + m * MIN + 5_000;
      const rows = minute(inOrder, m, 1);
      await inOrder.call('ingestSamples', { samples: [...rows.euWest, ...rows.usEast] });
    });
    const swapped = await rollingRelease();
    const order = [1, 2, 4, 3, 5, 6];
    const answers: IngestOutput[] = [];
    for (const [i, m] of order.entries()) {
      swapped.clock.t = swapped.t0 + Math.max(...order.slice(0, i + 1)) * MIN + 5_000 + i * 1_000;
      const rows = minute(swapped, m, 1);
      answers.push(await swapped.call<IngestOutput>('ingestSamples', { samples: [...rows.euWest, ...rows.usEast] }));
    }
    expect(answers[3]).toMatchObject({ accepted: 4, late: 0, backfilled: 4 });
    expect((await swapped.errors()).total.canarySamples).toBe((await inOrder.errors()).total.canarySamples);
    // Minute 3 once more, after it was judged: a repeat, stored once and not counted twice.
    const rows = minute(swapped, 3, 1);
    const again = await swapped.call<IngestOutput>('ingestSamples', { samples: [...rows.euWest, ...rows.usEast] });
    expect(again).toMatchObject({ late: 4, backfilled: 0 });
    swapped.clock.t += MIN;
    await swapped.call('ingestSamples', { samples: [...minute(swapped, 7, 1).euWest, ...minute(swapped, 7, 1).usEast] });
    inOrder.clock.t = inOrder.t0 + 7 * MIN + 5_000;
    await inOrder.call('ingestSamples', { samples: [...minute(inOrder, 7, 1).euWest, ...minute(inOrder, 7, 1).usEast] });
    expect((await swapped.errors()).total.canarySamples).toBe((await inOrder.errors()).total.canarySamples);
    inOrder.core.close();
    swapped.core.close();
  });

  it('adds a region sent after its minute’s total rows to the region, not to the total those rows already stand for', async () => {
    const h = await rollingRelease();
    for (let m = 1; m <= 5; m += 1) {
      h.clock.t = h.t0 + m * MIN + 5_000;
      const rows = minute(h, m, 1);
      const totals = [h.row('canary', m, 1, ''), h.row('baseline', m, 1, '')];
      await h.call('ingestSamples', { samples: [...totals, ...rows.euWest] });
      h.clock.t += 2_000;
      await h.call('ingestSamples', { samples: rows.usEast });
    }
    const errors = await h.errors();
    // Five minutes of the canary's total rows (2,000 a minute), no more.
    expect(errors.total.canarySamples).toBe(5 * 2000);
    expect(errors.segments.find((s) => s.key === 'us-east')?.canarySamples).toBe(5 * 2000);
    h.core.close();
  });
});
