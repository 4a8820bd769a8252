import { useId, type RefObject } from 'react';
import type { Action } from '../../../shared/domain/release.ts';
import { OverrideReason } from '../../../shared/rollout/guardRules.ts';
import { formatPct } from '../../lib/format.ts';
import { ACTION_LABEL, OVERRIDE_EXPIRY, OVERRIDE_REASON_LABEL } from '../../lib/labels.ts';

export interface OverrideFieldsProps {
  action: Action;
  /** Going on before everything is met (else: against failing gates). */
  advancing: boolean;
  /** A Play resume past the stage's planned fraction: the chosen and the planned fraction. */
  resumePast: { chosen: number; planned: number } | null;
  /** The gate ids or unmet checks the override is for. */
  items: readonly string[];
  summaries: ReadonlyMap<string, string>;
  reasonCode: OverrideReason | '';
  setReasonCode: (code: OverrideReason | '') => void;
  expiry: number;
  setExpiry: (minutes: number) => void;
  problem: string | null;
  clearProblem: () => void;
  codeSelect: RefObject<HTMLSelectElement | null>;
}

/** What an override asks: what it is for, why (a reason code) and until when the guard ignores it. */
export function OverrideFields(p: OverrideFieldsProps) {
  const codeId = useId();
  const problemId = useId();
  const expiryId = useId();
  const verb = ACTION_LABEL[p.action].toLowerCase();
  return (
    <fieldset className="override" data-testid="override-section">
      {p.advancing ? (
        <>
          <legend>Override what is not met</legend>
          <p className="override-note">
            {p.resumePast
              ? `Resuming at ${formatPct(p.resumePast.chosen)} goes past this stage’s ${formatPct(p.resumePast.planned)} before its checks are met`
              : `The guard would not ${verb} yet`}
            ; to do it anyway, say why and for how long the guard should ignore the failing gates:
          </p>
        </>
      ) : (
        <>
          <legend>Override failing gates</legend>
          <p className="override-note">
            {p.items.length === 1 ? 'This gate is failing' : 'These gates are failing'}; to {verb} anyway, say why and for how long the guard should ignore{' '}
            {p.items.length === 1 ? 'it' : 'them'}:
          </p>
        </>
      )}
      <ul className="override-gates" data-testid="override-items">
        {p.items.map((id) => (
          <li key={id}>
            <span className={p.advancing ? undefined : 'mono'}>{id}</span>
            {p.summaries.get(id) ? <span className="muted"> — {p.summaries.get(id)}</span> : null}
          </li>
        ))}
      </ul>
      <div className="override-fields">
        <div className="field">
          <label htmlFor={codeId}>Override reason</label>
          <select
            id={codeId}
            ref={p.codeSelect}
            className="select"
            value={p.reasonCode}
            required
            aria-invalid={p.problem ? true : undefined}
            aria-describedby={p.problem ? problemId : undefined}
            onChange={(event) => {
              p.setReasonCode(event.target.value as OverrideReason | '');
              p.clearProblem();
            }}
          >
            <option value="">Choose…</option>
            {OverrideReason.map((code) => (
              <option key={code} value={code}>
                {OVERRIDE_REASON_LABEL[code]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={expiryId}>Override expires in</label>
          <select id={expiryId} className="select" value={p.expiry} onChange={(event) => p.setExpiry(Number(event.target.value))}>
            {OVERRIDE_EXPIRY.map((o) => (
              <option key={o.minutes} value={o.minutes}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {p.problem ? (
        <p id={problemId} className="field-error">
          {p.problem}
        </p>
      ) : null}
    </fieldset>
  );
}
