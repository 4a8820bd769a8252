import type { Input } from '../../../shared/contract.ts';
import type { ConnectionView } from '../../../shared/domain/connections.ts';
import type { TargetKind } from '../../../shared/domain/release.ts';
import type { Plan } from '../../../shared/plans/plan.ts';
import { planFromYaml } from '../../../shared/plans/yaml.ts';
import type { InputIssue } from '../../../shared/result.ts';
import type { MetricMapping } from '../../../shared/sources/mapping.ts';

/** What the new-release form holds, as typed. */
export interface NewReleaseFields {
  name: string;
  app: string;
  version: string;
  target: TargetKind;
  /** The target's default plan, or one read from YAML. */
  planSource: 'default' | 'yaml';
  yaml: string;
  /** The connection the plan's mapping runs on (replaces the one the file names). */
  connection: string;
  baselineVersion: string;
}

export type NewReleaseField = 'name' | 'app' | 'version' | 'target' | 'yaml' | 'connection' | 'baselineVersion';
export type NewReleaseProblems = Partial<Record<NewReleaseField, string>>;

export type PlanRead = { ok: true; plan: Plan } | { ok: false; message: string; issues: InputIssue[] };

/** The plan in the YAML box, read as the host would read it (line and field named), or null while it is empty. */
export function readPlan(yaml: string): PlanRead | null {
  if (!yaml.trim()) return null;
  const r = planFromYaml(yaml);
  return r.ok ? { ok: true, plan: r.value } : { ok: false, message: r.error.message, issues: r.error.issues ?? [] };
}

/** Whether either selector compares with `$baselineVersion`: then the release needs one. */
export const usesBaselineVersion = (mapping: Pick<MetricMapping, 'cohorts'> | undefined): boolean =>
  !!mapping && [mapping.cohorts.canary, mapping.cohorts.baseline].some((s) => s.includes('$baselineVersion'));

/** The connection to start from: the one the plan names when it is saved, else the only one there is. */
export function initialConnection(mapping: MetricMapping | undefined, connections: readonly ConnectionView[] | null): string {
  if (!mapping || !connections) return '';
  if (connections.some((c) => c.id === mapping.connection)) return mapping.connection;
  return connections.length === 1 ? connections[0]!.id : '';
}

/** One line on what a plan from YAML does: its stages and, if it maps metrics, which and through what. */
export function planSummary(plan: Plan): string {
  const stages = `${plan.stages.length} stage${plan.stages.length === 1 ? '' : 's'} (${plan.stages.map((s) => s.label).join(' → ')})`;
  const metrics = plan.metrics ? `; reads ${Object.keys(plan.metrics.queries).join(', ')} through a connection` : '; no metric mapping (the simulator feeds it)';
  return `“${plan.name}” for ${plan.target}: ${stages}${metrics}.`;
}

const NEEDS_BASELINE = 'The plan compares the canary with $baselineVersion: give the version running as baseline, e.g. 1.3.9.';
const NOT_SAVED = 'This is not a saved connection: choose one, or add it in Settings ▸ Connections.';

export type NewReleaseCheck = { ok: true; input: Input<'createRelease'> } | { ok: false; problems: NewReleaseProblems };

/** The few checks worth making before asking the host, in the form's words; the host checks the rest. */
export function newReleaseInput(f: NewReleaseFields, connections: readonly ConnectionView[] | null): NewReleaseCheck {
  const problems: NewReleaseProblems = {};
  if (!f.name.trim()) problems.name = 'Name the release.';
  if (!f.app.trim()) problems.app = 'Say which app or service ships.';
  if (!f.version.trim()) problems.version = 'Give the version that ships, e.g. 1.4.0.';
  let plan: Plan | undefined;
  if (f.planSource === 'yaml') {
    const read = readPlan(f.yaml);
    if (!read) problems.yaml = 'Paste a plan, or load one from a file.';
    else if (!read.ok) problems.yaml = read.message;
    else plan = read.plan;
  }
  const mapping = plan?.metrics;
  if (mapping) {
    if (!f.connection) problems.connection = connections?.length === 0 ? 'Add a connection in Settings ▸ Connections first.' : 'Choose the connection the plan’s queries run on.';
    if (usesBaselineVersion(mapping) && !f.baselineVersion.trim()) problems.baselineVersion = NEEDS_BASELINE;
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const target = plan ? plan.target : f.target;
  return {
    ok: true,
    input: {
      name: f.name.trim(),
      app: f.app.trim(),
      version: f.version.trim(),
      target,
      ...(plan ? { plan: mapping ? { ...plan, metrics: { ...mapping, connection: f.connection } } : plan } : {}),
      ...(f.baselineVersion.trim() ? { baselineVersion: f.baselineVersion.trim() } : {}),
    },
  };
}

/** The host's issues beside their fields (`baselineVersion`, `plan.metrics.connection`, `version`); the rest stay general. */
export function newReleaseProblems(issues: readonly InputIssue[]): { fields: NewReleaseProblems; rest: InputIssue[] } {
  const fields: NewReleaseProblems = {};
  const rest: InputIssue[] = [];
  for (const issue of issues) {
    const field: NewReleaseField | null =
      issue.path === 'baselineVersion'
        ? 'baselineVersion'
        : issue.path === 'plan.metrics.connection'
          ? 'connection'
          : issue.path.startsWith('plan.')
            ? 'yaml'
            : (['name', 'app', 'version', 'target'] as const).find((k) => k === issue.path) ?? null;
    if (!field) rest.push(issue);
    else {
      const words = field === 'connection' ? NOT_SAVED : field === 'baselineVersion' ? NEEDS_BASELINE : field === 'yaml' ? `${issue.path.slice(5)}: ${issue.message}` : issue.message;
      fields[field] = fields[field] ? `${fields[field]} ${words}` : words;
    }
  }
  return { fields, rest };
}
