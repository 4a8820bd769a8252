import { useEffect, useRef, type DialogHTMLAttributes, type ReactNode, type RefObject } from 'react';

interface Props extends Omit<DialogHTMLAttributes<HTMLDialogElement>, 'onCancel' | 'onClose' | 'open'> {
  /** Escape, or the browser closing it: React decides what closes, and the dialog follows. */
  onClose: () => void;
  /** What has focus once it opens. */
  initialFocus: RefObject<HTMLElement | null>;
  /** After it has closed, when focus can go back to the page (the page is inert until then). */
  onClosed?: () => void;
  children: ReactNode;
}

/** A modal <dialog>: the browser makes the page behind it inert and handles Escape; it opens on mount and closes on unmount. */
export function ModalDialog({ onClose, initialFocus, onClosed, children, ...attributes }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (!el.open) el.showModal();
    initialFocus.current?.focus();
    return () => {
      el.close();
      onClosed?.();
    };
    // Opened once, on mount; what it focuses and calls are refs and callbacks of that moment.
  }, []);

  return (
    <dialog
      ref={dialog}
      {...attributes}
      // Escape fires "cancel"; keep React in charge of closing. "close" covers the browser closing it anyway.
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClose={onClose}
    >
      {children}
    </dialog>
  );
}
