import fs from 'node:fs';
import type { APIRequestContext } from '@playwright/test';
import { expect, test, E2E_TOKEN } from './fixture.ts';
import { startExporter, type Exporter } from '../../scripts/demo/exporter.ts';
import { freePort } from '../support/prometheus.ts';
import { scrapeConfig, startScrapingPrometheus, type ScrapingPrometheus } from '../support/scrapingPrometheus.ts';

// The host reads a live Prometheus: its clock must be the real one, or it asks for data from another day.
test.use({ realClock: true });

// The demo exporter scraped every second by a real Prometheus: the preview reads live data through the real client.
let exporter: Exporter;
let prom: ScrapingPrometheus;
const SHOTS = 'test-results/screenshots';

test.beforeAll(async () => {
  const started = Date.now();
  // Ten times the real rate, so a 5 s interval holds thousands of requests per region.
  exporter = await startExporter({ port: 0, regress: 'eu-west', now: () => started + (Date.now() - started) * 10 });
  prom = await startScrapingPrometheus(scrapeConfig({ checkout: exporter.url.replace('http://', '') }, 1));
  fs.mkdirSync(SHOTS, { recursive: true });
});

test.afterAll(async () => {
  await prom?.dispose();
  await exporter?.close();
});

async function connection(request: APIRequestContext, name: string, baseUrl: string): Promise<{ id: string; version: number }> {
  const res = await request.post('/api/saveConnection', { headers: { authorization: `Bearer ${E2E_TOKEN}` }, data: { name, config: { kind: 'prometheus', baseUrl, auth: 'none' } } });
  expect(res.ok()).toBe(true);
  return (await res.json()) as { id: string; version: number };
}

