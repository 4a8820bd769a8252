import { expect, test, E2E_TOKEN } from './fixture.ts';

const MOBILE = 'demo-android-4-2-0';
const STAMP = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/;

test("the decision log's filters survive a reload; decisions and events show each row's date", async ({ page }) => {
  await page.goto(`/?token=${E2E_TOKEN}#/releases/${MOBILE}`);
  await page.getByRole('button', { name: 'Halt', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason').fill('Holding Android for the filter check');
  await dialog.getByRole('button', { name: 'Record decision' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decisions' }).click();
  await page.getByLabel('Release', { exact: true }).selectOption({ label: 'Shopper for Android 4.2.0' });
  await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Halt' });
  await page.getByLabel('Actor', { exact: true }).fill('operator');
  await expect(page).toHaveURL(/#\/decisions\?(?=.*release=demo-android-4-2-0)(?=.*action=halt)(?=.*actor=operator)/);

  await page.reload();
  await expect(page.getByLabel('Release', { exact: true })).toHaveValue(MOBILE);
  await expect(page.getByLabel('Action', { exact: true })).toHaveValue('halt');
  await expect(page.getByLabel('Actor', { exact: true })).toHaveValue('operator');
  const items = page.getByTestId('decision-log').getByTestId('decision-item');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('Holding Android for the filter check');
  await expect(items.first().locator('time')).toHaveText(STAMP);

  await page.goto(`/#/events?q=${MOBILE}`);
  await expect(page.getByTestId('event-table').locator('tbody tr').first().locator('time')).toHaveText(STAMP);
});

test('the event log names each kind in product words and keeps the raw kind beside it', async ({ page }) => {
  await page.goto(`/?token=${E2E_TOKEN}#/events?q=release.created`);
  const row = page.getByTestId('event-table').locator('tbody tr').first();
  const kind = row.locator('.event-kind');
  await expect(kind.locator('.event-kind-label')).toHaveText('Release created');
  await expect(kind.locator('.event-kind-raw')).toHaveText('release.created');
  await expect(kind).toHaveAttribute('title', 'release.created');
  await expect(page.getByRole('columnheader', { name: 'What' })).toBeVisible();
});
