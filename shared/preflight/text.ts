// The few ways the pre-flight says things: stage names, exposures, durations and lists, in the
// product's words (the same in the core's errors, the evidence and the dialog).
import type { Stage } from '../domain/release.ts';
import { pctText as pct } from '../domain/words.ts';
import { MAX_PREFLIGHT_ITEMS, PREFLIGHT_TITLES, worstOutcome, type PreflightCheck, type PreflightCheckId, type PreflightItem } from '../domain/preflight.ts';

export { pct };

/** A stage by its label, with its exposure where the label does not already say it: store stages are named by their exposure ("5%"). */
export const stageWords = (label: string, exposure: number): string => (label === pct(exposure) ? label : `${label} (${pct(exposure)})`);

/** "stage 10%", or "stage internal (0%)" when the label is not the exposure. */
export function stageName(s: Pick<Stage, 'label' | 'exposurePct'>): string {
  return `stage ${stageWords(s.label, s.exposurePct)}`;
}

/** "≈ 25 min", "≈ 3.5 h", "≈ 4 d": an estimate, said as one. */
export function approxMinutes(minutes: number): string {
  if (minutes < 1) return '< 1 min';
  if (minutes < 59.5) return `≈ ${Math.round(minutes)} min`;
  const hours = minutes / 60;
  if (hours < 9.95) return `≈ ${Number(hours.toFixed(1))} h`;
  if (hours < 47.5) return `≈ ${Math.round(hours)} h`;
  const days = hours / 24;
  return days > 365 ? '> 1 year' : `≈ ${Math.round(days)} d`;
}

/** An exact length: "15 min", "1 h 30 min", "1 d". */
export function exactMinutes(minutes: number): string {
  const parts: string[] = [];
  let rest = Math.round(minutes);
  for (const [unit, size] of [['d', 1440], ['h', 60], ['min', 1]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    }
  }
  return parts.join(' ') || '0 min';
}

/** "a", "a and b", "a, b and c". */
export function listed(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** A day as people read it in a log that may be read anywhere: 2026-03-05 (UTC). */
export const day = (t: number): string => new Date(t).toISOString().slice(0, 10);

export const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** At most MAX_PREFLIGHT_ITEMS lines; the rest summed up in one, with the worst outcome among them. */
export function bounded(items: readonly PreflightItem[]): PreflightItem[] {
  if (items.length <= MAX_PREFLIGHT_ITEMS) return [...items];
  const rest = items.slice(MAX_PREFLIGHT_ITEMS);
  return [...items.slice(0, MAX_PREFLIGHT_ITEMS), { subject: `${rest.length} more`, outcome: worstOutcome(rest.map((i) => i.outcome)), text: `${rest.length} more not listed here` }];
}

/** One check, its outcome the worst of its items unless said otherwise. */
export function check(id: PreflightCheckId, parts: { outcome?: PreflightCheck['outcome']; finding: string; fix: string | null; items: readonly PreflightItem[] }): PreflightCheck {
  return {
    id,
    title: PREFLIGHT_TITLES[id],
    outcome: parts.outcome ?? worstOutcome(parts.items.map((i) => i.outcome)),
    finding: parts.finding,
    fix: parts.fix,
    items: bounded(parts.items),
  };
}

/** "(and 2 more)" after the first of several. */
export const andMore = (n: number, what: string): string => (n > 0 ? ` (and ${n} more ${what})` : '');
