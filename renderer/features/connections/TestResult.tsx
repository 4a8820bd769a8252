import type { ConnectionTest } from '../../../shared/domain/connections.ts';
import type { AppError } from '../../../shared/result.ts';
import { formatWhen } from '../../lib/format.ts';
import { testTitle } from './connectionText.ts';

/** A test's answer in plain words: what is wrong and the client's sentence on what to do; or why it could not run. */
export function TestResult({ test, error, compact = false }: { test: ConnectionTest | null; error?: AppError | null; compact?: boolean }) {
  if (error) {
    return (
      <p className="test-result test-bad" data-testid="test-result">
        <strong>Could not test:</strong> {error.message}
      </p>
    );
  }
  if (!test) return compact ? <span className="muted">Not tested</span> : null;
  const facts = [test.detail, test.latencyMs !== null ? `${test.latencyMs} ms` : null, compact ? formatWhen(test.at) : null].filter(Boolean).join(' · ');
  return (
    <p className={`test-result ${test.ok ? 'test-ok' : 'test-bad'}`} data-testid={compact ? 'last-test' : 'test-result'}>
      <span aria-hidden="true" className="test-mark">
        {test.ok ? '✓' : '✕'}
      </span>
      <strong>{testTitle(test)}</strong>
      {/* "Connected." beside the title "Connected" says nothing more; a failure's sentence always shows. */}
      {test.ok && (compact || /^connected\.?$/i.test(test.message.trim())) ? null : <span className="test-message">{test.message}</span>}
      {facts ? <span className="test-facts muted">{facts}</span> : null}
    </p>
  );
}
