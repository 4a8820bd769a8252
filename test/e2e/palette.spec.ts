import { expect, test, E2E_TOKEN, E2E_VIEWER_TOKEN } from './fixture.ts';
import { defaultPlan, type ReleaseDetail } from '../../shared/index.ts';

const MOBILE = 'demo-android-4-2-0';
const auth = { authorization: `Bearer ${E2E_TOKEN}` };

test('Ctrl+K opens a keyboard-driven palette that goes to a release and opens an action allowed now', async ({ page, request }) => {
  // A release of its own, rolling, so what other tests decided on the demo ones does not matter.
  const suffix = Date.now().toString(36);
  const name = `Palette android ${suffix}`;
  const created = await request.post('/api/createRelease', { headers: auth, data: { name, app: `palette-${suffix}`, version: '4.2.0', target: 'play', plan: defaultPlan('play') } });
  const { release } = (await created.json()) as ReleaseDetail;
  expect((await request.post('/api/decide', { headers: auth, data: { releaseId: release.id, action: 'start', reason: 'first users', monitor: 'dana' } })).ok()).toBe(true);
  await page.goto(`/?token=${E2E_TOKEN}#/releases`);
  await expect(page.getByTestId(`release-row-${release.id}`)).toBeVisible();
  const newRelease = page.getByRole('button', { name: 'New release' });
  await newRelease.focus();

  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  const box = palette.getByRole('combobox');
  await expect(box).toBeFocused();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  // Escape closes it, and focus is back where it was.
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
  await expect(newRelease).toBeFocused();

  await page.keyboard.press('Control+k');
  await box.fill('android');
  const options = palette.getByRole('option');
  await expect(options.nth(1)).toBeVisible();
  await box.fill(`palette android ${suffix}`);
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText(name);
  await box.fill('android');
  await expect(options.first()).toContainText(/android/i);
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await options.first().getAttribute('id'))!);
  await box.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await options.nth(1).getAttribute('id'))!);
  await box.press('ArrowUp');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await box.fill(`palette android ${suffix}`);
  await box.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`#/releases/${release.id}$`));
  await expect(page.getByTestId('release-status')).toBeVisible();

  // On the release, its allowed actions come first; Enter opens the decision dialog, reason ready.
  await page.keyboard.press('Control+k');
  await box.fill('halt');
  await expect(options.first()).toContainText(`Halt ${name}`);
  await expect(options.first()).toContainText('Actions');
  await box.press('Enter');
  const decision = page.getByTestId('decision-dialog');
  await expect(decision.getByRole('heading')).toHaveText(`Halt ${name}`);
  await expect(decision.getByLabel('Reason', { exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(decision).toBeHidden();
});

test('pages show their shortcuts, G then a letter goes there, and a flag’s state is one command away', async ({ page }) => {
  await page.goto(`/?token=${E2E_TOKEN}#/releases`);
  await expect(page.getByTestId(`release-row-${MOBILE}`)).toBeVisible();
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox').fill('trains');
  await expect(palette.getByRole('option').filter({ hasText: /^Trains page/ })).toContainText('GT');
  await page.keyboard.press('Escape');

  await page.keyboard.press('g');
  await page.keyboard.press('t');
  await expect(page).toHaveURL(/#\/trains$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trains');

  await page.keyboard.press('Control+k');
  await palette.getByRole('combobox').fill('set checkout.new-payment-sheet production');
  await palette.getByRole('combobox').press('Enter');
  await expect(page).toHaveURL(/#\/flags$/);
  const dialog = page.getByTestId('flag-state-dialog');
  await expect(dialog.getByRole('heading')).toHaveText('Set checkout.new-payment-sheet in production');
  await expect(page.getByTestId('flag-row-checkout.new-payment-sheet')).toHaveAttribute('aria-current', 'true');
});

test('a viewer’s palette goes places but runs nothing', async ({ page }) => {
  await page.goto(`/?token=${E2E_VIEWER_TOKEN}#/settings`);
  await expect(page.getByTestId('info-role')).toHaveText('Viewer (read-only)');
  await page.goto(`/#/releases/${MOBILE}`);
  await expect(page.getByTestId('release-status')).toBeVisible();
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox').fill('shopper android');
  await expect(palette.getByRole('option').filter({ hasText: 'Shopper for Android 4.2.0' })).toHaveCount(1);
  await expect(palette.getByRole('option').filter({ hasText: /^(Start|Promote|Resume|Pause|Halt|Roll back|Complete) / })).toHaveCount(0);
  await palette.getByRole('combobox').fill('set checkout.new-payment-sheet');
  await expect(palette).toContainText('Nothing matches “set checkout.new-payment-sheet”.');
});
