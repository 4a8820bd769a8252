import { useEffect, useRef, useState } from 'react';

/**
 * An editor a button opens in place: opening it clears the last "saved"; closing it says whether it saved
 * and, once it is gone, puts focus back on the button that opened it.
 */
export function useInPlaceEditor(open: boolean, setOpen: (open: boolean) => void) {
  const [saved, setSaved] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (!open && refocus.current) {
      refocus.current = false;
      opener.current?.focus();
    }
  }, [open]);
  const openEditor = () => {
    setSaved(false);
    setOpen(true);
  };
  const closeEditor = (ok: boolean) => {
    setSaved(ok);
    refocus.current = true;
    setOpen(false);
  };
  return { saved, opener, openEditor, closeEditor };
}
