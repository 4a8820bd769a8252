// A scenario as the files the CLI backtest reads: samples and schedule as CSV (columns named as the
// BacktestRow / ScheduleRow fields), the plan as the YAML the plan editor imports.
import { planToYaml } from '../../plans/yaml.ts';
import type { Scenario } from './types.ts';

export const SAMPLE_COLUMNS = ['t', 'cohort', 'metric', 'value', 'weight', 'region', 'device', 'tenant'] as const;
export const SCHEDULE_COLUMNS = ['t', 'stage'] as const;

/** A missing value is an empty field; NaN is written as NaN, as Prometheus and most exporters write it. */
const number = (v: number | null): string => (v === null ? '' : String(v));

/** Segment keys are plain words here, but a comma or quote must not shift the columns. */
function text(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export interface ScenarioFiles {
  samplesCsv: string;
  scheduleCsv: string;
  planYaml: string;
}

export function scenarioToCsv(scenario: Pick<Scenario, 'rows' | 'schedule' | 'plan'>): ScenarioFiles {
  const samples = scenario.rows.map((r) => [String(r.t), r.cohort, r.metric, number(r.value), String(r.weight), text(r.region), text(r.device), text(r.tenant)].join(','));
  const schedule = scenario.schedule.map((s) => `${s.t},${s.stage}`);
  return {
    samplesCsv: [SAMPLE_COLUMNS.join(','), ...samples].join('\n') + '\n',
    scheduleCsv: [SCHEDULE_COLUMNS.join(','), ...schedule].join('\n') + '\n',
    planYaml: planToYaml(scenario.plan),
  };
}
