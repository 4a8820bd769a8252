import type { APIRequestContext } from '@playwright/test';
import { expect, test, E2E_TOKEN } from './fixture.ts';
import { defaultPlan, type ReleaseDetail } from '../../shared/index.ts';
import { webWeeklyTrain } from '../support/trains.ts';

const auth = { authorization: `Bearer ${E2E_TOKEN}` };

async function startedService(request: APIRequestContext, name: string): Promise<string> {
  const suffix = Date.now().toString(36);
  const created = await request.post('/api/createRelease', { headers: auth, data: { name: `${name} ${suffix}`, app: `${name}-${suffix}`, version: '1.0.0', target: 'service', plan: defaultPlan('service') } });
  const { release } = (await created.json()) as ReleaseDetail;
  const started = await request.post('/api/decide', { headers: auth, data: { releaseId: release.id, action: 'start', reason: 'internal canary', monitor: 'dana' } });
  expect(started.ok()).toBe(true);
  return release.id;
}

test('a decision’s reason survives Escape and a reload, shows its limit as it is typed, and Ctrl+Enter records it', async ({ page, request }) => {
  const releaseId = await startedService(request, 'drafts');
  await page.goto(`/?token=${E2E_TOKEN}#/releases/${releaseId}`);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('reason-count')).toHaveText('0 / 500 — at least 3');
  await dialog.getByLabel('Reason', { exact: true }).fill('p95 creeping up in eu-west');
  await expect(dialog.getByTestId('reason-count')).toHaveText('26 / 500');
  await dialog.getByLabel('Reason', { exact: true }).press('Escape');
  await expect(dialog).toBeHidden();

  await page.reload();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(dialog.getByLabel('Reason', { exact: true })).toHaveValue('p95 creeping up in eu-west');
  await expect(dialog.getByTestId('draft-notice')).toContainText('Draft restored');
  await dialog.getByLabel('Reason', { exact: true }).fill('x'.repeat(510));
  await expect(dialog.getByTestId('reason-count')).toHaveText('510 / 500 — 10 too many');
  await dialog.getByLabel('Reason', { exact: true }).press('Control+Enter');
  await expect(dialog.getByText('Keep the reason under 500 characters (10 too many).')).toBeVisible();
  await dialog.getByLabel('Reason', { exact: true }).fill('p95 creeping up in eu-west; holding');
  await dialog.getByLabel('Reason', { exact: true }).press('Control+Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('release-status')).toHaveText('Paused');

  // Recorded, the draft is gone: the next dialog opens empty.
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(dialog.getByLabel('Reason', { exact: true })).toHaveValue('');
  await expect(dialog.getByTestId('draft-notice')).toHaveCount(0);
});

test('the flag form keeps its draft across a reload, says what is wrong in the product’s words, and Ctrl+Enter saves', async ({ page }) => {
  const key = `draft.flag-${Date.now().toString(36)}`;
  await page.goto(`/?token=${E2E_TOKEN}#/flags`);
  await page.getByRole('button', { name: 'New flag' }).click();
  const form = page.getByTestId('new-flag-form');
  await form.getByLabel('Key', { exact: true }).fill('a');
  await form.getByLabel('Owner', { exact: true }).fill('payments team');
  await form.getByLabel('Description', { exact: true }).fill('New payment sheet');
  await form.getByRole('button', { name: 'Create flag' }).click();
  await expect(form.getByText('Use at least 2 characters.')).toBeVisible();
  await expect(page.locator('body')).not.toContainText(/Too small|expected string/);

  await page.reload();
  await expect(form.getByTestId('draft-notice')).toContainText('Draft restored');
  await expect(form.getByLabel('Owner', { exact: true })).toHaveValue('payments team');
  await expect(form.getByLabel('Key', { exact: true })).toHaveValue('a');
  await form.getByLabel('Key', { exact: true }).fill(key);
  await form.getByLabel('Key', { exact: true }).press('Control+Enter');
  await expect(form).toBeHidden();
  await expect(page.getByTestId(`flag-row-${key}`)).toBeVisible();
  await page.getByRole('button', { name: 'New flag' }).click();
  await expect(form.getByLabel('Owner', { exact: true })).toHaveValue('');
});

test('a train cuts only real versions, each once, and the plan editor keeps its draft across a reload', async ({ page, request, host }) => {
  const suffix = Date.now().toString(36);
  const train = { ...webWeeklyTrain(host.now() - 86_400_000), id: `web-${suffix}`, name: `Web ${suffix}` };
  expect((await request.post('/api/saveTrain', { headers: auth, data: train })).ok()).toBe(true);
  await page.goto(`/?token=${E2E_TOKEN}#/trains/${train.id}`);
  const cut = page.getByTestId(`cut-release-${train.id}`);
  await cut.getByLabel('Version', { exact: true }).fill('-1');
  await cut.getByRole('button', { name: 'Cut release' }).click();
  await expect(cut).toContainText('A version is numbers with dots, like 4.3.0 or 2026.11.3, and may end in -rc.1 or +build.7.');
  await cut.getByLabel('Version', { exact: true }).fill('5.0.0');
  await cut.getByRole('button', { name: 'Cut release' }).click();
  await expect(page).toHaveURL(/#\/releases\/web-5\.0\.0/);
  const releaseUrl = page.url();

  await page.goBack();
  await cut.getByLabel('Version', { exact: true }).fill('5.0.0');
  await cut.getByRole('button', { name: 'Cut release' }).click();
  await expect(cut).toContainText('5.0.0 was cut already, as web 5.0.0.');
  await expect(cut).toContainText('Cut already: 5.0.0.');

  await page.goto(releaseUrl);
  await page.getByRole('button', { name: 'Edit as YAML' }).click();
  const box = page.getByLabel('Plan YAML', { exact: true });
  await box.fill('name: kept across a reload\n');
  await page.reload();
  await expect(page.getByLabel('Plan YAML', { exact: true })).toHaveValue('name: kept across a reload\n');
  await expect(page.getByTestId('plan-editor').getByTestId('draft-notice')).toBeVisible();
  await page.getByTestId('plan-editor').getByRole('button', { name: 'Discard draft' }).click();
  await expect(page.getByLabel('Plan YAML', { exact: true })).toHaveValue(/^name: Service canary/);
});
