import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test, E2E_TOKEN } from './fixture.ts';
import { defaultPlan, type ReleaseDetail } from '../../shared/index.ts';
import { minutes, windowed } from '../support/overlap.ts';

test.use({ viewport: { width: 1440, height: 900 } });

/** A planned service canary on the default plan, not cut from a train: no one watches it yet. */
async function plannedRelease(request: APIRequestContext, name: string): Promise<string> {
  const suffix = Date.now().toString(36);
  const created = await request.post('/api/createRelease', {
    headers: { authorization: `Bearer ${E2E_TOKEN}` },
    data: { name: `${name} ${suffix}`, app: `preflight-${suffix}`, version: '1.0.0', target: 'service', plan: defaultPlan('service') },
  });
  expect(created.ok()).toBe(true);
  return ((await created.json()) as ReleaseDetail).release.id;
}

async function openStart(page: Page, releaseId: string) {
  await page.goto(`/?token=${E2E_TOKEN}#/releases/${releaseId}`);
  const start = page.getByRole('button', { name: 'Start', exact: true });
  await start.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('preflight-summary')).toHaveText('1 failed · 2 warnings · 3 passed');
  return dialog;
}

test('the Start dialog shows the pre-flight; a failed check makes it “Start anyway…”, which asks why, and the override is kept in the evidence', async ({ page, request }) => {
  const releaseId = await plannedRelease(request, 'Preflight api');
  const dialog = await openStart(page, releaseId);
  // The reason box has the focus, as in every decision dialog.
  await expect(dialog.getByLabel('Reason', { exact: true })).toBeFocused();

  const monitor = dialog.getByTestId('preflight-monitor');
  await expect(monitor).toHaveAttribute('data-outcome', 'fail');
  await expect(monitor.getByTestId('preflight-outcome')).toHaveText('Fail');
  await expect(monitor.getByTestId('preflight-finding')).toHaveText('No one is named to watch this rollout: it was not cut from a train, so no monitoring rotation covers it.');
  await expect(monitor.getByTestId('preflight-fix')).toHaveText(/^Fix: Name who watches this rollout when you start it/);
  // Not cut from a train: the field's hint promises no rotation's name, and nothing planned offers a roll back.
  await expect(dialog.getByLabel('Monitor', { exact: true })).toHaveAccessibleDescription(/^Name who watches this rollout\. The pre-flight checks it again/);
  await expect(page.getByTestId('undo-text')).not.toContainText('Roll back');
  // No samples yet: the segments panel says so once, not again for a dimension of its own choosing.
  await expect(page.getByTestId('no-segment-data')).toBeVisible();
  await expect(page.getByText(/^No samples per \w+ for this metric\.$/)).toHaveCount(0);
  await expect(dialog.getByTestId('preflight-metrics')).toHaveAttribute('data-outcome', 'warn');
  await expect(dialog.getByTestId('preflight-metrics').getByTestId('preflight-finding')).toContainText('This release’s data is simulated');
  await expect(dialog.getByTestId('preflight-gates').getByTestId('preflight-outcome')).toHaveText('Pass');
  await expect(dialog.getByTestId('preflight-gates').getByTestId('preflight-fix')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/preflight-dialog.png' });

  // From the keyboard: the reason, then the primary button, which first asks why to start anyway.
  await dialog.getByLabel('Reason', { exact: true }).fill('Internal canary first');
  const anyway = dialog.getByRole('button', { name: 'Start anyway…', exact: true });
  await anyway.focus();
  await page.keyboard.press('Enter');
  const why = dialog.getByLabel('Why start anyway', { exact: true });
  await expect(why).toBeFocused();
  await expect(dialog.getByTestId('preflight-override')).toContainText('This check failed: someone is named to watch the rollout.');
  await expect(page.getByTestId('release-status')).toHaveText(/planned/i);
  const confirm = dialog.getByRole('button', { name: 'Start anyway', exact: true });
  await page.keyboard.type('x');
  await confirm.focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('Say why, in at least 3 characters.')).toBeVisible();
  await expect(why).toBeFocused();
  await page.keyboard.type(' — Dana watches from the incident channel');
  await page.screenshot({ path: 'test-results/preflight-anyway.png' });
  await confirm.focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('release-status')).toHaveText(/rolling/i);

  const started = page.getByTestId('decision-item').filter({ hasText: 'Internal canary first' });
  await started.getByRole('button', { name: 'Evidence' }).click();
  await expect(started.getByTestId('evidence-preflight-override')).toHaveText('Started anyway by operator past a failed check: “x — Dana watches from the incident channel”');
  await expect(started.getByTestId('evidence-preflight')).toContainText('Pre-flight then: 1 failed · 2 warnings · 3 passed');
  await started.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/preflight-evidence.png' });
});

