// The Start dialog's pre-flight: its words, its order, and the store keeping the newest run.
import { MutationObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { Preflight, type PreflightCheck, type PreflightOutcome } from '../../shared/domain/preflight.ts';
import { preflightSummary, startButtonLabel, worstFirst } from '../../renderer/lib/preflightText.ts';
import { createQueryClient } from '../../renderer/api/queryClient.ts';
import { preflightRun } from '../../renderer/features/release-detail/usePreflight.ts';
import { fakeClient } from './fakeClient.ts';

const ids = ['gates', 'metrics', 'evidence', 'monitor', 'failure_actions', 'dark_flags'] as const;
const preflight = (outcomes: PreflightOutcome[], releaseId = 'r1'): Preflight =>
  Preflight.parse({
    v: 1,
    releaseId,
    at: 1,
    outcome: 'pass',
    checks: outcomes.map((outcome, i): PreflightCheck => ({ id: ids[i]!, title: ids[i]!, outcome, finding: `${ids[i]} found`, fix: outcome === 'pass' ? null : 'fix it', items: [] })),
  });

describe('the pre-flight in the Start dialog', () => {
  it('sums up the outcomes worst first, and says when all passed', () => {
    expect(preflightSummary(preflight(['pass', 'warn', 'warn', 'fail', 'pass', 'info']))).toBe('1 failed · 2 warnings · 1 to note · 2 passed');
    expect(preflightSummary(preflight(['pass', 'warn', 'pass']))).toBe('1 warning · 2 passed');
    expect(preflightSummary(preflight(['pass', 'pass']))).toBe('All 2 checks passed');
  });

  it('lists failures first, then warnings, keeping the pre-flight’s order within each', () => {
    expect(worstFirst(preflight(['pass', 'warn', 'warn', 'fail', 'pass', 'info']).checks).map((c) => c.id)).toEqual(['monitor', 'metrics', 'evidence', 'dark_flags', 'gates', 'failure_actions']);
  });

  it('makes the button “Start anyway…” on a failed check, “Start anyway” once the reason is asked for, and leaves it alone otherwise', () => {
    expect(startButtonLabel(preflight(['pass', 'fail']), false)).toBe('Start anyway…');
    expect(startButtonLabel(preflight(['pass', 'fail']), true)).toBe('Start anyway');
    expect(startButtonLabel(preflight(['pass', 'warn']), false)).toBeNull();
    expect(startButtonLabel(null, false)).toBeNull();
  });

  it('keeps the newest run: an answer to an older request is dropped', async () => {
    const fake = fakeClient();
    const answers: ((p: Preflight) => void)[] = [];
    fake.raw.getPreflight = () => new Promise((resolve) => answers.push((value) => resolve({ ok: true, value })));
    // As the dialog's useMutation runs it: one observer, each run's onSuccess putting its checks on screen.
    const run = new MutationObserver(createQueryClient(), preflightRun(fake.client, 'r1'));
    run.subscribe(() => {});
    const shown: Preflight[] = [];
    const first = run.mutate(undefined, { onSuccess: (p) => shown.push(p) });
    const second = run.mutate('Dana', { onSuccess: (p) => shown.push(p) });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.inputs('getPreflight')).toEqual([{ releaseId: 'r1' }, { releaseId: 'r1', monitor: 'Dana' }]);
    answers[1]!(preflight(['pass', 'pass']));
    await second;
    answers[0]!(preflight(['fail', 'pass']));
    await first;
    expect(shown.map((p) => p.checks.map((c) => c.outcome))).toEqual([['pass', 'pass']]);
    expect(run.getCurrentResult().isPending).toBe(false);
    expect(run.getCurrentResult().data?.checks.map((c) => c.outcome)).toEqual(['pass', 'pass']);
  });

  it('drops a run still under way once a refused start’s checks are shown (the hook resets the run)', async () => {
    const fake = fakeClient();
    let answer: (p: Preflight) => void = () => {};
    fake.raw.getPreflight = () => new Promise((resolve) => (answer = (value) => resolve({ ok: true, value })));
    const run = new MutationObserver(createQueryClient(), preflightRun(fake.client, 'r1'));
    run.subscribe(() => {});
    const shown: Preflight[] = [];
    const running = run.mutate(undefined, { onSuccess: (p) => shown.push(p) });
    await new Promise((resolve) => setTimeout(resolve, 0));
    run.reset();
    answer(preflight(['fail']));
    await running;
    expect(shown).toEqual([]);
    expect(run.getCurrentResult().isIdle).toBe(true);
  });
});
