// A gate's rule in a person's words, e.g. "Error rate ≤ baseline × 1.25": one wording for the
// sequential evidence and the means-based summary.
import { METRICS } from '../domain/metrics.ts';
import type { Gate } from './types.ts';

/** A value's unit as the evidence writes it after the number: " %", " ms". */
export const unitText = (unit: string): string => (unit === '%' ? ' %' : ` ${unit}`);

export function ruleText(gate: Gate): string {
  const info = METRICS[gate.metric];
  const sign = gate.op === 'gte' ? '≥' : '≤';
  if (gate.kind === 'threshold') return `${info.label} ${sign} ${gate.value}${unitText(info.unit)}`;
  if (gate.kind === 'relative') return `${info.label} ${sign} baseline × ${gate.factor}`;
  const unit = info.unit === '%' ? ' points' : ` ${info.unit}`;
  return `${info.label} ${sign} baseline ${gate.op === 'gte' ? '−' : '+'} ${gate.points}${unit}`;
}
