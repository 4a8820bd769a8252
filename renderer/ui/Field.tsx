import { useId, type ReactNode } from 'react';
import { FieldError, invalidProps } from './FieldError.tsx';

/** What a field hands its control: the id its label names, and what marks it invalid and describes it. */
export interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

interface Props {
  label: ReactNode;
  /** What is wrong with it, under it, once a check has found it. */
  problem?: string | undefined;
  /** Said under the control and read with it. */
  hint?: ReactNode;
  hintTestId?: string;
  /** Hints elsewhere on the screen the control is read with too, after its own. */
  alsoDescribedBy?: string;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/** One labelled field: its control, its hint and what is wrong with it, tied together by ids for assistive technology. */
export function Field({ label, problem, hint, hintTestId, alsoDescribedBy, className = 'field', children }: Props) {
  const id = useId();
  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  const hinted = hint !== undefined && hint !== null;
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {children({ id, ...invalidProps(problem, problemId, hinted ? hintId : undefined, alsoDescribedBy) })}
      {hinted ? (
        <p className="field-hint" id={hintId} data-testid={hintTestId}>
          {hint}
        </p>
      ) : null}
      <FieldError id={problemId} message={problem} />
    </div>
  );
}
