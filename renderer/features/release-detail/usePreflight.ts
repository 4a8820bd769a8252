import { mutationOptions, useMutation } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { StagegateClient } from '../../../shared/contract.ts';
import type { Preflight } from '../../../shared/domain/preflight.ts';
import { useClient } from '../../api/ApiProvider.tsx';
import { appErrorOf, unwrap } from '../../api/hostError.ts';

/** One run of the pre-flight now, on the host (its metric queries too): run, not cached. */
export const preflightRun = (client: StagegateClient, releaseId: string) =>
  mutationOptions({ mutationFn: (monitor: string | undefined) => unwrap(client.getPreflight({ releaseId, ...(monitor ? { monitor } : {}) })) });

/**
 * The Start dialog's pre-flight: the checks of the newest run (an older run's answer is dropped:
 * only the latest call's onSuccess fires), kept on screen while another runs; `show` puts in the
 * checks a refused start came back with, which are newer than any run of the dialog's.
 */
export function usePreflight(releaseId: string) {
  const [preflight, setPreflight] = useState<Preflight | null>(null);
  const { mutate, reset, isPending, error } = useMutation(preflightRun(useClient(), releaseId));
  const run = useCallback((monitor?: string) => mutate(monitor, { onSuccess: setPreflight }), [mutate]);
  const show = useCallback(
    (checks: Preflight) => {
      reset();
      setPreflight(checks);
    },
    [reset],
  );
  return { preflight, running: isPending, error: appErrorOf(error), run, show };
}
