import { useId, type Ref } from 'react';
import { reasonCount, reasonProblem } from '../lib/reason.ts';

interface Props {
  value: string;
  onChange: (value: string) => void;
  /** Shown once a submit found it wrong; kept up to date as the text changes. */
  problem: string | null;
  setProblem: (problem: string | null) => void;
  textareaRef?: Ref<HTMLTextAreaElement>;
  rows?: number;
  placeholder?: string;
  label?: string;
}

/** A reason box that shows its limit as it is typed: the count against 500, and what is wrong once it matters. */
export function ReasonField({ value, onChange, problem, setProblem, textareaRef, rows = 4, placeholder, label = 'Reason' }: Props) {
  const id = useId();
  const countId = useId();
  const problemId = useId();
  const count = reasonCount(value);
  return (
    <div className="reason-field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        ref={textareaRef}
        value={value}
        rows={rows}
        required
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${countId} ${problemId}` : countId}
        placeholder={placeholder}
        onChange={(event) => {
          onChange(event.target.value);
          if (problem) setProblem(reasonProblem(event.target.value));
        }}
      />
      <p id={countId} className={`reason-count reason-count-${count.tone}`} data-testid="reason-count">
        {count.text}
      </p>
      {problem ? (
        <p id={problemId} className="field-error">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
