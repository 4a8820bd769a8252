import type { InputIssue } from '../../shared/result.ts';
import { issueText } from '../lib/issues.ts';

/** Problems with what was typed, each on its own line with where it is. */
export function IssueList({ issues, testId }: { issues: readonly InputIssue[]; testId?: string }) {
  if (issues.length === 0) return null;
  return (
    <ul className="issue-list" data-testid={testId}>
      {issues.map((issue, i) => (
        <li key={`${issue.path}-${i}`}>{issueText(issue)}</li>
      ))}
    </ul>
  );
}
