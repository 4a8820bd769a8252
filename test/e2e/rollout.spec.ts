import type { Page } from '@playwright/test';
import { expect, test, E2E_TOKEN, E2E_VIEWER_TOKEN } from './fixture.ts';

/**
 * internal 0% → 1% → 10% → 50% → 100%, manual, pausing on failure, with one relative gate on p95 per
 * region. The gate waits for 600 samples rather than 100: at 10 % exposure the simulator sends
 * about 120 canary samples per region per tick, and judged on a single noisy tick a healthy region
 * fails about one time in ten (three regions: ~30 %), so the guard could pause before the fault;
 * at 600 (five ticks per region, two for the total) that chance is well under 1 %.
 */
function planYaml(): string {
  const gate = ['      - id: latency', '        kind: relative', '        metric: p95_latency_ms', '        op: lte', '        factor: 1.2', '        segments: [region]', '        minSamples: 600'];
  const stage = (label: string, exposure: number, last = false) => [
    `  - label: "${label}"`,
    `    exposure: ${exposure}`,
    '    minSoak: 0',
    '    minSamples: 0',
    '    promotion: manual',
    '    onFailure: pause',
    ...(last ? ['    gates: []'] : ['    gates:', ...gate]),
  ];
  return [
    'name: E2E service canary',
    'target: service',
    'stages:',
    ...stage('internal', 0),
    ...stage('1%', 1),
    ...stage('10%', 10),
    ...stage('50%', 50),
    ...stage('100%', 100, true),
    '',
  ].join('\n');
}

