import { startTransition, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

/** Spacing between staggered redraws: more than a frame, since Recharts batches its own updates per animation frame. */
export const STAGGER_MS = 40;
/** Spacing between staggered first draws: enough for one chart's sliced render to finish before the next starts. */
export const MOUNT_STAGGER_MS = 120;

/**
 * `value`, handed on in a task of its own `slot` steps after it changes. Charts whose data all
 * arrive at once then redraw one per task: several short tasks instead of one long one that holds
 * up the page. The first value is handed on at once when `mountAtOnce` (the page is being built
 * anyway), else in its turn too (null until then), and as a transition: React renders the new chart
 * in slices, yielding between them.
 */
export function useStaggered<T>(value: T, slot: number, mountAtOnce = false): T | null {
  const [shown, setShown] = useState<T | null>(mountAtOnce ? value : null);
  const mounted = shown !== null;
  useEffect(() => {
    if (shown === value) return;
    const id = mounted ? setTimeout(() => flushSync(() => setShown(value)), slot * STAGGER_MS) : setTimeout(() => startTransition(() => setShown(value)), slot * MOUNT_STAGGER_MS);
    return () => clearTimeout(id);
  }, [value, slot, shown, mounted]);
  return shown;
}
