import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Action } from '../../../shared/domain/release.ts';
import { resumeRange } from '../../../shared/rollout/resumeFraction.ts';
import { resumesAtAnyFraction } from '../../../shared/rollout/stateMachine.ts';
import type { OverrideReason } from '../../../shared/rollout/guardRules.ts';
import type { AppError } from '../../../shared/result.ts';
import { ACTIONS_NEEDING_OVERRIDE } from '../../../shared/rollout/guardRules.ts';
import { ADVANCING_ACTIONS, unmetToAdvance } from '../../../shared/rollout/unmet.ts';
import { ACTION_LABEL } from '../../lib/labels.ts';
import { useReads, useWrites } from '../../api/ApiProvider.tsx';
import { failingGates } from './gateText.ts';
import { reasonProblem } from '../../lib/reason.ts';
import { useDraft } from '../../lib/drafts.ts';
import { DraftNotice } from '../../ui/DraftNotice.tsx';
import { ReasonField } from '../../ui/ReasonField.tsx';
import { DialogActions } from '../../ui/DialogActions.tsx';
import { ModalDialog } from '../../ui/ModalDialog.tsx';
import { OverrideFields } from './OverrideFields.tsx';
import { fractionProblemOf, ResumeFractionField } from './ResumeFractionField.tsx';
import { StartAnywayFields, StartChecksPanel } from './StartChecks.tsx';
import { useStartChecks } from './useStartChecks.ts';

interface Props {
  action: Action;
  releaseId: string;
  releaseName: string;
  onClose: () => void;
}

const DEFAULT_EXPIRY = 60;

interface DecisionDraft {
  reason: string;
  reasonCode: OverrideReason | '';
  expiry: number;
  /** As typed; null until typed into, so a draft never brings back a fraction the release no longer runs at. */
  fraction: string | null;
}

/**
 * A modal <dialog>: the browser makes the page behind it inert and handles Escape. The decision
 * is recorded only when the host accepts it; its error is shown here, in the dialog. Going on
 * against failing gates needs an override (reason code and expiry): offered up front when the gate
 * panel shows failures, and whenever the host answers override_required. A promote or complete before
 * the guard would go on (soak, samples, gates not passed, stages skipped) needs one too, and lists what is unmet.
 * A start shows its pre-flight first; a failed check makes the button "Start anyway…", which asks why.
 */
