import { expect, test } from '@playwright/test';
import { E2E_TOKEN } from '../../playwright.config.ts';

const SERVICE = 'demo-checkout-api-2026-11';
const MOBILE = 'demo-android-4-2-0';

test('charts bucket the range with the canary’s band, draw the limit over the lines, and keep the choice of resolution', async ({ page }) => {
  await page.goto(`/?token=${E2E_TOKEN}#/releases/${SERVICE}`);
  const p95 = page.getByTestId('chart-p95_latency_ms');
  await expect(p95.getByTestId('chart-band-legend')).toHaveText('canary 95 % band, 1 min buckets');
  await expect(p95.locator('.canary-band')).toHaveAttribute('d', /^M[\d.]+,[\d.]+L.*Z/);
  // Painted last, the gate's limit lies over canary and baseline.
  await expect(p95.locator('.series-lines > g').last()).toHaveClass(/limit-line/);

  const buckets = page.getByRole('group', { name: 'Chart resolution' });
  await expect(buckets.getByRole('button', { name: '1 min buckets' })).toHaveAttribute('aria-pressed', 'true');
  await buckets.getByRole('button', { name: 'Every point' }).click();
  await expect(p95.locator('.canary-band')).toHaveCount(0);
  await expect(p95.getByTestId('chart-band-legend')).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Every point' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('chart-p95_latency_ms').locator('.recharts-line')).toHaveCount(3);
  await expect(page.getByTestId('chart-p95_latency_ms').locator('.canary-band')).toHaveCount(0);
  await page.getByRole('button', { name: '1 min buckets' }).click();
  await expect(page.getByTestId('chart-p95_latency_ms').locator('.canary-band')).toHaveCount(1);
});

test('small multiples offer only the dimensions that have data, and a threshold is drawn over the lines', async ({ page }) => {
  await page.goto(`/?token=${E2E_TOKEN}#/releases/${SERVICE}`);
  const multiples = page.getByTestId('segment-multiples');
  await expect(multiples.getByLabel('By', { exact: true }).locator('option')).toHaveText(['Region']);
  await expect(multiples.locator('.segment-chart .canary-band')).toHaveCount(3);

  await page.goto(`/#/releases/${MOBILE}`);
  await expect(page.getByTestId('segment-multiples').getByLabel('By', { exact: true }).locator('option')).toHaveText(['Region', 'Device']);
  const crashFree = page.getByTestId('chart-crash_free_users');
  await expect(crashFree.getByTestId('chart-limit-legend')).toHaveText('Limit ≥ 99.5%');
  await expect(crashFree.locator('.series-lines > g').last()).toHaveClass(/threshold-line/);
  await expect(crashFree.locator('.threshold-line path')).toHaveAttribute('d', /^M[\d.]+,[\d.]+L[\d.]+,[\d.]+$/);
});
