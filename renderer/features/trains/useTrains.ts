import { useQuery } from '@tanstack/react-query';
import { useReads } from '../../api/ApiProvider.tsx';
import { appErrorOf } from '../../api/hostError.ts';
import { FRESH_ON_OPEN } from '../../api/queries.ts';
import { useRole } from '../../api/useInfo.ts';

/** What a trains page reads, afresh when it opens: the trains (and how to ask again), the releases their runs name, and the caller's role. */
export function useTrains() {
  const reads = useReads();
  const list = useQuery({ ...reads.trains(), ...FRESH_ON_OPEN });
  // The runs name the releases they cut.
  useQuery({ ...reads.releases(), ...FRESH_ON_OPEN });
  return { trains: list.data ?? null, error: appErrorOf(list.error), retry: () => void list.refetch(), role: useRole() };
}
