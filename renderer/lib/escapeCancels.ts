import type { KeyboardEvent } from 'react';

/** A form's Escape: it cancels the form, unless something inside took the key first. */
export function escapeCancels(cancel: () => void): (event: KeyboardEvent) => void {
  return (event) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    cancel();
  };
}