export function DecisionDialog({ action, releaseId, releaseName, onClose }: Props) {
  const { decide } = useWrites();
  const reads = useReads();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const codeSelect = useRef<HTMLSelectElement>(null);
  const fractionInput = useRef<HTMLInputElement>(null);
  const detail = useQuery(reads.release(releaseId)).data ?? null;
  const stages = detail?.stages ?? null;
  const release = detail?.release ?? null;
  const status = useQuery(reads.gates(releaseId)).data ?? null;
  // Google Play resumes a halted rollout at any fraction: offered, starting from what it ran at.
  const range = action === 'resume' && release && stages && resumesAtAnyFraction(release.target) ? resumeRange(stages, release.stageIndex) : null;
  // What is typed is a draft, kept per release and action: Escape, a reload or a slip of the mouse loses none of it.
  const [draft, setDraft, drafts] = useDraft<DecisionDraft>(`decide:${releaseId}:${action}`, () => ({
    reason: '',
    reasonCode: '',
    expiry: DEFAULT_EXPIRY,
    fraction: null,
  }));
  const { reason, reasonCode, expiry } = draft;
  const fraction = draft.fraction ?? (release ? String(release.exposurePct) : '');
  const setReason = (reason: string) => setDraft((d) => ({ ...d, reason }));
  const setReasonCode = (reasonCode: OverrideReason | '') => setDraft((d) => ({ ...d, reasonCode }));
  const setExpiry = (expiry: number) => setDraft((d) => ({ ...d, expiry }));
  const setFraction = (fraction: string) => setDraft((d) => ({ ...d, fraction }));
  const [fractionProblem, setFractionProblem] = useState<string | null>(null);
  const chosen = range ? Number(fraction) : undefined;
  const changesFraction = range !== null && release !== null && fraction.trim() !== '' && chosen !== release.exposurePct;
  const [openedAt] = useState(() => Date.now());
  const advancing = ADVANCING_ACTIONS.includes(action) || (range !== null && chosen !== undefined && chosen > range.planned);
  // What needs an override, as the screen knows it: what is unmet before going on, or the failing gates; the host's answer replaces it.
  const [hostNeeds, setHostNeeds] = useState<string[] | null>(null);
  const localNeeds = useMemo(() => {
    if (!ACTIONS_NEEDING_OVERRIDE.includes(action)) return null;
    if (advancing && status && stages) {
      const unmet = unmetToAdvance({
        action,
        stages,
        stageIndex: status.stageIndex,
        results: status.results,
        overridden: new Set(status.overrides.map((o) => o.gateId)),
        canarySamples: status.canarySamples,
        now: openedAt,
        exposurePct: chosen,
      });
      return unmet.length ? unmet : null;
    }
    const failing = failingGates(status).map((r) => r.gateId);
    return failing.length ? failing : null;
  }, [action, advancing, status, stages, openedAt, chosen]);
  const overrideFor = hostNeeds ?? localNeeds;
  const [problem, setProblem] = useState<string | null>(null);
  const [codeProblem, setCodeProblem] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const focusCode = useRef(false);
  // A start: its pre-flight, who watches, and the reason to start although a check failed.
  const starting = action === 'start';
  const start = useStartChecks(releaseId, starting);
  const titleId = useId();
  const title = `${ACTION_LABEL[action]} ${releaseName}`;

  // When the host asks for an override, move to the field that is now needed.
  useEffect(() => {
    if (focusCode.current && overrideFor) {
      focusCode.current = false;
      codeSelect.current?.focus();
    }
  }, [overrideFor]);

  const summaries = new Map(status?.results.map((r) => [r.gateId, r.summary]) ?? []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const invalid = reasonProblem(reason);
    const invalidCode = overrideFor && !reasonCode ? (advancing ? 'Choose why you go on before everything is met.' : 'Choose why you override the failing gates.') : null;
    const invalidFraction = range && release && stages ? fractionProblemOf(fraction, release.target, stages, release.stageIndex) : null;
    setProblem(invalid);
    setCodeProblem(invalidCode);
    setFractionProblem(invalidFraction);
    if (invalidFraction) {
      fractionInput.current?.focus();
      return;
    }
    if (invalid) {
      textarea.current?.focus();
      return;
    }
    if (invalidCode) {
      codeSelect.current?.focus();
      return;
    }
    if (!start.ready()) return;
    setBusy(true);
    setError(null);
    const override = overrideFor && reasonCode ? { reasonCode, expiresInMinutes: expiry } : undefined;
    // A start names who watches and may go past a failed pre-flight; a Play resume may choose its fraction (sent only when it differs).
    const options = { ...start.options(), ...(changesFraction && chosen !== undefined ? { exposurePct: chosen } : {}) };
    const result = await decide(releaseId, action, reason.trim(), override, options);
    setBusy(false);
    if (result.ok) {
      drafts.clear();
      onClose();
      return;
    }
    if (result.error.code === 'override_required') {
      focusCode.current = true;
      setHostNeeds(result.error.allowed?.length ? result.error.allowed : (overrideFor ?? []));
    }
    if (result.error.code === 'preflight_failed') {
      setError(start.refused(result.error));
      return;
    }
    setError(result.error);
  };
  const anywayLabel = start.buttonLabel;

  return (
    <ModalDialog
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      className={starting ? `dialog dialog-wide${start.askAnyway ? ' preflight-confirming' : ''}` : 'dialog'}
      data-testid="decision-dialog"
      initialFocus={textarea}
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={titleId}>{title}</h2>
        {starting ? <StartChecksPanel checks={start} fromTrain={release ? release.trainId !== null : null} /> : null}
        <DraftNotice restoredAt={drafts.restoredAt} onDiscard={drafts.discard} />
        {range && release ? (
          <ResumeFractionField
            range={range}
            current={release.exposurePct}
            value={fraction}
            problem={fractionProblem}
            inputRef={fractionInput}
            check={(text) => fractionProblemOf(text, release.target, stages ?? [], release.stageIndex)}
            onChange={(text, problem) => {
              setFraction(text);
              setHostNeeds(null);
              setFractionProblem(problem);
            }}
          />
        ) : null}
        <ReasonField value={reason} onChange={setReason} problem={problem} setProblem={setProblem} textareaRef={textarea} placeholder="What did you see, and why this action?" />
        {overrideFor ? (
          <OverrideFields
            action={action}
            advancing={advancing}
            resumePast={action === 'resume' && range && chosen !== undefined ? { chosen, planned: range.planned } : null}
            items={overrideFor}
            summaries={summaries}
            reasonCode={reasonCode}
            setReasonCode={setReasonCode}
            expiry={expiry}
            setExpiry={setExpiry}
            problem={codeProblem}
            clearProblem={() => setCodeProblem(null)}
            codeSelect={codeSelect}
          />
        ) : null}
        <StartAnywayFields checks={start} />
        <DialogActions error={error} label={anywayLabel ?? 'Record decision'} danger={Boolean(anywayLabel)} busy={busy} onCancel={onClose} />
      </form>
    </ModalDialog>
  );
}
