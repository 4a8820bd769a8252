import type { QueryClient } from '@tanstack/react-query';
import type { StagegateClient } from '../../../shared/contract.ts';
import { registryWrites } from './registry.ts';
import { releaseWrites } from './releases.ts';
import { settingsWrites } from './settings.ts';

/** Every contract write the screens make, bound to one client and one cache. */
export function createWrites(client: StagegateClient, queryClient: QueryClient) {
  return { ...releaseWrites(client, queryClient), ...registryWrites(client, queryClient), ...settingsWrites(client, queryClient) };
}

export type Writes = ReturnType<typeof createWrites>;
