import { useCallback, useRef, useState } from 'react';

/**
 * A list page's one form at a time: a new item (id null) or the one being edited. When it closes, focus
 * goes back to the "New" button after a new one, or to what opened the edit (also after its dialogs).
 */
export function useNewOrEdit(initial: () => string | null | undefined = () => undefined) {
  const [form, setForm] = useState<{ id: string | null } | null>(() => {
    const id = initial();
    return id === undefined ? null : { id };
  });
  const newButton = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  /** Keeps what has focus now, to go back to once what it opens has closed. */
  const remember = useCallback(() => {
    returnTo.current = document.activeElement as HTMLElement | null;
  }, []);
  const edit = useCallback(
    (id: string) => {
      remember();
      setForm({ id });
    },
    [remember],
  );
  const openNew = useCallback(() => setForm({ id: null }), []);
  const creating = form?.id === null;
  const toggleNew = () => setForm(creating ? null : { id: null });
  const close = () => {
    setForm(null);
    (creating ? newButton.current : returnTo.current)?.focus();
  };
  return { form, creating, newButton, returnTo, remember, edit, openNew, toggleNew, close };
}
