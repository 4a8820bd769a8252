import { modKeyName } from '../lib/keys.ts';

/** The keyboard way to submit, beside the submit button. */
export function SubmitHint() {
  return (
    <span className="submit-hint" aria-hidden="true">
      <kbd>{modKeyName()}</kbd>+<kbd>Enter</kbd>
    </span>
  );
}
