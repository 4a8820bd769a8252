import { useId } from 'react';
import { PreflightPanel } from './PreflightPanel.tsx';
import type { StartChecks } from './useStartChecks.ts';

/**
 * The top of a start's dialog: the pre-flight's checks, and who watches the rollout. `fromTrain`:
 * whether a train's rotation can name the monitor (null while the release is loading).
 */
export function StartChecksPanel({ checks, fromTrain }: { checks: StartChecks; fromTrain: boolean | null }) {
  const monitorId = useId();
  const hintId = useId();
  return (
    <>
      <PreflightPanel preflight={checks.preflight} running={checks.running} error={checks.error} onRerun={checks.rerun} />
      <label htmlFor={monitorId}>Monitor</label>
      <input
        id={monitorId}
        className="input"
        value={checks.monitor}
        maxLength={80}
        aria-describedby={hintId}
        onChange={(event) => checks.setMonitor(event.target.value)}
        onBlur={checks.recheckMonitor}
        placeholder="Who watches this rollout"
      />
      <p id={hintId} className="field-hint">
        {/* A release not cut from a train has no rotation to name anyone. */}
        {fromTrain === false ? 'Name who watches this rollout.' : 'A train’s rotation names someone; a name here wins over it.'} The pre-flight checks it again when you leave the
        field.
      </p>
    </>
  );
}

/** Asked once a check failed and the person chose to start anyway: why, recorded in the evidence. */
export function StartAnywayFields({ checks }: { checks: StartChecks }) {
  const id = useId();
  const problemId = useId();
  if (!checks.askAnyway) return null;
  const failed = checks.failedNow;
  return (
    <fieldset className="override" data-testid="preflight-override">
      <legend>Start despite failed checks</legend>
      <p className="override-note">
        {failed.length === 1 ? 'This check failed' : 'These checks failed'}: {failed.map((c) => c.title.toLowerCase()).join('; ')}. Starting anyway is recorded with your reason in the decision’s evidence.
      </p>
      <label htmlFor={id}>Why start anyway</label>
      <textarea
        id={id}
        ref={checks.anywayBox}
        value={checks.anywayReason}
        rows={2}
        required
        aria-invalid={checks.anywayProblem ? true : undefined}
        aria-describedby={checks.anywayProblem ? problemId : undefined}
        onChange={(event) => checks.setAnywayReason(event.target.value)}
        placeholder="What makes it safe to go without this check?"
      />
      {checks.anywayProblem ? (
        <p id={problemId} className="field-error">
          {checks.anywayProblem}
        </p>
      ) : null}
    </fieldset>
  );
}
