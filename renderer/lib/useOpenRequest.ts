import { useEffect } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A page told by its address to open something (`?new=1` from the command palette, `?flag=key`):
 * `onRequest` gets the parameters once, and they leave the address, so a reload does not do it again.
 */
export function useOpenRequest(names: readonly string[], onRequest: (values: Record<string, string>) => void): void {
  const [params, setParams] = useSearchParams();
  const key = names.map((n) => params.get(n) ?? '').join('\n');
  useEffect(() => {
    const values = Object.fromEntries(names.flatMap((n) => (params.has(n) ? [[n, params.get(n)!]] : [])));
    if (Object.keys(values).length === 0) return;
    onRequest(values);
    const rest = new URLSearchParams(params);
    for (const n of names) rest.delete(n);
    setParams(rest, { replace: true });
    // Runs when the requested values change, not when the callback does.
  }, [key]);
}
