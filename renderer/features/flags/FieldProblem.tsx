/** A field's problem in words, right under it; the field points at it with aria-describedby. */
export function FieldProblem({ id, problem }: { id: string; problem: string | undefined }) {
  return problem ? (
    <p id={id} className="field-error">
      {problem}
    </p>
  ) : null;
}

/** What marks a field invalid for assistive technology, joined with any hint it already has. */
export function invalidProps(problem: string | undefined, problemId: string, hintId?: string): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  const describedBy = [hintId, problem ? problemId : undefined].filter(Boolean).join(' ');
  return { ...(problem ? { 'aria-invalid': true as const } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}) };
}
