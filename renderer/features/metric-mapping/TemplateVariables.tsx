import { Duration, durationSeconds } from '../../../shared/plans/duration.ts';
import { TEMPLATE_VARIABLES } from '../../../shared/sources/mapping.ts';
import { renderTemplate } from '../../../shared/sources/template.ts';
import type { MappingForm } from './mappingForm.ts';

export interface ReleaseVars {
  version: string;
  baselineVersion: string;
  app: string;
  release: string;
}

/** A cohort selector as Prometheus would be asked for it: `version="1.4.0"`; an unknown variable is left showing. */
export function renderSelector(label: string, selector: string, vars: ReleaseVars): string {
  if (selector.includes('$baselineVersion') && !vars.baselineVersion) return `${label.trim() || '?'}=? (this release has no baseline version)`;
  const r = renderTemplate(selector, { ...vars });
  const value = r.ok ? r.text : selector;
  return `${label.trim() || '?'}="${value}"`;
}

/** What each variable stands for, and what it is for this release (canary / baseline where they differ). */
export function variableValues(form: MappingForm, vars: ReleaseVars): Record<keyof typeof TEMPLATE_VARIABLES, string> {
  const parsed = Duration.safeParse(form.interval.trim());
  const seconds = parsed.success ? durationSeconds(parsed.data) : null;
  const value = (selector: string) => {
    const r = renderTemplate(selector, { ...vars });
    return r.ok ? r.text : selector;
  };
  const segments = Object.values(form.segments)
    .map((s) => s.trim())
    .filter(Boolean)
    .join(', ');
  return {
    $cohort: `${renderSelector(form.cohortLabel, form.canary, vars)} / ${renderSelector(form.cohortLabel, form.baseline, vars)}`,
    $cohortValue: `${value(form.canary)} / ${value(form.baseline)}`,
    $version: vars.version,
    $baselineVersion: vars.baselineVersion || '(none: this release has no baseline version)',
    $app: vars.app,
    $release: vars.release,
    $interval: seconds === null ? '(not a duration yet)' : `${seconds}s`,
    $intervalSeconds: seconds === null ? '(not a duration yet)' : String(seconds),
    $segmentLabels: segments || '(empty: no segment label mapped)',
  };
}

/** The template variables a query may use, what they stand for and their value here. */
export function TemplateVariables({ form, vars }: { form: MappingForm; vars: ReleaseVars }) {
  const values = variableValues(form, vars);
  return (
    <details className="variables" data-testid="template-variables">
      <summary>Template variables</summary>
      <table className="variables-list">
        <caption className="visually-hidden">Template variables, what they stand for, and their value for this release (canary / baseline)</caption>
        <thead>
          <tr>
            <th scope="col">Variable</th>
            <th scope="col">Stands for</th>
            <th scope="col">Here (canary / baseline)</th>
          </tr>
        </thead>
        <tbody>
          {(Object.keys(TEMPLATE_VARIABLES) as (keyof typeof TEMPLATE_VARIABLES)[]).map((v) => (
            <tr key={v}>
              <th scope="row">{v}</th>
              <td>{TEMPLATE_VARIABLES[v]}</td>
              <td className="mono">{values[v]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
