export const FIRST_RENDER_MARK = 'stagegate:first-render';

let marked = false;

/** Marks, once per page load, the moment the releases list first showed data (a test measures it). */
export function markFirstRender(): void {
  if (marked) return;
  marked = true;
  performance.mark(FIRST_RENDER_MARK);
}
