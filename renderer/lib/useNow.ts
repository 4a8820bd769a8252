import { useEffect, useState } from 'react';

/** The current time, refreshed every `ms`, for "in 5 min" texts that must not go stale on screen. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
