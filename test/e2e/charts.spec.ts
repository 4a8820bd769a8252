import type { APIRequestContext } from '@playwright/test';
import { expect, test, E2E_TOKEN } from './fixture.ts';

const SERVICE = 'demo-checkout-api-2026-11';
const MOBILE = 'demo-android-4-2-0';

const auth = { authorization: `Bearer ${E2E_TOKEN}` };

/** A new service release, started, named with a suffix of its own so runs do not meet. */
async function startedServiceRelease(request: APIRequestContext, name: string, app: string): Promise<string> {
  const suffix = Date.now().toString(36);
  const created = await request.post('/api/createRelease', { headers: auth, data: { name: `${name} ${suffix}`, app: `${app}-${suffix}`, version: '1.0.0', target: 'service' } });
  const releaseId = ((await created.json()) as { release: { id: string } }).release.id;
  expect((await request.post('/api/decide', { headers: auth, data: { releaseId, action: 'start', reason: 'internal canary', monitor: 'dana' } })).ok()).toBe(true);
  return releaseId;
}

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

test('a chart shades where its source sent nothing and breaks its lines there, and says so in the legend', async ({ page, request, host }) => {
  const releaseId = await startedServiceRelease(request, 'Gappy', 'gappy');
  // Twenty minutes of samples a minute apart, with ten silent minutes in the middle, up to now.
  const now = host.now();
  const minutes = [...Array.from({ length: 10 }, (_, i) => 30 - i), ...Array.from({ length: 10 }, (_, i) => 10 - i)];
  const samples = minutes.flatMap((m) =>
    (['canary', 'baseline'] as const).map((cohort) => ({ releaseId, cohort, metric: 'error_rate', t: now - m * 60_000, value: cohort === 'canary' ? 0.5 : 0.4, weight: 2000 })),
  );
  expect((await request.post('/api/ingestSamples', { headers: auth, data: { samples } })).ok()).toBe(true);

  await page.goto(`/?token=${E2E_TOKEN}#/releases/${releaseId}`);
  const chart = page.getByTestId('chart-error_rate');
  await expect(chart.getByTestId('chart-gap-legend')).toHaveText('no data (1 gap)');
  await expect(chart.locator('.chart-gap-both')).toHaveCount(1);
  await expect(chart.locator('svg').getByText('no data', { exact: true })).toBeVisible();
  // Each line is drawn in two pieces, one either side of the silence.
  await page.getByRole('button', { name: 'Every point' }).click();
  await expect(chart.locator('.series-canary path')).toHaveAttribute('d', /^M[^M]+M[^M]+$/);
});

test('a region that went silent is shaded in its own small multiple, not in the others', async ({ page, request, host }) => {
  const releaseId = await startedServiceRelease(request, 'Quiet region', 'quiet');
  // Both regions every minute for half an hour, except that us-east has sent nothing for its last fifteen.
  const now = host.now();
  const minutes = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => from - i);
  const rows = (region: string, at: number[]) =>
    at.flatMap((m) => (['canary', 'baseline'] as const).map((cohort) => ({ releaseId, cohort, region, metric: 'error_rate', t: now - m * 60_000, value: cohort === 'canary' ? 0.5 : 0.4, weight: 2000 })));
  const samples = [...rows('eu-west', minutes(30, 1)), ...rows('us-east', minutes(30, 16))];
  expect((await request.post('/api/ingestSamples', { headers: auth, data: { samples } })).ok()).toBe(true);

  await page.goto(`/?token=${E2E_TOKEN}#/releases/${releaseId}`);
  const multiples = page.getByTestId('segment-multiples');
  await expect(multiples.getByTestId('segment-gap-legend')).toHaveText('no data');
  await expect(multiples.getByTestId('segment-chart-us-east').locator('.chart-gap-both')).toHaveCount(1);
  await expect(multiples.getByTestId('segment-chart-eu-west').locator('.chart-gap')).toHaveCount(0);
});

test('a decision’s evidence chart shades where the canary sent nothing before it, as the live chart did', async ({ page, request, host }) => {
  const releaseId = await startedServiceRelease(request, 'Silent canary', 'silent');
  // The evidence redraws the stage since its start, so the samples come after it: both cohorts a
  // second apart for twenty seconds, the canary silent for thirteen of them (a gap from ten on).
  const start = host.now();
  const at = (s: number) => start + 1000 * s;
  const seconds = Array.from({ length: 20 }, (_, i) => i + 1);
  const samples = seconds.flatMap((s) =>
    (s > 3 && s < 17 ? (['baseline'] as const) : (['canary', 'baseline'] as const)).map((cohort) => ({ releaseId, cohort, metric: 'error_rate', t: at(s), value: cohort === 'canary' ? 0.5 : 0.4, weight: 2000 })),
  );
  expect((await request.post('/api/ingestSamples', { headers: auth, data: { samples } })).ok()).toBe(true);
  // The pause must come after the last sample: the host's clock is real time.
  await expect.poll(() => host.now(), { timeout: 40_000, intervals: [500] }).toBeGreaterThan(at(20));
  expect((await request.post('/api/decide', { headers: auth, data: { releaseId, action: 'pause', reason: 'canary went quiet' } })).ok()).toBe(true);

  await page.goto(`/?token=${E2E_TOKEN}#/releases/${releaseId}`);
  const pause = page.getByTestId('decision-item').filter({ hasText: 'canary went quiet' });
  await pause.getByRole('button', { name: 'Evidence' }).click();
  const chart = pause.getByTestId('evidence-chart-error_rate');
  await expect(chart.getByTestId('evidence-gap-legend')).toHaveText('no data');
  await expect(chart.locator('.chart-gap-canary')).toHaveCount(1);
  await expect(chart.locator('.chart-gap-both')).toHaveCount(0);
});
