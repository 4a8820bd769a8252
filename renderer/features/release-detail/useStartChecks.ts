import { useEffect, useRef, useState } from 'react';
import { failedChecks } from '../../../shared/domain/preflight.ts';
import type { AppError } from '../../../shared/result.ts';
import { startButtonLabel } from '../../lib/preflightText.ts';
import { reasonProblem } from '../../lib/reason.ts';
import { usePreflight } from './usePreflight.ts';

/**
 * What a start adds to the decision dialog: its pre-flight (run on opening and again when the
 * monitor changes), who watches, and — once a check failed — the reason to start anyway. Inert for
 * any other action.
 */
export function useStartChecks(releaseId: string, starting: boolean) {
  const { preflight, running, error, run, show } = usePreflight(releaseId);
  const [monitor, setMonitor] = useState('');
  const checkedMonitor = useRef('');
  const [anyway, setAnyway] = useState(false);
  const [anywayReason, setAnywayReason] = useState('');
  const [anywayProblem, setAnywayProblem] = useState<string | null>(null);
  const anywayBox = useRef<HTMLTextAreaElement>(null);
  const focusAnyway = useRef(false);
  const failedNow = preflight ? failedChecks(preflight) : [];
  // A later run may pass (a monitor named): then there is nothing left to start anyway against.
  const askAnyway = starting && anyway && failedNow.length > 0;

  useEffect(() => {
    if (starting) run();
  }, [starting, run]);

  // Once "Start anyway…" is chosen (or the host refused the start), the field that is now needed.
  useEffect(() => {
    if (focusAnyway.current && anyway) {
      focusAnyway.current = false;
      anywayBox.current?.focus();
    }
  }, [anyway]);

  const askWhy = () => {
    if (anyway) anywayBox.current?.focus();
    else {
      focusAnyway.current = true;
      setAnyway(true);
    }
  };

  return {
    preflight,
    running,
    error,
    monitor,
    setMonitor,
    askAnyway,
    failedNow,
    anywayReason,
    anywayProblem,
    anywayBox,
    /** "Start anyway…" once a check failed; null for the plain button. */
    buttonLabel: starting ? startButtonLabel(preflight, anyway) : null,
    rerun: () => run(monitor.trim() || undefined),
    recheckMonitor: () => {
      const name = monitor.trim();
      if (name === checkedMonitor.current) return;
      checkedMonitor.current = name;
      run(name || undefined);
    },
    setAnywayReason: (text: string) => {
      setAnywayReason(text);
      if (anywayProblem) setAnywayProblem(reasonProblem(text));
    },
    /** Before sending: false when the start must first ask why (a check failed) or the reason to go anyway is not given. */
    ready: (): boolean => {
      if (!starting) return true;
      if (failedNow.length > 0 && !anyway) {
        // "Start anyway…": nothing is sent yet; first the reason to go past the failed checks.
        askWhy();
        return false;
      }
      const invalid = askAnyway ? reasonProblem(anywayReason) : null;
      setAnywayProblem(invalid);
      if (invalid) anywayBox.current?.focus();
      return invalid === null;
    },
    /** What the start sends besides the reason: who watches, and the override of a failed pre-flight. */
    options: () =>
      starting ? { ...(monitor.trim() ? { monitor: monitor.trim() } : {}), ...(askAnyway ? { preflightOverride: { reason: anywayReason.trim() } } : {}) } : {},
    /** A start refused on its pre-flight: the host's run is the newer one; show its checks, ask why, and say so. */
    refused: (error: AppError): AppError => {
      if (!error.preflight) return error;
      show(error.preflight);
      askWhy();
      const one = failedChecks(error.preflight).length === 1;
      return { ...error, message: `The pre-flight failed ${one ? 'a check' : 'some checks'}: fix ${one ? 'it' : 'them'} first, or say why you start anyway.` };
    },
  };
}

export type StartChecks = ReturnType<typeof useStartChecks>;
