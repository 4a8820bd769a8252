import net from 'node:net';
import { expect, test, E2E_TOKEN, E2E_VIEWER_TOKEN } from './fixture.ts';

/** A loopback port nothing listens on: one the system just handed out and that was closed again. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

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
  // Not port 9: fetch refuses that one itself (a "bad port"), so the message would not be about the server.
  const address = `http://127.0.0.1:${await closedPort()}`;
  await form.getByLabel('Base URL').fill(address);
  await form.getByRole('radio', { name: 'Bearer token' }).check();
  await form.getByLabel('Bearer token', { exact: true }).last().fill('e2e-bearer-token-9a8b');
  await form.getByRole('button', { name: 'Test connection' }).click();
  // A real call with the real client: nothing listens there, so the port refuses it.
  await expect(form.getByTestId('test-result')).toContainText(`Prometheus at ${address} refused the connection`);
  await form.getByLabel('Bearer token', { exact: true }).last().press('Enter');
  await expect(form).toBeHidden();

  const row = page.getByTestId('connection-row-e2e-prometheus');
  await expect(row).toContainText('Prometheus');
  await expect(row).toContainText(address);
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
