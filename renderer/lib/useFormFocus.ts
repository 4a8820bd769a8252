import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * A form's focus: its first field once it opens, and after a check or a save that found problems, the first
 * field in trouble, so the problem is heard where it is. `focusInvalid` is called with the problems set,
 * and the move happens once they are rendered (marked aria-invalid).
 */
export function useFormFocus<First extends HTMLElement>() {
  const form = useRef<HTMLFormElement>(null);
  const first = useRef<First>(null);
  const [checked, setChecked] = useState(0);
  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    if (checked) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [checked]);
  const focusInvalid = useCallback(() => setChecked((n) => n + 1), []);
  return { form, first, focusInvalid };
}
