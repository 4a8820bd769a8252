import { expect, test, E2E_TOKEN } from './fixture.ts';

const KEY = 'ops.disable-recommendations';

test("an operator edits a flag's owner and cleanup plan; the row shows them, after a reload too, and the change is in the event log", async ({ page }) => {
  await page.goto(`/?token=${E2E_TOKEN}#/flags`);
  // The expired demo flag stands out with its owner.
  const expired = page.getByTestId('flag-row-legacy.promo-banner');
  await expect(expired).toContainText('Expired');
  await expect(expired.locator('.flag-owner-alert strong')).toHaveText('growth team');

  const row = page.getByTestId(`flag-row-${KEY}`);
  const edit = row.getByRole('button', { name: `Edit ${KEY}` });
  await edit.click();
  const form = page.getByTestId('edit-flag-form');
  await expect(form.getByLabel('Owner', { exact: true })).toBeFocused();
  await expect(form.getByLabel('Key', { exact: true })).toHaveValue(KEY);
  await expect(form.getByLabel('Key', { exact: true })).not.toBeEditable();
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await expect(edit).toBeFocused();

  await page.keyboard.press('Enter');
  await form.getByLabel('Owner', { exact: true }).fill('');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form.getByText('Name its owner.')).toBeVisible();
  await expect(form.getByLabel('Owner', { exact: true })).toBeFocused();
  await form.getByLabel('Owner', { exact: true }).fill('platform SRE');
  await form.getByLabel('Cleanup plan', { exact: true }).fill('Keep: the load-shedding runbook needs it');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form).toBeHidden();
  await expect(row.getByRole('cell', { name: 'platform SRE' })).toBeVisible();
  await expect(row).toContainText('Keep: the load-shedding runbook needs it');
  await expect(row.getByTestId(`flag-state-${KEY}-production`)).toHaveText('Off');

  await page.reload();
  await expect(row.getByRole('cell', { name: 'platform SRE' })).toBeVisible();
  await expect(row).toContainText('Keep: the load-shedding runbook needs it');

  await row.getByRole('link', { name: `Events of ${KEY}` }).click();
  await expect(page).toHaveURL(new RegExp(`#/events\\?q=${KEY}$`));
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue(KEY);
  const latest = page.getByTestId('event-table').locator('tbody tr').first();
  await expect(latest).toContainText('flag.updated');
  await expect(latest).toContainText(KEY);
  // The search is in the address: the same page opened afresh (a new tab, a shared link) is still searched.
  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue(KEY);
  await expect(page.getByTestId('event-table').locator('tbody tr').first()).toContainText(KEY);
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(page).toHaveURL(/#\/events$/);
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('');
});
