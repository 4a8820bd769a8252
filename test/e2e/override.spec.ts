import { expect, test, E2E_TOKEN } from './fixture.ts';
import { defaultPlan, type ReleaseDetail } from '../../shared/index.ts';

test('going on before the gates pass asks for an override naming what is unmet, and a completed release reads as done at its last stage', async ({ page, request }) => {
  const suffix = Date.now().toString(36);
  const created = await request.post('/api/createRelease', {
    headers: { authorization: `Bearer ${E2E_TOKEN}` },
    data: { name: `Override api ${suffix}`, app: `override-${suffix}`, version: '1.0.0', target: 'service', plan: defaultPlan('service') },
  });
  expect(created.ok()).toBe(true);
  const { release } = (await created.json()) as ReleaseDetail;
  await page.goto(`/?token=${E2E_TOKEN}#/releases/${release.id}`);

  const dialog = page.getByRole('dialog');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  // Not cut from a train: the start names who watches, or its pre-flight fails.
  await dialog.getByLabel('Monitor', { exact: true }).fill('Dana (SRE)');
  await dialog.getByLabel('Reason', { exact: true }).fill('Internal canary first');
  await dialog.getByRole('button', { name: 'Record decision' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('gate-panel').getByTestId('gate-verdict')).toBeVisible();

  // Completing from the internal stage skips four stages and the soak: the dialog says so before anything is sent.
  await page.getByRole('button', { name: 'Complete', exact: true }).click();
  const section = dialog.getByTestId('override-section');
  await expect(section).toContainText(/soak (\d+[dhms])+ of 15m(?!\d)/);
  await expect(section).toContainText('stages 1%, 10%, 50%, 100% skipped');
  await dialog.getByLabel('Reason', { exact: true }).fill('Hotfix for the outage');
  await dialog.getByRole('button', { name: 'Record decision' }).click();
  await expect(dialog.getByText('Choose why you go on before everything is met.')).toBeVisible();
  await dialog.getByLabel('Override reason', { exact: true }).selectOption({ label: 'Business critical' });
  await dialog.getByRole('button', { name: 'Record decision' }).click();
  await expect(dialog).toBeHidden();

  // Done: the header shows the stage it ended at, in words, and nothing live is left to act on.
  await expect(page.getByTestId('release-status')).toHaveText('Completed');
  await expect(page.locator('.release-header')).toContainText('100% (5 of 5)');
  await expect(page.getByTestId('guard-next')).toHaveCount(0);
  await expect(page.getByTestId('gate-overrides')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText(/rolled_back|business_critical|\bis completed\b/);
});
