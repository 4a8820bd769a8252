import type { MetricMapping } from './mapping.ts';

export interface TemplateContext {
  release: string;
  app: string;
  version: string;
  baselineVersion: string;
  intervalSeconds: number;
}

const NAME = /\$([A-Za-z][A-Za-z0-9]*)/g;

/** Fills `$name` variables; an unknown one is an error naming it, so a typo never runs as a literal. */
export function renderTemplate(text: string, vars: Readonly<Record<string, string>>): { ok: true; text: string } | { ok: false; unknown: string[] } {
  const unknown = new Set<string>();
  const out = text.replace(NAME, (whole, name: string) => {
    const v = vars[name];
    if (v === undefined) unknown.add(`$${name}`);
    return v ?? whole;
  });
  return unknown.size > 0 ? { ok: false, unknown: [...unknown] } : { ok: true, text: out };
}

/** The variables of one release and cohort; `matcher` renders a label matcher in the provider's syntax. */
export function cohortVariables(mapping: MetricMapping, ctx: TemplateContext, cohort: 'canary' | 'baseline', matcher: (label: string, value: string) => string): Record<string, string> {
  const base: Record<string, string> = {
    version: ctx.version,
    baselineVersion: ctx.baselineVersion,
    app: ctx.app,
    release: ctx.release,
    interval: `${ctx.intervalSeconds}s`,
    intervalSeconds: String(ctx.intervalSeconds),
    segmentLabels: Object.values(mapping.segments).join(', '),
  };
  const selector = cohort === 'canary' ? mapping.cohorts.canary : mapping.cohorts.baseline;
  const rendered = renderTemplate(selector, base);
  const value = rendered.ok ? rendered.text : selector;
  return { ...base, cohortValue: value, cohort: matcher(mapping.cohorts.label, value) };
}
