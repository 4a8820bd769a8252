import { useEffect, useId, useRef } from 'react';
import { SECRET_FIELD_LABELS, type SecretField, type SecretState } from '../../../shared/domain/connections.ts';
import { FieldError, invalidProps } from '../../ui/FieldError.tsx';
import type { SecretDraft } from './connectionFormState.ts';
import { secretLabel, secretStateText } from './connectionText.ts';

interface Props {
  field: SecretField;
  /** What the host says is stored; undefined on a new connection. */
  stored: SecretState | undefined;
  draft: SecretDraft;
  problem: string | undefined;
  onChange: (draft: SecretDraft) => void;
}

/**
 * A write-only secret: "set · …1234" with Replace and Clear, and a password field only while replacing.
 * The stored value is never here to show; Escape in the field goes back to the stored one.
 */
export function SecretInput({ field, stored, draft, problem, onChange }: Props) {
  const ids = { input: useId(), label: useId(), state: useId(), problem: useId(), hint: useId() };
  const input = useRef<HTMLInputElement>(null);
  const replace = useRef<HTMLButtonElement>(null);
  const label = secretLabel(field);
  const isSet = stored?.set === true;
  const typing = draft.mode === 'replace';
  // Focus follows the button pressed: into the field on Replace, back to Replace on Keep.
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    (typing ? input.current : replace.current)?.focus();
  }, [typing]);
  const go = (next: SecretDraft) => {
    moved.current = true;
    onChange(next);
  };

  if (typing) {
    return (
      <div className="field secret-field">
        <label htmlFor={ids.input}>{label}</label>
        <div className="secret-row">
          <input
            ref={input}
            id={ids.input}
            className="input mono"
            type="password"
            autoComplete="new-password"
            spellCheck={false}
            maxLength={4096}
            value={draft.value}
            placeholder={isSet ? 'the new value' : 'paste it here'}
            {...invalidProps(problem, ids.problem, ids.hint)}
            onChange={(e) => onChange({ mode: 'replace', value: e.target.value })}
            onKeyDown={(e) => {
              if (e.key !== 'Escape' || !isSet) return;
              e.preventDefault();
              go({ mode: 'keep', value: '' });
            }}
          />
          {isSet ? (
            <button type="button" className="button small" onClick={() => go({ mode: 'keep', value: '' })}>
              Keep stored
            </button>
          ) : null}
        </div>
        <p className="field-hint" id={ids.hint}>
          {isSet ? `Stored: ${secretStateText(stored)}. Saving replaces it; it is never shown again.` : 'Write-only: once saved it is never shown again.'}
        </p>
        <FieldError id={ids.problem} message={problem} />
      </div>
    );
  }
  return (
    <div className="field secret-field" role="group" aria-labelledby={ids.label}>
      <span className="field-label" id={ids.label}>
        {label}
      </span>
      <div className="secret-row">
        <span className={`secret-state${draft.mode === 'clear' ? ' secret-clearing' : ''}`} id={ids.state} data-testid={`secret-state-${field}`}>
          {draft.mode === 'clear' ? 'cleared when you save' : secretStateText(stored)}
        </span>
        {draft.mode === 'clear' ? (
          <button type="button" className="button small" aria-label={`Keep the ${SECRET_FIELD_LABELS[field]}`} onClick={() => go({ mode: 'keep', value: '' })}>
            Undo
          </button>
        ) : (
          <>
            <button ref={replace} type="button" className="button small" aria-label={`Replace ${SECRET_FIELD_LABELS[field]}`} onClick={() => go({ mode: 'replace', value: '' })}>
              Replace
            </button>
            <button type="button" className="button small" aria-label={`Clear ${SECRET_FIELD_LABELS[field]}`} onClick={() => onChange({ mode: 'clear', value: '' })}>
              Clear
            </button>
          </>
        )}
      </div>
      <FieldError id={ids.problem} message={problem} />
    </div>
  );
}
