/** No contract input comes near this; a deeper one is refused before a schema walks it. */
export const MAX_INPUT_DEPTH = 32;

/**
 * Whether objects and arrays nest more than `limit` levels (a bare object is one level). Walked
 * with an explicit stack, so a hostile body cannot overflow the call stack here either.
 */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
