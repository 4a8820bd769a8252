// The range windows a PromQL query reads (`[5m]`, a subquery's `[30m:1m]`), and what a window longer
// than the fetch step does to the guard: `increase(x[5m])` evaluated every minute counts each request
// in five intervals, and a p95 over five minutes shares most of its requests with the next one. The
// tests take intervals for independent draws (shared/judge/README.md ▸ "An interval is at least a
// minute"), so overlap reads as several times the evidence there is.

import { formatDuration } from '../plans/duration.ts';

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800, y: 31_536_000 };

/** Quoted strings ("…", '…', `…`) and comments, which may hold brackets of their own (a regex's `[0-9]`). */
const NOT_CODE = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`|#[^\n]*/g;
/** `[range]` or `[range:step]`, the range a duration (`1h30m`) or a number of seconds (Prometheus 3). */
const RANGE = /\[\s*([0-9a-z.]+)\s*(?::[^\]]*)?\]/g;
const DURATION = /^(?:[0-9]+(?:ms|s|m|h|d|w|y))+$/;
const PART = /([0-9]+)(ms|s|m|h|d|w|y)/g;

function durationOf(text: string): number | null {
  if (/^[0-9]+(?:\.[0-9]+)?$/.test(text)) return Number(text);
  if (!DURATION.test(text)) return null;
  let seconds = 0;
  for (const [, n, unit] of text.matchAll(PART)) seconds += Number(n) * UNIT_SECONDS[unit!]!;
  return seconds;
}

/** Every range window of a rendered PromQL query, in seconds; ranges it cannot read (a `$variable`, an expression) are left out. */
export function promqlRangesSeconds(query: string): number[] {
  const code = query.replace(NOT_CODE, ' ');
  const out: number[] = [];
  for (const [, range] of code.matchAll(RANGE)) {
    const seconds = durationOf(range!);
    if (seconds !== null) out.push(seconds);
  }
  return out;
}

/** Why a rendered query cannot feed the guard at this step, or null: its longest window reaches over more than one interval. */
export function promqlOverlapProblem(what: string, query: string, stepSeconds: number): string | null {
  const longest = Math.max(0, ...promqlRangesSeconds(query));
  if (longest <= stepSeconds) return null;
  const times = longest / stepSeconds;
  const shown = Number.isInteger(times) ? String(times) : times.toFixed(1);
  const window = formatDuration(Math.ceil(longest));
  // Both fixes are offered: a window of one step can be too short to hold two scrapes, and then the interval is what should grow.
  return `The ${what} query reads [${window}] windows every ${formatDuration(stepSeconds)}, so each request would count in ${shown} intervals and the guard would take the overlap for evidence: read over [$interval], one step, or fetch every ${window}.`;
}