test('a release made from the demo plan: the Metrics section edits its mapping, shows it in the YAML, and previews a cohort with no metrics, live data and an unreachable Prometheus', async ({ page, request }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const suffix = Date.now().toString(36);
  const live = `E2E live Prometheus ${suffix}`;
  const closed = `E2E closed port ${suffix}`;
  const liveId = (await connection(request, live, prom.url)).id;
  const closedPort = await freePort();
  await connection(request, closed, `http://127.0.0.1:${closedPort}`);

  // New release on the demo plan's YAML, from the keyboard where it matters.
  await page.goto(`/?token=${E2E_TOKEN}#/releases`);
  await page.getByRole('button', { name: 'New release' }).click();
  const form = page.getByTestId('new-release-form');
  await form.getByLabel('Name').fill(`checkout ${suffix}`);
  await form.getByLabel('App').fill('checkout');
  await form.getByLabel('Version').fill('1.4.0');
  await form.getByLabel('Plan', { exact: true }).selectOption({ label: 'A plan from YAML' });
  await form.getByTestId('plan-file').setInputFiles('scripts/demo/checkout-plan.yaml');
  await expect(form.getByTestId('plan-read')).toContainText('“checkout canary on Prometheus” for service: 4 stages');
  // The file names local-prometheus, not saved here: the form asks which connection to use.
  await expect(form.getByText('The file names local-prometheus, which is not saved here')).toBeVisible();
  await form.getByRole('button', { name: 'Create release' }).click();
  await expect(form.getByText('Choose the connection the plan’s queries run on.')).toBeVisible();
  await expect(form.getByText('The plan compares the canary with $baselineVersion: give the version running as baseline, e.g. 1.3.9.')).toBeVisible();
  await expect(form.getByLabel('Metrics connection')).toBeFocused();
  await form.getByLabel('Metrics connection').selectOption({ label: `${live} (Prometheus)` });
  // 1.3.8 on purpose: the exporter's baseline is 1.3.9, so the preview will find no baseline.
  await form.getByLabel('Baseline version').fill('1.3.8');
  await form.getByLabel('Baseline version').press('Enter');
  await expect(page).toHaveURL(/#\/releases\/checkout-1\.4\.0/);

  const section = page.getByTestId('metrics-section');
  await expect(section).toContainText(`Read from ${live} (Prometheus)`);
  await expect(section.getByTestId('mapping-summary')).toContainText('canary version="1.4.0" · baseline version="1.3.8"');
  await expect(section.getByTestId('mapped-p95_latency_ms')).toContainText('histogram_quantile(0.95');

  // Edit: focus starts on the connection; a bad interval is refused beside its field, in the form's words.
  await section.getByRole('button', { name: 'Edit metrics' }).click();
  const editor = section.getByTestId('mapping-editor');
  await expect(editor.getByLabel('Connection', { exact: true })).toBeFocused();
  await expect(editor.getByTestId('cohort-renders')).toContainText('canary version="1.4.0", baseline version="1.3.8"');
  await editor.getByLabel('Fetch every').fill('5 seconds');
  await editor.getByRole('button', { name: 'Preview' }).click();
  await expect(editor.getByText('A duration such as 30s, 1m or 5m.')).toBeVisible();
  await expect(editor.getByLabel('Fetch every')).toBeFocused();
  await editor.getByLabel('Fetch every').fill('5s');
  await editor.getByText('Template variables', { exact: true }).click();
  await expect(editor.getByTestId('template-variables')).toContainText('$intervalSeconds');
  await expect(editor.getByTestId('template-variables')).toContainText('region');

  await prom.waitForSeries('sum by (version, region) (increase(http_requests_total{app="checkout"}[5s] offset 6s))', 6);
  // The answer held back until the progress has been seen: three metrics, two queries per cohort.
  let release = (): void => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let passed = (): void => {};
  const through = new Promise<void>((resolve) => (passed = resolve));
  await page.route(
    '**/api/previewMetrics',
    async (route) => {
      await held;
      await route.continue();
      passed();
    },
    { times: 1 },
  );
  await editor.getByRole('button', { name: 'Preview' }).click();
  const preview = section.getByTestId('mapping-preview');
  await expect(preview.getByTestId('preview-progress')).toHaveText('Running 12 queries…');
  await expect(preview).toHaveAttribute('aria-busy', 'true');
  await expect(editor.getByRole('button', { name: 'Previewing…' })).toBeVisible();
  await section.screenshot({ path: `${SHOTS}/metrics-preview-running.png` });
  release();
  await through;
  const errors = preview.getByTestId('preview-error_rate');
  await expect(errors.getByTestId('preview-message-error_rate')).toContainText('The baseline has no metrics: nothing matched version="1.3.8" — check the baseline selector');
  await expect(errors.getByTestId('preview-row-error_rate-eu-west')).toBeVisible();
  await expect(errors.getByTestId('preview-row-error_rate-us-east')).toBeVisible();
  await section.screenshot({ path: `${SHOTS}/metrics-preview-empty-baseline.png` });

  // The baseline selector fixed: both cohorts answer, per region.
  await editor.getByLabel('Baseline selector').fill('1.3.9');
  await editor.getByRole('button', { name: 'Preview' }).click();
  for (const metric of ['error_rate', 'p95_latency_ms', 'kpi_conversion']) {
    await expect(preview.getByTestId(`preview-${metric}`)).toContainText('Both cohorts answer');
    await expect(preview.getByTestId(`preview-message-${metric}`)).toHaveText('3 segments');
  }
  await expect(preview.getByTestId('preview-row-p95_latency_ms-eu-west')).toContainText(/\d+(\.\d+)? ms/);
  await page.getByTestId('mapping-preview').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/metrics-preview.png` });

  // Trials over a minute fetched every 5 s would count each request twelve times: refused, in words, before Prometheus is asked.
  const trials = editor.getByLabel('Trials query for Error rate');
  const templated = await trials.inputValue();
  await trials.fill(templated.replace('[$interval]', '[1m]'));
  await editor.getByRole('button', { name: 'Preview' }).click();
  await expect(preview.getByTestId('preview-error_rate')).toContainText('Query refused');
  await expect(preview.getByTestId('preview-message-error_rate')).toHaveText(
    'The error rate trials query reads [1m] windows every 5s, so each request would count in 12 intervals and the guard would take the overlap for evidence: read over [$interval], one step, or fetch every 1m.',
  );
  await expect(preview.getByTestId('preview-p95_latency_ms')).toContainText('Both cohorts answer');
  await page.getByTestId('mapping-preview').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/metrics-preview-overlap.png` });
  await trials.fill(templated);

  // A Prometheus nobody answers on: the provider's error in plain words, per metric.
  await editor.getByLabel('Connection', { exact: true }).selectOption({ label: `${closed} (Prometheus)` });
  await editor.getByRole('button', { name: 'Preview' }).click();
  await expect(preview.getByTestId('preview-error_rate')).toContainText('Unreachable');
  await expect(preview.getByTestId('preview-message-error_rate')).toContainText(`Prometheus at http://127.0.0.1:${closedPort} refused the connection`);

  // Back to the live one and saved: the YAML view shows the mapping as edited.
  await editor.getByLabel('Connection', { exact: true }).selectOption({ label: `${live} (Prometheus)` });
  await editor.getByRole('button', { name: 'Save metrics' }).click();
  await expect(section.getByTestId('metrics-saved')).toBeVisible();
  await expect(section.getByRole('button', { name: 'Edit metrics' })).toBeFocused();
  await page.getByRole('button', { name: 'Show YAML' }).click();
  const yaml = page.getByLabel('Plan as YAML (read-only)');
  await expect(yaml).toHaveValue(new RegExp(`metrics:\\n  connection: ${liveId}\\n  interval: 5s\\n`));
  await expect(yaml).toHaveValue(/baseline: 1\.3\.9\n/);

  // And the other way: a change in the YAML editor shows in the Metrics section.
  await page.getByRole('button', { name: 'Show YAML' }).click();
  await page.getByRole('button', { name: 'Edit as YAML' }).click();
  const text = page.getByLabel('Plan YAML');
  await text.fill((await text.inputValue()).replace('staleAfter: 5m', 'staleAfter: 7m'));
  await page.getByRole('button', { name: 'Check and save' }).click();
  await expect(page.getByTestId('plan-saved')).toBeVisible();
  await expect(section.getByTestId('mapping-summary')).toContainText('stale after 7m');
});

