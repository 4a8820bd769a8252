import type { QueryClient } from '@tanstack/react-query';
import type { Input, StagegateClient } from '../../../shared/contract.ts';
import { putFlag, putTrain } from '../cacheWrites.ts';
import { mutationKeys, queryKeys } from '../queryKeys.ts';
import { refresh } from '../refresh.ts';
import { runWrite } from './runWrite.ts';

/** Trains and flags: each answer replaces its row; a save refused because someone saved first reloads the list, so the next edit starts from theirs. */
export function registryWrites(client: StagegateClient, queryClient: QueryClient) {
  return {
    saveTrain: (input: Input<'saveTrain'>) =>
      runWrite(queryClient, mutationKeys.write('saveTrain'), () => client.saveTrain(input), (result) =>
        result.ok ? putTrain(queryClient, result.value) : result.error.code === 'conflict' ? refresh(queryClient, queryKeys.trains()) : undefined,
      ),
    checkTrainItem: (input: Input<'checkTrainItem'>) =>
      runWrite(queryClient, mutationKeys.write('checkTrainItem'), () => client.checkTrainItem(input), (result) => (result.ok ? putTrain(queryClient, result.value) : undefined)),
    saveFlag: (input: Input<'saveFlag'>) =>
      runWrite(queryClient, mutationKeys.write('saveFlag'), () => client.saveFlag(input), (result) =>
        result.ok ? putFlag(queryClient, result.value) : result.error.code === 'conflict' ? refresh(queryClient, queryKeys.flags()) : undefined,
      ),
    setFlagState: (input: Input<'setFlagState'>) =>
      runWrite(queryClient, mutationKeys.write('setFlagState'), () => client.setFlagState(input), (result) => (result.ok ? putFlag(queryClient, result.value) : undefined)),
  };
}
