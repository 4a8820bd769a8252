import type { InputIssue } from '../../shared/result.ts';

/** One problem in words: "line 12: stages.2.exposure — exposure must not go down". */
export function issueText(issue: InputIssue): string {
  const where = issue.path === '(yaml)' || issue.path === '(plan)' || issue.path === '(input)' ? '' : issue.path;
  const text = where ? `${where} — ${issue.message}` : issue.message;
  return issue.line !== undefined ? `line ${issue.line}: ${text}` : text;
}
