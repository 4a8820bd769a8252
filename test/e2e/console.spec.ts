import { expect, test, E2E_TOKEN } from './fixture.ts';

const SERVICE = 'demo-checkout-api-2026-11';
const MOBILE = 'demo-android-4-2-0';

// It reads the first render off the browser's performance timeline, which a fake page clock replaces.
test.use({ realClock: true });

test('a new user sees the demo, pauses a rollout with a reason, and it stays paused after a reload', async ({ page }) => {
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });

  await page.goto(`/?token=${E2E_TOKEN}`);
  await expect(page).toHaveURL(/\/#?\/?(releases)?$/);
  await expect(page.getByTestId(`release-row-${MOBILE}`)).toBeVisible();
  await expect(page.getByTestId(`release-row-${SERVICE}`)).toBeVisible();
  // The demo's numbers come from the simulator, and the list says so.
  await expect(page.getByTestId(`release-source-${SERVICE}`)).toHaveText('Simulated data');
  const firstRender = await page.evaluate(() => performance.getEntriesByName('stagegate:first-render')[0]?.startTime ?? null);
  expect(firstRender).not.toBeNull();
  console.log(`first render of the releases list: ${firstRender!.toFixed(0)} ms after navigation start`);

  await page.getByTestId(`release-row-${SERVICE}`).getByRole('link').first().click();
  await expect(page.getByTestId('release-status')).toHaveText(/rolling/i);
  await expect(page.getByTestId('release-source')).toContainText('Simulated data');
  // Charts draw live data: one line chart per metric, with points.
  await expect(page.locator('.recharts-line').first()).toBeVisible();
  // Exact values read from the keyboard: focus the error-rate plot, End goes to the latest point.
  const errors = page.getByTestId('chart-error_rate');
  const plot = errors.getByRole('img', { name: /arrow keys/ });
  await plot.focus();
  await page.keyboard.press('End');
  const tooltip = errors.locator('.chart-tooltip');
  await expect(tooltip).toContainText(/Canary \d/);
  await expect(tooltip).toContainText(/Limit \d/);
  await page.keyboard.press('Escape');
  await expect(tooltip).toBeHidden();

  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Record decision' }).click();
  await expect(dialog.getByText(/at least 3 characters/i)).toBeVisible();
  await dialog.getByLabel('Reason').fill('p95 latency drifting up in eu-west');
  await dialog.getByRole('button', { name: 'Record decision' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId('release-status')).toHaveText(/paused/i);
  const decisions = page.getByTestId('decision-list');
  await expect(decisions).toContainText('p95 latency drifting up in eu-west');
  await expect(decisions).toContainText(/pause/i);
  await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeVisible();

  await page.reload();
  await expect(page.getByTestId('release-status')).toHaveText(/paused/i);
  await expect(page.getByTestId('decision-list')).toContainText('p95 latency drifting up in eu-west');
  expect(cspViolations).toEqual([]);
});

test('the page refuses to load without a token', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.goto('/');
  expect(response?.status()).toBe(401);
  await expect(page.getByRole('heading')).toHaveText(/needs a token/i);
  await context.close();
});
