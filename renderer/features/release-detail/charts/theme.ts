/** Chart colours, shared by the metric charts and the small multiples (the CSS swatches repeat them). */
export const COLOR = {
  canary: '#f5a524',
  baseline: '#5aa9ff',
  limit: '#f0605d',
  axis: '#8b95a7',
  grid: '#2a3242',
  guard: '#c084fc',
  person: '#e2e8f0',
} as const;

const compactFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, notation: 'compact' });
const formatted = new Map<number, string>();

/** Axis numbers, "1.2K"; remembered, since the same ticks come back on every redraw and Intl is slow. */
export function compact(v: number): string {
  let s = formatted.get(v);
  if (s === undefined) {
    if (formatted.size > 2000) formatted.clear();
    s = compactFormat.format(v);
    formatted.set(v, s);
  }
  return s;
}
