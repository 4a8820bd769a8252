// The Start dialog's pre-flight in words: one badge per outcome and the summary line above the checks.
import { failedChecks, PREFLIGHT_OUTCOME_WORDS, type Preflight, type PreflightOutcome } from '../../shared/domain/preflight.ts';
import { capitalized } from '../../shared/domain/words.ts';

export const PREFLIGHT_OUTCOME_LABEL: Record<PreflightOutcome, string> = {
  pass: capitalized(PREFLIGHT_OUTCOME_WORDS.pass),
  info: capitalized(PREFLIGHT_OUTCOME_WORDS.info),
  warn: capitalized(PREFLIGHT_OUTCOME_WORDS.warn),
  fail: capitalized(PREFLIGHT_OUTCOME_WORDS.fail),
};

const counted = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "2 failed · 1 warning · 3 passed", worst first; "All 6 checks passed" when nothing is to say. */
export function preflightSummary(p: Pick<Preflight, 'checks'>): string {
  const n = (o: PreflightOutcome) => p.checks.filter((c) => c.outcome === o).length;
  if (n('pass') === p.checks.length) return `All ${p.checks.length} checks passed`;
  const parts = [
    n('fail') ? `${n('fail')} failed` : null,
    n('warn') ? counted(n('warn'), 'warning', 'warnings') : null,
    n('info') ? `${n('info')} to note` : null,
    n('pass') ? `${n('pass')} passed` : null,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** What the primary button says: a failed check makes it "Start anyway…" until the override is asked for. */
export function startButtonLabel(p: Pick<Preflight, 'checks'> | null, confirming: boolean): string | null {
  if (!p || failedChecks(p).length === 0) return null;
  return confirming ? 'Start anyway' : 'Start anyway…';
}

const RANK: Record<PreflightOutcome, number> = { fail: 0, warn: 1, info: 2, pass: 3 };

/** The checks as the dialog lists them: failures, then warnings, then the rest, each group in the pre-flight's order. */
export function worstFirst<C extends { outcome: PreflightOutcome }>(checks: readonly C[]): C[] {
  return checks.map((c, i) => ({ c, i })).sort((a, b) => RANK[a.c.outcome] - RANK[b.c.outcome] || a.i - b.i).map((x) => x.c);
}