test('the Metrics section of a plan without a mapping: templates fill the gate metrics, an unmapped one is flagged, and refusals sit beside their fields', async ({ page, request }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const suffix = Date.now().toString(36);
  const name = `E2E mapping ${suffix}`;
  const doomed = `E2E doomed ${suffix}`;
  await connection(request, name, prom.url);
  const gone = await connection(request, doomed, prom.url);
  const created = await request.post('/api/createRelease', { headers: { authorization: `Bearer ${E2E_TOKEN}` }, data: { name: `No baseline ${suffix}`, app: `nobase-${suffix}`, version: '2.0.0', target: 'service' } });
  expect(created.ok()).toBe(true);
  const { release } = (await created.json()) as { release: { id: string } };
  await page.goto(`/?token=${E2E_TOKEN}#/releases/${release.id}`);

  const section = page.getByTestId('metrics-section');
  await expect(section).toContainText('No mapping: this release is fed by the simulator or by pushed samples.');
  await section.getByRole('button', { name: 'Map metrics' }).click();
  const editor = section.getByTestId('mapping-editor');
  // The default service plan gates on errors, latency and conversion: none has a query yet.
  await expect(editor.getByTestId('unmapped-summary')).toHaveText('3 gate metrics have no query: Error rate, p95 latency, Checkout conversion.');
  await editor.getByRole('button', { name: 'Insert service template: HTTP errors and p95 latency' }).click();
  await expect(editor.getByTestId('mapping-status')).toContainText('Inserted “HTTP errors and p95 latency”: Error rate, p95 latency.');
  await expect(editor.getByTestId('unmapped-summary')).toHaveText('A gate metric has no query: Checkout conversion.');
  await expect(editor.getByTestId('unmapped-kpi_conversion')).toBeVisible();
  await expect(editor.getByLabel('Region label')).toHaveValue('region');
  await editor.getByLabel('Connection', { exact: true }).selectOption({ label: `${doomed} (Prometheus)` });
  await editor.getByTestId('template-picker').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/metrics-editor.png` });

  // The release was made without a baseline version: the selector must name one.
  await editor.getByRole('button', { name: 'Save metrics' }).click();
  const baseline = editor.getByLabel('Baseline selector');
  await expect(editor.getByText(/^This release has no baseline version to fill \$baselineVersion/)).toBeVisible();
  await expect(baseline).toBeFocused();
  await baseline.fill('1.3.9');
  await editor.getByRole('button', { name: 'Insert business template: Checkout conversion' }).click();
  await expect(editor.getByTestId('unmapped-summary')).toHaveCount(0);

  // The chosen connection removed meanwhile: the host refuses, and says so beside the connection.
  const removed = await request.post('/api/removeConnection', { headers: { authorization: `Bearer ${E2E_TOKEN}` }, data: { id: gone.id, expectedVersion: gone.version } });
  expect(removed.ok()).toBe(true);
  await editor.getByRole('button', { name: 'Save metrics' }).click();
  await expect(editor.getByText('This is not a saved connection: choose one, or add it in Settings ▸ Connections.')).toBeVisible();
  await expect(editor.getByLabel('Connection', { exact: true })).toBeFocused();
  await expect(editor.getByRole('option', { name: `${gone.id} (not a saved connection)` })).toHaveCount(1);
  await editor.getByLabel('Connection', { exact: true }).selectOption({ label: `${name} (Prometheus)` });
  await editor.getByRole('button', { name: 'Save metrics' }).click();
  await expect(section.getByTestId('metrics-saved')).toBeVisible();
  await expect(section.getByTestId('mapped-kpi_conversion')).toContainText('checkout_completed_total');
  await expect(section.getByTestId('mapping-summary')).toContainText('baseline version="1.3.9"');
  await section.screenshot({ path: `${SHOTS}/metrics-summary.png` });

  // Escape leaves the editor without saving, and focus goes back to Edit metrics.
  await section.getByRole('button', { name: 'Edit metrics' }).click();
  await editor.getByLabel('Fetch every').fill('1h');
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();
  await expect(section.getByRole('button', { name: 'Edit metrics' })).toBeFocused();
  await expect(section.getByTestId('mapping-summary')).toContainText('every 60s');
});
