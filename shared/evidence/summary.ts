// The words a person reads beside a gate's outcome, in the evidence and the halt reason.
import { METRICS, pastLimit } from '../domain/metrics.ts';
import { countText } from '../domain/words.ts';
import { ruleText, unitText } from '../gates/rule.ts';
import { warmupSeconds, type Check, type Gate, type SegmentCheck, type Unpaired } from '../gates/types.ts';
import { formatDuration } from '../plans/duration.ts';

/** Two numbers with as many significant digits as it takes to tell them apart (at most 8). */
export function distinctPair(a: number, b: number): [string, string] {
  for (let digits = 4; digits <= 8; digits += 1) {
    const x = Number(a.toPrecision(digits)).toString();
    const y = Number(b.toPrecision(digits)).toString();
    if (x !== y || digits === 8) return [x, y];
  }
  return [String(a), String(b)];
}

const intervalsText = (n: number): string => `${countText(n)} interval${n === 1 ? '' : 's'}`;

/**
 * Why a unit that has rows compared none: the cohorts report from no cell they share (blue/green by
 * region, say), one cohort reported and the other did not (a silent baseline read "no canary value
 * yet" while the canary reported every 10 s), or both did, never in the same interval. Null when
 * neither cohort has sent anything this stage.
 */
export function unpairedKind(u: Unpaired | undefined): 'apart' | 'no_baseline' | 'no_canary' | 'misaligned' | null {
  if (!u || u.canary + u.baseline + u.apart === 0) return null;
  if (u.apart >= u.canary + u.baseline) return 'apart';
  if (u.baseline === 0) return 'no_baseline';
  if (u.canary === 0) return 'no_canary';
  return 'misaligned';
}

/** The card's words for unpairedKind. */
export function unpairedText(c: Pick<Check, 'unpaired'>): string | null {
  const u = c.unpaired;
  const kind = unpairedKind(u);
  if (!u || kind === null) return null;
  if (kind === 'apart') return `the canary's and the baseline's rows fall in no region, device and tenant they share (${intervalsText(u.apart)}), so none can be compared`;
  if (kind === 'no_baseline') return `no baseline rows to compare with the canary's ${intervalsText(u.canary)} yet`;
  if (kind === 'no_canary') return `no canary rows yet (the baseline has sent ${intervalsText(u.baseline)})`;
  return `the canary's ${intervalsText(u.canary)} and the baseline's ${intervalsText(u.baseline)} never fall in the same interval, so none can be compared`;
}

/** A gate in its warm-up: the first stretch of each stage is not judged. */
export function warmupSummary(gate: Gate, leftMs: number): string {
  return `${ruleText(gate)}: no data — warming up: the first ${formatDuration(warmupSeconds(gate))} of each stage is not judged (${formatDuration(Math.max(1, Math.ceil(leftMs / 1000)))} left)`;
}

/** A gate with nothing compared while the look holds its rows back (pushed cohorts behind the others): what it waits for, not "no canary value". */
export function heldSummary(gate: Gate, waitingFor: string): string {
  return `${ruleText(gate)}: no data — nothing compared yet: the guard waits for ${waitingFor}`;
}

/** What the guard waits for where a gate compared nothing though rows came: the cohort that sent none, by metric. */
export function unpairedWaitText(results: readonly { metric: keyof typeof METRICS; total: Pick<Check, 'canary' | 'unpaired'> }[]): string | null {
  for (const r of results) {
    const u = r.total.unpaired;
    const kind = r.total.canary === null ? unpairedKind(u) : null;
    if (!u || kind === null) continue;
    const label = METRICS[r.metric].label;
    if (kind === 'apart') return `${label} rows of both cohorts from a region, device and tenant they share`;
    if (kind === 'no_baseline') return `the baseline's ${label} rows: the canary's ${intervalsText(u.canary)} have none to compare with`;
    if (kind === 'no_canary') return `the canary's ${label} rows`;
    return `${label} rows of both cohorts in the same intervals`;
  }
  return null;
}

function valueVsLimit(gate: Gate, c: Check): string {
  const u = unitText(METRICS[gate.metric].unit);
  const e = c.evidence;
  // A pass stands on the pass side's evidence; quoting the failure side's 0.0 read as a pass on no evidence.
  const strength = !e ? '' : c.outcome === 'pass' ? `, evidence ${Math.max(0, e.passLogE).toFixed(1)} of ${e.passBoundary.toFixed(1)} to pass` : `, evidence ${Math.max(0, e.maxLogE).toFixed(1)} of ${e.boundary.toFixed(1)}`;
  // The failure side runs over the rollout: a stage whose canary has shown nothing yet may already fail on what the stages before it showed.
  // At least what shows as 0.1: a mixture with nothing folded sits at 0 up to rounding, and read "evidence 0.0 … from the stages before it" in a first stage.
  if (c.canary === null || c.limit === null) return e && e.maxLogE >= 0.05 ? `no canary value in this stage yet${strength} from the stages before it` : (unpairedText(c) ?? 'no canary value yet');
  const [v, l] = distinctPair(c.canary, c.limit);
  // The values are this stage's, the evidence the rollout's: a failure they do not show would read as a contradiction.
  const since = c.outcome === 'fail' && !pastLimit(gate.metric, c.canary, c.limit) ? '; within the limit in this stage so far, failing on the evidence since the rollout began' : '';
  return `canary ${v}${u} vs limit ${l}${u} (n=${countText(c.canarySamples)}${strength}${since})`;
}

const outcomeWords = { pass: 'passes', fail: 'fails', inconclusive: 'not decided yet', no_data: 'no data' } as const;

export function gateSummary(gate: Gate, total: Check, failing: readonly SegmentCheck[], cause: { dimension: string; key: string } | null = null): string {
  const rule = ruleText(gate);
  if (failing.length === 0 && cause && total.outcome === 'fail') {
    // "Only X is past the limit" would claim the other segments are within it: they may just have too little data to show it yet.
    return `${rule}: fails — ${valueVsLimit(gate, total)}; it shows in ${cause.dimension} ${cause.key}, and in no other ${cause.dimension} yet`;
  }
  if (failing.length > 0) {
    const names = failing.map((s) => `${s.dimension} ${s.key}: ${valueVsLimit(gate, s)}`).join('; ');
    return `${rule}: fails in ${names} (total ${outcomeWords[total.outcome]}: ${valueVsLimit(gate, total)})`;
  }
  return `${rule}: ${outcomeWords[total.outcome]} — ${valueVsLimit(gate, total)}`;
}
