import type { QueryClient } from '@tanstack/react-query';
import type { Input, StagegateClient } from '../../../shared/contract.ts';
import type { AppError } from '../../../shared/result.ts';
import { dropConnection, putConnection } from '../cacheWrites.ts';
import { mutationKeys, queryKeys } from '../queryKeys.ts';
import { refresh } from '../refresh.ts';
import { runWrite } from './runWrite.ts';

/** Someone saved or removed it first: show what is there now. */
const changedSince = (error: AppError) => error.code === 'conflict' || error.code === 'not_found';

/** Connections (the renderer only ever holds their secrets' states) and the event log's check. */
export function settingsWrites(client: StagegateClient, queryClient: QueryClient) {
  return {
    saveConnection: (input: Input<'saveConnection'>) =>
      runWrite(queryClient, mutationKeys.write('saveConnection'), () => client.saveConnection(input), (result) =>
        result.ok ? putConnection(queryClient, result.value) : changedSince(result.error) ? refresh(queryClient, queryKeys.connections()) : undefined,
      ),
    testConnection: (input: Input<'testConnection'>) =>
      runWrite(queryClient, mutationKeys.write('testConnection'), () => client.testConnection(input), (result) => {
        // A test of a saved connection as it is saved is kept by the host as its last test.
        const saved = input.id !== undefined && input.config === undefined && Object.keys(input.secrets ?? {}).length === 0;
        if (result.ok && saved) queryClient.setQueryData(queryKeys.connections(), (list) => list?.map((c) => (c.id === input.id ? { ...c, lastTest: result.value } : c)));
      }),
    removeConnection: (input: Input<'removeConnection'>) =>
      runWrite(queryClient, mutationKeys.write('removeConnection'), () => client.removeConnection(input), (result) =>
        result.ok ? dropConnection(queryClient, input.id) : changedSince(result.error) ? refresh(queryClient, queryKeys.connections()) : undefined,
      ),
    /** Walks the hash chain again; its report replaces the one the session info holds. */
    verifyEventLog: () =>
      runWrite(queryClient, mutationKeys.write('verifyEventLog'), () => client.verifyEventLog({}), (result) => {
        if (result.ok) queryClient.setQueryData(queryKeys.info(), (info) => (info ? { ...info, eventLog: result.value } : info));
      }),
  };
}
