import { expect, test, E2E_TOKEN } from './fixture.ts';

const SERVICE = 'demo-checkout-api-2026-11';

test('a session the host no longer knows says so, keeps the numbers dimmed and disables the decision buttons', async ({ page, context }) => {
  await page.goto(`/?token=${E2E_TOKEN}#/releases/${SERVICE}`);
  const actions = page.getByRole('group', { name: 'Actions' });
  const halt = actions.getByRole('button', { name: 'Halt', exact: true });
  await expect(halt).toBeEnabled();

  // As after a host restart with a new token: the page's cookie no longer opens a session. The live
  // release's next pushed metrics are fetched within seconds, and that call gets the 401.
  await context.clearCookies();
  await expect(page.getByTestId('session-ended')).toHaveText('Session ended — open the new URL the host printed.', { timeout: 20_000 });
  await expect(page.getByTestId('connection-state')).toHaveText('Session ended');
  await expect(page.getByRole('heading', { name: 'checkout-api 2026.11.3' })).toBeVisible();
  await expect(halt).toBeDisabled();
  for (const button of await actions.getByRole('button').all()) await expect(button).toBeDisabled();
});
