import { gateMetricsOf, planFromYaml, type MetricName, type Plan } from '../../shared/index.ts';
import { FileProblems } from './csv/table.ts';
import { readText } from './io.ts';

/** A PLAN.yaml as the plan editor writes it, or its problems naming the file, line and column. */
export function readPlan(file: string): Plan {
  const parsed = planFromYaml(readText(file));
  if (parsed.ok) return parsed.value;
  throw new FileProblems(
    (parsed.error.issues ?? []).map((i) => `${file}: line ${i.line ?? 1}${i.column ? `, column ${i.column}` : ''}${i.path && i.path !== '(yaml)' ? `, ${i.path}` : ''}: ${i.message}`),
  );
}

/** A plan to judge a recording by, and the metrics its gates read; a plan without gates is its file's problem, said once. */
export function readGatedPlan(file: string, purpose: 'backtest' | 'check'): { plan: Plan; gated: MetricName[] } {
  const plan = readPlan(file);
  const gated = gateMetricsOf(plan.stages);
  if (gated.length === 0) throw new FileProblems([`${file}: no stage has gates, so there is nothing to ${purpose}`]);
  return { plan, gated };
}
