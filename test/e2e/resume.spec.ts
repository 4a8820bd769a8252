import { expect, test, E2E_TOKEN } from './fixture.ts';
import { defaultPlan, type ReleaseDetail } from '../../shared/index.ts';

const auth = { authorization: `Bearer ${E2E_TOKEN}` };

test('a halted Google Play rollout resumes at a fraction chosen in the dialog, checked as it is typed', async ({ page, request }) => {
  const suffix = Date.now().toString(36);
  const created = await request.post('/api/createRelease', { headers: auth, data: { name: `Play resume ${suffix}`, app: `play-${suffix}`, version: '4.3.0', target: 'play', plan: defaultPlan('play') } });
  expect(created.ok()).toBe(true);
  const { release } = (await created.json()) as ReleaseDetail;
  for (const [action, reason] of [['start', 'first users'], ['halt', 'crash spike on tablets']] as const) {
    const decided = await request.post('/api/decide', { headers: auth, data: { releaseId: release.id, action, reason, ...(action === 'start' ? { monitor: 'Priya (mobile on-call)' } : {}) } });
    expect(decided.ok()).toBe(true);
  }
  await page.goto(`/?token=${E2E_TOKEN}#/releases/${release.id}`);
  await expect(page.getByTestId('release-status')).toHaveText('Halted');

  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  const dialog = page.getByRole('dialog');
  const fraction = dialog.getByLabel('Resume at (% of users)');
  await expect(fraction).toHaveValue('1');
  await expect(dialog.getByTestId('resume-fraction')).toContainText('above 0 and below 5%, the next stage');

  // At the next stage's exposure it is a promote, not a resume: said beside the field, nothing sent.
  await fraction.fill('5');
  await expect(dialog.getByTestId('resume-fraction')).toContainText('Resume below 5 %, the next stage (5%); to go that far, resume and then promote.');
  await expect(fraction).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('Reason', { exact: true }).fill('Fix verified on a tablet lab');
  await dialog.getByRole('button', { name: 'Record decision' }).click();
  await expect(fraction).toBeFocused();
  await expect(dialog).toBeVisible();

  await fraction.fill('0.5');
  await dialog.getByRole('button', { name: 'Record decision' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('release-status')).toHaveText('Rolling');
  await expect(page.locator('.release-header')).toContainText('0.5%');
  await expect(page.getByTestId('exposure-chosen')).toHaveText('chosen at resume');
  await expect(page.getByTestId('stage-chosen')).toHaveText('runs at 0.5%');
  await expect(page.getByTestId('decision-item').first()).toContainText('Resume at 0.5%');
});