test('naming who watches passes that check, so the start needs no override', async ({ page, request }) => {
  const releaseId = await plannedRelease(request, 'Watched api');
  const dialog = await openStart(page, releaseId);
  await dialog.getByLabel('Monitor', { exact: true }).fill('Dana (SRE)');
  await page.keyboard.press('Tab');
  await expect(dialog.getByTestId('preflight-monitor')).toHaveAttribute('data-outcome', 'pass');
  await expect(dialog.getByTestId('preflight-summary')).toHaveText('2 warnings · 4 passed');
  await expect(dialog.getByRole('button', { name: 'Start anyway…' })).toHaveCount(0);
  await dialog.getByLabel('Reason', { exact: true }).fill('Internal canary first');
  await dialog.getByRole('button', { name: 'Record decision' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('release-status')).toHaveText(/rolling/i);
  const started = page.getByTestId('decision-item').filter({ hasText: 'Internal canary first' });
  await started.getByRole('button', { name: 'Evidence' }).click();
  await expect(started.getByTestId('evidence-preflight')).toContainText('Named to watch: Dana (SRE)');
  await expect(started.getByTestId('evidence-preflight-override')).toHaveCount(0);
});

test('a new release of an app that has shipped before reads its time to decide off the last release’s traffic, and says whose', async ({ page, request }) => {
  const created = await request.post('/api/createRelease', {
    headers: { authorization: `Bearer ${E2E_TOKEN}` },
    data: { name: `checkout-api next ${Date.now().toString(36)}`, app: 'checkout-api', version: '2026.12.1', target: 'service', plan: defaultPlan('service') },
  });
  expect(created.ok()).toBe(true);
  const releaseId = ((await created.json()) as ReleaseDetail).release.id;
  await page.goto(`/?token=${E2E_TOKEN}#/releases/${releaseId}`);
  await expect(page.getByTestId('plan-readiness-source')).toHaveText(
    /^Time to decide: for a canary that behaves like its baseline, at the traffic of checkout-api 2026\.11\.3’s samples over its last \d+ min \(this release has none in the last hour\)\.$/,
  );
  // Which stages are too short for that traffic shows before the start, not only after the first samples.
  await expect(page.getByTestId('readiness-banner')).toContainText('Before the start');
  await expect(page.getByTestId('readiness-banner')).toContainText('at the traffic of checkout-api 2026.11.3’s samples');
});

test('pushed error_rate samples whose windows overlap are said above the actions, with the fix, and the pre-flight warns of them', async ({ page, request, host }) => {
  const releaseId = await plannedRelease(request, 'Windowed api');
  // Four hours of 5-minute windows pushed every minute, the last a minute before now.
  const rows = windowed(minutes(31), 5);
  const from = host.now() - (rows.length + 1) * 60_000;
  const samples = rows.flatMap((m, k) =>
    (['canary', 'baseline'] as const).map((cohort) => ({ releaseId, metric: 'error_rate', cohort, t: from + (k + 1) * 60_000, value: (100 * m[cohort].events) / m[cohort].trials, weight: m[cohort].trials })),
  );
  const pushed = await request.post('/api/ingestSamples', { headers: { authorization: `Bearer ${E2E_TOKEN}` }, data: { samples } });
  expect(pushed.ok()).toBe(true);

  await page.goto(`/?token=${E2E_TOKEN}#/releases/${releaseId}`);
  const banner = page.getByTestId('overlap-banner');
  await expect(banner).toHaveCount(1);
  await expect(banner).toHaveText(
    /^Samples overlap: error_rate samples look like windows that overlap: .*successive changes correlated -?0\.\d\d over \d+ intervals, where independent intervals give −0\.50 ± 0\.\d\d\)\. Each sample must cover only the interval it ends \(an increase over \[1m\] pushed every minute, not over \[5m\]\)/,
  );
  await expect(banner).toContainText('Until then the times to decide read too short.');
  // No all-clear on the same inflated traffic; the stage its errors gate is too slow for, even at that traffic, is still named
  // (its latency and conversion gates have no traffic at all, and no longer hide it; the internal 0 % stage's time is unknown for pushed samples).
  await expect(page.getByTestId('readiness-banner')).toContainText('Before the start, 1 of 4 gated stages cannot decide within their soak');
  await expect(page.getByTestId('readiness-banner')).not.toContainText('every gated stage can decide');
  await page.screenshot({ path: test.info().outputPath('overlap-banner.png') });

  const start = page.getByRole('button', { name: 'Start', exact: true });
  await start.focus();
  await page.keyboard.press('Enter');
  const evidence = page.getByRole('dialog').getByTestId('preflight-evidence');
  // Too short even at the inflated traffic, the check fails on that, and the overlap is listed first among its items.
  await expect(evidence).toHaveAttribute('data-outcome', 'fail');
  await expect(evidence.getByTestId('preflight-finding')).toHaveText(/^Stage 1% needs ≈ \d+ min to decide at 1% but soaks 15 min/);
  await expect(evidence).toContainText('error_rate samples');
  await expect(evidence).toContainText('look like windows that overlap');
});
