import { sentence } from '../lib/sentence.ts';

/** What is wrong with one field, right under it, as a sentence; the field points here with aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} className="field-error">
      {sentence(message)}
    </p>
  ) : null;
}

/** aria-describedby from the ids that apply; undefined when none does. */
function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined;
}

/** What marks a field invalid for assistive technology, after any hints it already has. */
export function invalidProps(problem: string | undefined, problemId: string, ...hintIds: (string | undefined)[]): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  const ids = describedBy(...hintIds, problem ? problemId : undefined);
  return { ...(problem ? { 'aria-invalid': true as const } : {}), ...(ids ? { 'aria-describedby': ids } : {}) };
}