async function decide(page: Page, action: string, reason: string) {
  await page.getByRole('button', { name: action, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Reason', { exact: true }).fill(reason);
  await dialog.getByRole('button', { name: 'Record decision' }).click();
  await expect(dialog).toBeHidden();
}

/**
 * Goes on before the guard would: the dialog names what is unmet and takes an override reason. The
 * caller waits until the gate has data at this stage and is not decided, so the dialog names exactly that.
 */
async function decideWithOverride(page: Page, action: string, reason: string) {
  await page.getByRole('button', { name: action, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Reason', { exact: true }).fill(reason);
  await dialog.getByRole('button', { name: 'Record decision' }).click();
  const section = dialog.getByTestId('override-section');
  await expect(section).toContainText('gate latency not decided yet');
  await expect(section).not.toContainText('has no data');
  await dialog.getByLabel('Override reason', { exact: true }).selectOption({ label: 'Known issue' });
  await dialog.getByRole('button', { name: 'Record decision' }).click();
  await expect(dialog).toBeHidden();
}

test('a new user creates a train, cuts and rolls a release, and a simulated regression in eu-west pauses it until overridden', async ({ page, browser }) => {
  test.setTimeout(120_000);
  // Unique per run, so a repeat against the same host never collides with an earlier train.
  const suffix = `${Date.now().toString(36)}${test.info().repeatEachIndex}`;
  const TRAIN_NAME = `Checkout API weekly ${suffix}`;
  const TRAIN_ID = `checkout-api-weekly-${suffix}`;
  const APP = `checkout-e2e-${suffix}`;
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });

  await page.goto(`/?token=${E2E_TOKEN}`);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trains' }).click();
  await expect(page.getByRole('heading', { name: 'Trains', level: 1 })).toBeVisible();

  // A new train, its plan typed as YAML; a plan that does not reach 100 % is refused in the browser, with its line.
  await page.getByRole('button', { name: 'New train' }).click();
  const form = page.getByTestId('new-train-form');
  await form.getByLabel('Name', { exact: true }).fill(TRAIN_NAME);
  await expect(form.getByLabel('Id (slug)', { exact: true })).toHaveValue(TRAIN_ID);
  await form.getByLabel('App', { exact: true }).fill(APP);
  await form.getByLabel('Target', { exact: true }).selectOption({ label: 'Service' });
  await form.getByLabel('Cadence', { exact: true }).selectOption({ label: 'Weekly' });
  await form.getByLabel('Kickoff weekday', { exact: true }).selectOption({ label: 'Monday' });
  await form.getByLabel('Kickoff time (UTC)', { exact: true }).fill('09:00');
  await expect(form.getByTestId('kickoff-hint')).toContainText('at or before now');
  await form.getByLabel('Monitoring rotation', { exact: true }).fill('dana, eli');
  await form.getByRole('radio', { name: 'Plan YAML' }).check();
  const yamlBox = form.getByRole('textbox', { name: 'Plan YAML' });
  await yamlBox.fill(planYaml().replace('exposure: 100', 'exposure: 90'));
  // Phases: QA owns validation, with one more item on its checklist; submission typed before validation is refused next to its day.
  const validation = form.getByTestId('phase-editor-validation');
  await validation.getByLabel('Owner', { exact: true }).fill('Mia (QA)');
  const addItem = validation.getByLabel('Add to the Validation checklist', { exact: true });
  await addItem.fill('Accessibility pass');
  await addItem.press('Enter');
  await expect(validation.getByLabel('Validation item 3', { exact: true })).toHaveValue('Accessibility pass');
  const submissionDay = form.getByTestId('phase-editor-submission').getByLabel('Day after kickoff', { exact: true });
  await submissionDay.fill('2');
  await form.getByRole('button', { name: 'Create train' }).click();
  await expect(form.getByTestId('train-plan-issues')).toContainText(/line \d+: stages\.4\.exposure — the last stage must reach 100%/);
  await expect(form.getByTestId('phase-editor-submission')).toContainText('day 2 is before Validation (day 3)');
  await expect(submissionDay).toHaveAttribute('aria-invalid', 'true');
  await submissionDay.fill('4');
  await yamlBox.fill(planYaml());
  await form.getByRole('button', { name: 'Create train' }).click();

  // The train's page: its current run is under way, dana watches it, the checklist can be ticked.
  await expect(page).toHaveURL(new RegExp(`#/trains/${TRAIN_ID}$`));
  const card = page.getByTestId(`train-${TRAIN_ID}`);
  await expect(card.getByTestId('on-watch-current')).toHaveText('On watch: dana');
  await expect(card.getByTestId('on-watch-next')).toHaveText('On watch: eli');
  const current = card.getByTestId('run-current');
  const branchCut = current.getByRole('checkbox', { name: 'Release branch cut' });
  await branchCut.check();
  await expect(branchCut).toBeChecked();
  await expect(current.getByTestId('phase-validation')).toContainText('Owner: Mia (QA)');
  await expect(current.getByTestId('phase-validation').getByRole('checkbox', { name: 'Accessibility pass' })).toBeVisible();

  // Edited in place: the staged rollout gets its own owner and loses an item; the run shows it without a reload.
  await page.getByRole('button', { name: 'Edit train' }).click();
  const editForm = page.getByTestId('edit-train-form');
  await expect(editForm.getByLabel('Id (slug)', { exact: true })).toHaveValue(TRAIN_ID);
  const staged = editForm.getByTestId('phase-editor-staged_rollout');
  await staged.getByLabel('Owner', { exact: true }).fill('eli');
  await staged.getByRole('button', { name: 'Remove “On-call briefed” from the Staged rollout checklist' }).click();
  await editForm.getByRole('button', { name: 'Save train' }).click();
  await expect(editForm).toBeHidden();
  await expect(current.getByTestId('phase-staged_rollout')).toContainText('Owner: eli');
  await expect(current.getByRole('list', { name: 'Staged rollout checklist' }).getByRole('listitem')).toHaveText(['Gates reviewed']);
  await expect(branchCut).toBeChecked();

  // A viewer sees the train but no way to edit it; its own context, since the session is a cookie.
  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  // The role known first, so the missing button is the viewer's and not a page still loading.
  await viewer.goto(`/?token=${E2E_VIEWER_TOKEN}#/settings`);
  await expect(viewer.getByTestId('info-role')).toHaveText('Viewer (read-only)');
  await viewer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trains' }).click();
  await viewer.getByRole('link', { name: TRAIN_NAME }).click();
  await expect(viewer).toHaveURL(new RegExp(`#/trains/${TRAIN_ID}$`));
  await expect(viewer.getByTestId(`train-${TRAIN_ID}`).getByTestId('run-current').getByTestId('phase-validation')).toContainText('Owner: Mia (QA)');
  await expect(viewer.getByRole('button', { name: 'Edit train' })).toHaveCount(0);
  await viewerContext.close();

  // Cut 9.9.0 from the run: the release opens, planned, on the train's plan.
  await card.getByLabel('Version', { exact: true }).fill('9.9.0');
  await card.getByRole('button', { name: 'Cut release' }).click();
  await expect(page).toHaveURL(/#\/releases\/.*9\.9\.0/);
  await expect(page.getByTestId('release-status')).toHaveText(/planned/i);
  await expect(page.getByTestId('plan-stages')).toContainText('p95 latency ≤ baseline × 1.2');
  await expect(page.getByTestId('plan-stage-0')).toContainText('Editable');
  // Before the start nothing of this release has been seen: how long its stages need is unknown, and says so.
  await expect(page.getByTestId('readiness-banner')).toContainText('Traffic unknown');
  await expect(page.getByTestId('plan-readiness-0')).toContainText('traffic unknown');

  // A plan edit that breaks the plan is refused with line and field, and the text is kept.
  await page.getByRole('button', { name: 'Edit as YAML' }).click();
  const planBox = page.getByLabel('Plan YAML', { exact: true });
  await planBox.fill('name: broken\ntarget: service\nstages: []\n');
  await page.getByRole('button', { name: 'Check and save' }).click();
  await expect(page.getByTestId('plan-errors')).toContainText(/line 3: stages — a plan needs at least one stage/);
  await expect(planBox).toHaveValue(/name: broken/);
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();

  // Start, then promote twice before the gate has decided, each time with an override: internal → 1% → 10%.
  await decide(page, 'Start', 'Train cut, internal canary first');
  await expect(page.getByTestId('release-status')).toHaveText(/rolling/i);
  // Just started, the gate has not decided: the panel says how far its evidence has come and how long it still needs.
  const gatePanel = page.getByTestId('gate-panel');
  await expect(gatePanel.getByTestId('gate-evidence-latency')).toContainText(/evidence \d+\.\d \/ \d+\.\d to fail\s*\d+\.\d \/ \d+\.\d to pass/, { timeout: 30_000 });
  await expect(gatePanel.getByTestId('gate-needs-latency')).toHaveText(/^needs (≈|<) .+ at 0%$/, { timeout: 30_000 });
  await expect(gatePanel.getByTestId('gate-verdict')).toHaveText('Inconclusive');
  await decideWithOverride(page, 'Promote', 'Internal traffic looks fine');
  await expect(page.getByTestId('stage-1')).toHaveAttribute('aria-current', 'step');
  // The new stage has no data until the simulator's next tick; promoting is decided on what it then shows.
  await expect(gatePanel.getByTestId('gate-verdict')).toHaveText('Inconclusive', { timeout: 30_000 });
  await decideWithOverride(page, 'Promote', 'One percent looks fine');
  await expect(page.getByTestId('stage-2')).toHaveAttribute('aria-current', 'step');
  await expect(page.getByTestId('plan-stage-1')).toContainText('History');

  // Rehearse a regression: p95 doubles in eu-west.
  const sim = page.getByTestId('simulator-panel');
  await expect(sim.getByRole('heading')).toHaveText('Simulator (demo and rehearsal data only)');
  await sim.getByLabel('Metric', { exact: true }).selectOption({ label: 'p95 latency' });
  // Only the regions the simulator plays are offered; a service's traffic has no device classes to choose.
  await expect(sim.getByLabel('Region', { exact: true }).locator('option')).toHaveText(['All', 'ap-south', 'eu-west', 'us-east']);
  await expect(sim.getByLabel('Device', { exact: true })).toHaveCount(0);
  await sim.getByLabel('Region', { exact: true }).selectOption('eu-west');
  await sim.getByLabel('Factor', { exact: true }).fill('2');
  await sim.getByRole('button', { name: 'Inject fault' }).click();
  await expect(sim.getByTestId('simulator-status')).toContainText('Fault injected');
  await expect(sim.getByTestId('fault-list')).toContainText('region eu-west');

  // The gate fails in eu-west and the guard pauses the release on its own.
  const gates = page.getByTestId('gate-panel');
  await expect(gates.getByTestId('segment-fail-region-eu-west')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('release-status')).toHaveText(/paused/i, { timeout: 60_000 });
  await expect(gates.getByTestId('gate-verdict')).toHaveText('Fail');

  // The charts show it too: eu-west breaks alone among the regions, the p95 chart draws its limit,
  // gives the gate's verdict, and marks the guard's pause on its time axis.
  const multiples = page.getByTestId('segment-multiples');
  await expect(multiples.getByRole('heading')).toHaveText('p95 latency by region');
  await expect(multiples.getByTestId('segment-chart-eu-west')).toHaveAttribute('data-breaking', 'true');
  await expect(multiples.getByTestId('segment-chart-eu-west')).toContainText('Breaking');
  for (const region of ['ap-south', 'us-east']) await expect(multiples.getByTestId(`segment-chart-${region}`)).toHaveAttribute('data-breaking', 'false');
  const p95 = page.getByTestId('chart-p95_latency_ms');
  await expect(p95.getByTestId('chart-verdict-badge-p95_latency_ms')).toHaveText('Fail');
  await expect(p95.getByTestId('chart-judge-p95_latency_ms')).toContainText(/evidence \d+\.\d of \d+\.\d/);
  await expect(p95.getByTestId('chart-limit-legend')).toHaveText('Limit (baseline × 1.2)');
  await expect(p95.locator('.limit-line path')).toHaveAttribute('d', /^M[\d.]+,[\d.]+L/);
  await expect(p95.locator('.decision-marker-guard')).toHaveCount(1);
  await expect(p95.locator('svg text', { hasText: 'pause (guard)' })).toBeVisible();

  const guardDecision = page.getByTestId('decision-item').filter({ hasText: 'Guard (automatic)' }).first();
  await expect(guardDecision).toContainText(/pause/i);
  const evidenceButton = guardDecision.getByRole('button', { name: 'Evidence' });
  await expect(evidenceButton).toHaveAttribute('aria-expanded', 'false');
  await evidenceButton.click();
  await expect(evidenceButton).toHaveAttribute('aria-expanded', 'true');
  const evidence = guardDecision.getByTestId('decision-evidence');
  // The guard paused on eu-west alone (the total was still far from deciding): its row says fail, with
  // its canary above its limit, and the other regions neither fail nor stand over theirs.
  await expect(evidence).toContainText('eu-west');
  const segmentRow = (region: string) => evidence.getByTestId(`evidence-segment-region-${region}`);
  const cellNumber = async (region: string, column: number) => Number(await segmentRow(region).locator('td').nth(column).innerText());
  await expect(segmentRow('eu-west').locator('td').nth(4)).toHaveText('fail');
  expect(await cellNumber('eu-west', 0)).toBeGreaterThan(await cellNumber('eu-west', 1));
  // Its evidence then against its boundary: a failing segment's is across it.
  const [gathered, needed] = (await segmentRow('eu-west').locator('td').nth(3).innerText()).split(' / ').map(Number);
  expect(gathered).toBeGreaterThanOrEqual(needed!);
  for (const region of ['ap-south', 'us-east']) {
    await expect(segmentRow(region).locator('td').nth(4)).not.toContainText('fail');
    expect(await cellNumber(region, 0)).toBeLessThanOrEqual(await cellNumber(region, 1));
  }
  await expect(evidence.getByTestId('evidence-chart-p95_latency_ms')).toBeVisible();
  // The p95 evidence chart shows the segment that broke, named, before the total.
  const segmentChart = evidence.getByTestId('evidence-segment-chart-p95_latency_ms');
  await expect(segmentChart.getByTestId('evidence-chart-segment')).toHaveText('· region eu-west where latency fails');
  await expect(segmentChart.locator('.series-canary')).toHaveCount(1);
  // Drawn as the live charts are by default, in means over buckets (raw 10 s samples of one region read as noise), and said so.
  await expect(segmentChart.getByTestId('evidence-bucket-legend')).toHaveText(/^\d+ (s|min) means$/);
  await expect(segmentChart.locator('.canary-band')).toHaveCount(1);
  await expect(segmentChart.locator('.series-baseline')).toHaveCount(1);
  // The limit the gate judged it against then is drawn over it, and named.
  await expect(segmentChart.locator('.limit-line path')).toHaveAttribute('d', /^M[\d.]+,[\d.]+L/);
  await expect(segmentChart.getByTestId('evidence-limit-legend')).toHaveText('limit (baseline × 1.2)');
  await expect(evidence.getByTestId('evidence-chart-p95_latency_ms')).toContainText('all segments');
  // The sentence saying the data was simulated wraps inside the evidence rather than running past its edge.
  const [badge, block] = await Promise.all([evidence.getByTestId('evidence-source').boundingBox(), evidence.boundingBox()]);
  if (!badge || !block) throw new Error('the evidence is not on screen');
  expect(badge.x + badge.width).toBeLessThanOrEqual(block.x + block.width + 0.5);

  // Resuming against a failing gate needs an override: reason code and expiry.
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('override-section')).toContainText('latency');
  await dialog.getByLabel('Reason', { exact: true }).fill('Known slow cache warm-up in eu-west; watching it');
  await dialog.getByRole('button', { name: 'Record decision' }).click();
  await expect(dialog.getByText('Choose why you override the failing gates.')).toBeVisible();
  await dialog.getByLabel('Override reason', { exact: true }).selectOption({ label: 'Known issue' });
  await dialog.getByLabel('Override expires in', { exact: true }).selectOption({ label: '1 h' });
  await dialog.getByRole('button', { name: 'Record decision' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId('release-status')).toHaveText(/rolling/i);
  await expect(gates.getByTestId('gate-overrides')).toContainText('Known issue');
  await expect(gates.getByTestId('gate-overrides')).toContainText(/latency overridden by \S+: Known issue · expires/);
  await expect(page.getByTestId('decision-item').first()).toContainText('Resume');
  // With the failing gate overridden the guard finds the manual stage ready: the banner says the gate is overridden, by whom and until when, not that it passes.
  const banner = page.getByTestId('approval-banner');
  await expect(banner).toContainText(/latency overridden by \S+ \(Known issue\) until \d/, { timeout: 30_000 });
  await expect(banner).not.toContainText('its gates pass');

  // The timeline has it all, in order.
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toContainText('Simulated fault');
  await expect(timeline).toContainText('Guard: pause');
  await expect(timeline).toContainText('override: known issue');

  // The decision log finds the guard's decision by actor.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decisions' }).click();
  await page.getByLabel('Actor', { exact: true }).fill('guard');
  await expect(page.getByTestId('decision-log').getByTestId('decision-item').filter({ hasText: 'eu-west' }).first()).toBeVisible();

  expect(cspViolations).toEqual([]);
});

test('a flag is set to a percentage in production, with a reason', async ({ page }) => {
  await page.goto(`/?token=${E2E_TOKEN}#/flags`);
  const row = page.getByTestId('flag-row-checkout.new-payment-sheet');
  await expect(row).toBeVisible();
  // Expired flags are on top, marked, with their owner.
  await expect(page.getByTestId(/^flag-row-/).first()).toContainText('Expired');

  await row.getByRole('button', { name: 'Change checkout.new-payment-sheet in production' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: 'Percentage' }).check();
  await dialog.getByLabel('Percentage of users', { exact: true }).fill('25');
  await dialog.getByRole('button', { name: 'Set state' }).click();
  await expect(dialog.getByText(/at least 3 characters/)).toBeVisible();
  await dialog.getByLabel('Reason', { exact: true }).fill('Ramp to a quarter after a clean day at 5%');
  await dialog.getByRole('button', { name: 'Set state' }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId('flag-state-checkout.new-payment-sheet-production')).toHaveText('25%');

  await page.getByLabel('Needs attention', { exact: true }).check();
  await expect(row).toBeHidden();
  await expect(page.getByTestId('flag-row-legacy.promo-banner')).toBeVisible();
});
