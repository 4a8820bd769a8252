// `npm test`: typecheck, lint, a check that every test asserts something, unit and integration (Vitest), then end to end (Playwright in Debian's Chromium).
// Every step runs even when one fails, so one run shows everything; the last line sums up the tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

interface Step {
  name: string;
  command: string[];
  report?: string;
}

const steps: Step[] = [
  { name: 'typecheck', command: ['npx', 'tsc', '-b'] },
  { name: 'lint', command: ['npx', 'eslint', '--max-warnings', '0', '.'] },
  { name: 'every test asserts', command: ['node', 'scripts/test-assertions.ts'] },
  { name: 'unit + integration', command: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json'], report: 'test-results/vitest.json' },
  { name: 'build renderer', command: ['node', 'scripts/serve.ts', '--build-only'] },
  { name: 'end to end', command: ['npx', 'playwright', 'test'], report: 'test-results/e2e.json' },
];

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  /** Names of the skipped tests, so the summary says what did not run. */
  skippedNames: string[];
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults?: { name: string; assertionResults?: { fullName: string; status: string }[] }[];
}

interface PlaywrightSuite {
  specs?: { title: string; tests?: { status: string }[] }[];
  suites?: PlaywrightSuite[];
}

function skippedSpecs(suites: PlaywrightSuite[] = []): string[] {
  return suites.flatMap((suite) => [
    ...(suite.specs ?? []).filter((spec) => spec.tests?.some((t) => t.status === 'skipped')).map((spec) => spec.title),
    ...skippedSpecs(suite.suites),
  ]);
}

function countsFrom(step: Step): Counts {
  if (!step.report || !fs.existsSync(step.report)) return { passed: 0, failed: 0, skipped: 0, skippedNames: [] };
  const report = JSON.parse(fs.readFileSync(step.report, 'utf8')) as Record<string, unknown>;
  if (step.name === 'end to end') {
    const stats = report.stats as { expected: number; unexpected: number; flaky: number; skipped: number };
    return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped, skippedNames: skippedSpecs(report.suites as PlaywrightSuite[]) };
  }
  const r = report as unknown as VitestReport;
  const skippedNames = (r.testResults ?? []).flatMap((file) =>
    (file.assertionResults ?? []).filter((a) => a.status === 'pending' || a.status === 'skipped' || a.status === 'todo').map((a) => a.fullName),
  );
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests, skippedNames };
}

fs.rmSync('test-results', { recursive: true, force: true });
const total: Counts = { passed: 0, failed: 0, skipped: 0, skippedNames: [] };
const failedSteps: string[] = [];
const started = performance.now();
for (const step of steps) {
  const t0 = performance.now();
  console.log(`\n▶ ${step.name}: ${step.command.join(' ')}`);
  const run = spawnSync(step.command[0]!, step.command.slice(1), { stdio: 'inherit' });
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  const counts = countsFrom(step);
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
  total.skippedNames.push(...counts.skippedNames);
  if (run.status !== 0) failedSteps.push(step.name);
  console.log(`■ ${step.name}: ${run.status === 0 ? 'ok' : `FAILED (exit ${run.status ?? run.signal})`} in ${seconds} s`);
}
console.log(`\nnpm test took ${((performance.now() - started) / 1000).toFixed(1)} s${failedSteps.length ? `; failed steps: ${failedSteps.join(', ')}` : ''}`);
for (const name of total.skippedNames) console.log(`skipped (did not run): ${name}`);
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
