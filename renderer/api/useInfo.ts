import { useQuery } from '@tanstack/react-query';
import type { Role } from '../../shared/contract.ts';
import { useReads } from './ApiProvider.tsx';
import { FRESH_ON_OPEN } from './queries.ts';

/** Version, data dir, who we are and our role; loaded once and kept (a reconnect refetches it). */
export function useInfo(options: { fresh?: boolean } = {}) {
  return useQuery({ ...useReads().info(), ...(options.fresh ? FRESH_ON_OPEN : {}) });
}

/** The session's role, undefined until the host answered. */
export function useRole(): Role | undefined {
  return useInfo().data?.role;
}
