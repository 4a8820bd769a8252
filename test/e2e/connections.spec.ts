import { expect, test, E2E_TOKEN, E2E_VIEWER_TOKEN } from './fixture.ts';

const NAME = 'E2E Prometheus';

test('an operator adds a Prometheus connection, sees its token only as set · …last4, replaces nothing, clears it, and removes the connection', async ({ page }) => {
  await page.goto(`/?token=${E2E_TOKEN}#/settings`);
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Connections' }).click();
  await expect(page).toHaveURL(/#\/settings\/connections$/);
  await expect(page.getByText('No connections yet.')).toBeVisible();

  await page.getByRole('button', { name: 'Add connection' }).click();
  const form = page.getByTestId('new-connection-form');
  await expect(form.getByLabel('Name')).toBeFocused();
  // Enter submits: the form's own check names the empty fields.
  await page.keyboard.press('Enter');
  await expect(form.getByText('Name the connection.')).toBeVisible();
  await form.getByLabel('Name').fill(NAME);
  await form.getByLabel('Base URL').fill('ftp://prometheus.internal');
  await form.getByRole('button', { name: 'Save connection' }).click();
  // The host's invalid_input, beside the field it names.
  await expect(form.getByText('an http:// or https:// address, without query or fragment')).toBeVisible();
  await expect(form.getByLabel('Base URL')).toBeFocused();
  await form.getByLabel('Base URL').fill('http://127.0.0.1:9');
  await form.getByRole('radio', { name: 'Bearer token' }).check();
  await form.getByLabel('Bearer token', { exact: true }).last().fill('e2e-bearer-token-9a8b');
  await form.getByRole('button', { name: 'Test connection' }).click();
  // A real call with the real client: nothing listens on port 9.
  await expect(form.getByTestId('test-result')).toContainText(/Prometheus at http:\/\/127.0.0.1:9 (refused the connection|could not be reached)/);
  await form.getByLabel('Bearer token', { exact: true }).last().press('Enter');
  await expect(form).toBeHidden();

  const row = page.getByTestId('connection-row-e2e-prometheus');
  await expect(row).toContainText('Prometheus');
  await expect(row).toContainText('http://127.0.0.1:9');
  await expect(row).toContainText('Bearer token: set · …9a8b');
  await expect(row).toContainText('Not tested');
  await expect(page.locator('body')).not.toContainText('e2e-bearer-token');

  await row.getByRole('button', { name: `Edit ${NAME}` }).click();
  const edit = page.getByTestId('edit-connection-form');
  await expect(edit.getByTestId('secret-state-token')).toHaveText('set · …9a8b');
  // Replace opens a password field; Escape in it goes back to the stored token, and focus to Replace.
  await edit.getByRole('button', { name: 'Replace bearer token' }).click();
  await expect(edit.getByLabel('Bearer token', { exact: true }).last()).toBeFocused();
  await expect(edit.getByLabel('Bearer token', { exact: true }).last()).toHaveAttribute('type', 'password');
  await expect(edit.getByLabel('Bearer token', { exact: true }).last()).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(edit.getByRole('button', { name: 'Replace bearer token' })).toBeFocused();
  await expect(edit).toBeVisible();
  // A second Escape closes the form, and focus goes back to where it was opened from.
  await page.keyboard.press('Escape');
  await expect(edit).toBeHidden();
  await expect(row.getByRole('button', { name: `Edit ${NAME}` })).toBeFocused();

  await page.keyboard.press('Enter');
  await edit.getByRole('button', { name: 'Clear bearer token' }).click();
  await expect(edit.getByTestId('secret-state-token')).toHaveText('cleared when you save');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText('Bearer token: not set');

  await page.reload();
  await expect(row).toContainText('Bearer token: not set');
  await row.getByRole('button', { name: `Remove ${NAME}` }).click();
  const dialog = page.getByTestId('remove-connection-dialog');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: `Remove ${NAME}` }).click();
  await dialog.getByRole('button', { name: 'Remove connection' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toBeHidden();
  await expect(page.getByText('No connections yet.')).toBeVisible();

  // The log names what changed, never a value.
  await page.goto('/#/events?q=connection.');
  await expect(page.getByTestId('event-table')).toContainText('connection.removed');
  await expect(page.getByTestId('event-table')).toContainText('connection.secret_cleared');
});

test('a viewer is told connections are for operators, and sees none', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/?token=${E2E_VIEWER_TOKEN}#/settings/connections`);
  await expect(page.getByText('only an operator sees and changes them')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add connection' })).toHaveCount(0);
  await context.close();
});
