// Check 2: every gate metric returns data for both cohorts now. A release bound to a connection has
// its mapping's queries run (the plan editor's preview): a gate metric left unmapped, a cohort that
// comes back empty (Kayenta's "control has no metrics") or a connection that fails refuses the start.
// Pushed releases are judged on what was pushed lately; a simulated release says that its data is
// simulated — a warning, since that is right for a demo or a rehearsal and wrong for a real rollout.
import { METRICS, type MetricName } from '../domain/metrics.ts';
import type { PreflightCheck, PreflightItem } from '../domain/preflight.ts';
import type { SourceKind } from '../sources/kind.ts';
import { SOURCE_WORDS } from '../sources/kind.ts';
import type { MappingPreview } from '../sources/preview.ts';
import { andMore, check, exactMinutes, listed } from './text.ts';

export type MetricsFacts =
  | { source: 'simulator'; gateMetrics: readonly MetricName[] }
  | {
      source: 'push';
      gateMetrics: readonly MetricName[];
      /** Samples with a value per cohort in the last `windowMinutes`. */
      seen: Partial<Record<MetricName, { canary: number; baseline: number }>>;
      windowMinutes: number;
    }
  | {
      source: Exclude<SourceKind, 'simulator' | 'push'>;
      gateMetrics: readonly MetricName[];
      connectionName: string | null;
      /** The metrics the plan's mapping has a query for. */
      mapped: readonly MetricName[];
      /** What the queries returned now; null when they could not be run (see `problem`). */
      preview: MappingPreview | null;
      /** Why the queries could not be run at all: no mapping, the connection gone, its secrets not opening. */
      problem: string | null;
    };

const label = (m: MetricName): string => METRICS[m]?.label ?? m;
const lower = (m: MetricName): string => label(m).charAt(0).toLowerCase() + label(m).slice(1);

export function metricsCheck(facts: MetricsFacts): PreflightCheck {
  if (facts.gateMetrics.length === 0) {
    return check('metrics', { outcome: 'pass', finding: 'No gate reads a metric, so there is nothing to fetch.', fix: null, items: [] });
  }
  if (facts.source === 'simulator') return simulated(facts.gateMetrics);
  if (facts.source === 'push') return pushed(facts);
  return connected(facts);
}

function simulated(metrics: readonly MetricName[]): PreflightCheck {
  return check('metrics', {
    outcome: 'warn',
    finding: 'This release’s data is simulated: its gates will judge the built-in simulator’s numbers, not your users’.',
    fix: 'Right for a demo or a rehearsal. For a real rollout, give the plan a metric mapping (a connection and a query per gate metric) so the guard reads Prometheus, Datadog or Sentry.',
    items: metrics.map((m) => ({ subject: m, outcome: 'warn', text: `${label(m)}: simulated canary and baseline` })),
  });
}

function pushed(facts: Extract<MetricsFacts, { source: 'push' }>): PreflightCheck {
  const window = exactMinutes(facts.windowMinutes);
  const items: PreflightItem[] = facts.gateMetrics.map((m) => {
    const seen = facts.seen[m] ?? { canary: 0, baseline: 0 };
    const missing = (['canary', 'baseline'] as const).filter((c) => seen[c] === 0);
    if (missing.length === 0) return { subject: m, outcome: 'pass', text: `${label(m)}: ${seen.canary} canary and ${seen.baseline} baseline samples pushed in the last ${window}` };
    return { subject: m, outcome: 'fail', text: `${label(m)}: no ${listed(missing)} samples pushed in the last ${window}` };
  });
  const failing = items.filter((i) => i.outcome === 'fail');
  if (failing.length === 0) return check('metrics', { finding: `Both cohorts of every gate metric were pushed in the last ${window}.`, fix: null, items });
  return check('metrics', {
    finding: `${failing[0]!.text}${andMore(failing.length - 1, 'metrics')}: the guard would see no data.`,
    fix: 'Push canary and baseline samples for every gate metric (ingestSamples, or npm run cli -- ingest) before starting, or bind the plan to a connection.',
    items,
  });
}

function connected(facts: Extract<MetricsFacts, { source: 'prometheus' | 'datadog' | 'sentry' }>): PreflightCheck {
  const where = `${SOURCE_WORDS[facts.source]}${facts.connectionName ? ` “${facts.connectionName}”` : ''}`;
  if (facts.problem !== null || facts.preview === null) {
    return check('metrics', {
      outcome: 'fail',
      finding: `The gate metrics could not be queried on ${where}: ${facts.problem ?? 'no answer'}.`,
      fix: 'Fix the connection in Settings ▸ Connections (Test connection says what is wrong) or the plan’s metric mapping, then run the pre-flight again.',
      items: facts.gateMetrics.map((m) => ({ subject: m, outcome: 'fail', text: `${label(m)}: not queried` })),
    });
  }
  const gate = new Set(facts.gateMetrics);
  const results = new Map(facts.preview.metrics.map((p) => [p.metric, p]));
  const items: PreflightItem[] = [];
  const fixes = new Set<string>();
  for (const m of facts.gateMetrics) {
    if (!facts.mapped.includes(m)) {
      items.push({ subject: m, outcome: 'fail', text: `${label(m)}: a gate reads it, but the metric mapping has no query for it, so the guard would never see it` });
      fixes.add(`Map ${lower(m)} in the plan’s metrics (a query for it, events over trials for a rate).`);
    }
  }
  for (const p of facts.preview.metrics) {
    const gated = gate.has(p.metric);
    if (p.ok) {
      items.push({ subject: p.metric, outcome: 'pass', text: `${label(p.metric)}: ${p.message}` });
      continue;
    }
    items.push({ subject: p.metric, outcome: gated ? 'fail' : 'warn', text: `${label(p.metric)}${gated ? '' : ' (charted, not gated)'}: ${p.message}` });
    fixes.add(
      p.problem === null
        ? 'Fix the cohort selector in the plan’s metric mapping, or deploy and scrape that cohort; Preview in the plan editor runs the queries again.'
        : 'Fix the connection (Settings ▸ Connections, Test connection) or the query the message names, then run the pre-flight again.',
    );
  }
  for (const m of facts.mapped) {
    if (!results.has(m)) items.push({ subject: m, outcome: gate.has(m) ? 'fail' : 'warn', text: `${label(m)}: not answered` });
  }
  const worst = items.filter((i) => i.outcome === 'fail');
  const warned = items.filter((i) => i.outcome === 'warn');
  if (worst.length > 0) {
    return check('metrics', { finding: `${worst[0]!.text}${andMore(worst.length - 1, 'metrics')}.`, fix: [...fixes].join(' '), items });
  }
  const both = `Both cohorts of every gate metric answer on ${where} now`;
  if (warned.length > 0) return check('metrics', { finding: `${both}; ${warned[0]!.text}.`, fix: [...fixes].join(' '), items });
  return check('metrics', { finding: `${both}.`, fix: null, items });
}
