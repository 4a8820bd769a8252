/** What is wrong with one field, right under it; the field points here with aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} className="field-error">
      {message}
    </p>
  ) : null;
}

/** aria-describedby from the ids that apply; undefined when none does. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined;
}

/** What marks a field invalid for assistive technology, joined with any hint it already has. */
export function invalidProps(problem: string | undefined, problemId: string, hintId?: string): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  const ids = describedBy(hintId, problem ? problemId : undefined);
  return { ...(problem ? { 'aria-invalid': true as const } : {}), ...(ids ? { 'aria-describedby': ids } : {}) };
}
