import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Action, Stage, TargetKind } from '../../../shared/domain/release.ts';
import { resumeFractionProblem, resumeRange, type ResumeRange } from '../../../shared/rollout/resumeFraction.ts';
import { resumesAtAnyFraction } from '../../../shared/rollout/stateMachine.ts';
import { formatPct } from '../../lib/format.ts';
import { FieldError, invalidProps } from '../../ui/FieldError.tsx';
import { OverrideReason } from '../../../shared/rollout/guardRules.ts';
import type { AppError } from '../../../shared/result.ts';
import { ACTIONS_NEEDING_OVERRIDE } from '../../../shared/rollout/guardRules.ts';
import { ADVANCING_ACTIONS, unmetToAdvance } from '../../../shared/rollout/unmet.ts';
import { ACTION_LABEL, OVERRIDE_EXPIRY, OVERRIDE_REASON_LABEL } from '../../lib/labels.ts';
import { useReads, useWrites } from '../../api/ApiProvider.tsx';
import { usePreflight } from './usePreflight.ts';
import { failingGates } from './gateText.ts';
import { reasonProblem } from '../../lib/reason.ts';
import { useDraft } from '../../lib/drafts.ts';
import { DraftNotice } from '../../ui/DraftNotice.tsx';
import { ReasonField } from '../../ui/ReasonField.tsx';
import { SubmitHint } from '../../ui/SubmitHint.tsx';
import { failedChecks } from '../../../shared/domain/preflight.ts';
import { PreflightPanel } from './PreflightPanel.tsx';
import { startButtonLabel } from '../../lib/preflightText.ts';

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
  const dialog = useRef<HTMLDialogElement>(null);
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
  const { preflight, running: preflightRunning, error: preflightError, run: runPreflight, show: showPreflight } = usePreflight(releaseId);
  const [monitor, setMonitor] = useState('');
  const checkedMonitor = useRef('');
  const [anyway, setAnyway] = useState(false);
  const [anywayReason, setAnywayReason] = useState('');
  const [anywayProblem, setAnywayProblem] = useState<string | null>(null);
  const anywayBox = useRef<HTMLTextAreaElement>(null);
  const focusAnyway = useRef(false);
  const monitorId = useId();
  const monitorHintId = useId();
  const anywayId = useId();
  const anywayProblemId = useId();
  const failedNow = preflight ? failedChecks(preflight) : [];
  // A later run may pass (a monitor named): then there is nothing left to start anyway against.
  const askAnyway = anyway && failedNow.length > 0;
  const titleId = useId();
  const codeId = useId();
  const codeProblemId = useId();
  const expiryId = useId();
  const fractionId = useId();
  const fractionHintId = useId();
  const fractionProblemId = useId();
  const title = `${ACTION_LABEL[action]} ${releaseName}`;

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (!el.open) el.showModal();
    textarea.current?.focus();
    return () => el.close();
  }, []);

  useEffect(() => {
    if (starting) runPreflight();
  }, [starting, runPreflight]);

  // Once "Start anyway…" is chosen (or the host refused the start), the field that is now needed.
  useEffect(() => {
    if (focusAnyway.current && anyway) {
      focusAnyway.current = false;
      anywayBox.current?.focus();
    }
  }, [anyway]);

  const recheckMonitor = () => {
    const name = monitor.trim();
    if (name === checkedMonitor.current) return;
    checkedMonitor.current = name;
    runPreflight(name || undefined);
  };

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
    if (starting && failedNow.length > 0 && !anyway) {
      // "Start anyway…": nothing is sent yet; first the reason to go past the failed checks.
      focusAnyway.current = true;
      setAnyway(true);
      return;
    }
    const invalidAnyway = starting && askAnyway ? reasonProblem(anywayReason) : null;
    setAnywayProblem(invalidAnyway);
    if (invalidAnyway) {
      anywayBox.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const override = overrideFor && reasonCode ? { reasonCode, expiresInMinutes: expiry } : undefined;
    // A start names who watches and may go past a failed pre-flight; a Play resume may choose its fraction (sent only when it differs).
    const options = {
      ...(starting ? { ...(monitor.trim() ? { monitor: monitor.trim() } : {}), ...(askAnyway ? { preflightOverride: { reason: anywayReason.trim() } } : {}) } : {}),
      ...(changesFraction && chosen !== undefined ? { exposurePct: chosen } : {}),
    };
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
    if (result.error.code === 'preflight_failed' && result.error.preflight) {
      // The host's own run is the newer one: show its checks, and ask why to start anyway.
      showPreflight(result.error.preflight);
      if (anyway) anywayBox.current?.focus();
      else {
        focusAnyway.current = true;
        setAnyway(true);
      }
      const one = failedChecks(result.error.preflight).length === 1;
      setError({ ...result.error, message: `The pre-flight failed ${one ? 'a check' : 'some checks'}: fix ${one ? 'it' : 'them'} first, or say why you start anyway.` });
      return;
    }
    setError(result.error);
  };
  const anywayLabel = starting ? startButtonLabel(preflight, anyway) : null;

  return (
    <dialog
      ref={dialog}
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      className={starting ? `dialog dialog-wide${askAnyway ? ' preflight-confirming' : ''}` : 'dialog'}
      data-testid="decision-dialog"
      // Escape fires "cancel"; keep React in charge of closing. "close" covers the browser closing it anyway.
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={titleId}>{title}</h2>
        {starting ? (
          <>
            <PreflightPanel preflight={preflight} running={preflightRunning} error={preflightError} onRerun={() => runPreflight(monitor.trim() || undefined)} />
            <label htmlFor={monitorId}>Monitor</label>
            <input
              id={monitorId}
              className="input"
              value={monitor}
              maxLength={80}
              aria-describedby={monitorHintId}
              onChange={(event) => setMonitor(event.target.value)}
              onBlur={recheckMonitor}
              placeholder="Who watches this rollout"
            />
            <p id={monitorHintId} className="field-hint">
              A train’s rotation names someone; a name here wins over it. The pre-flight checks it again when you leave the field.
            </p>
          </>
        ) : null}
        <DraftNotice restoredAt={drafts.restoredAt} onDiscard={drafts.discard} />
        {range && release ? (
          <div className="field resume-fraction" data-testid="resume-fraction">
            <label htmlFor={fractionId}>Resume at (% of users)</label>
            <input
              id={fractionId}
              ref={fractionInput}
              className="input"
              type="number"
              inputMode="decimal"
              min={0.01}
              max={range.below - 0.01}
              step={0.01}
              value={fraction}
              {...invalidProps(fractionProblem ?? undefined, fractionProblemId, fractionHintId)}
              onChange={(event) => {
                setFraction(event.target.value);
                setHostNeeds(null);
                // Checked as it is typed: the range is known here, so no round trip is needed to say what is wrong.
                setFractionProblem(event.target.value.trim() === '' ? null : fractionProblemOf(event.target.value, release.target, stages ?? [], release.stageIndex));
              }}
            />
            <p id={fractionHintId} className="field-hint">
              {fractionHint(release.exposurePct, range)}
            </p>
            <FieldError id={fractionProblemId} message={fractionProblem ?? undefined} />
          </div>
        ) : null}
        <ReasonField value={reason} onChange={setReason} problem={problem} setProblem={setProblem} textareaRef={textarea} placeholder="What did you see, and why this action?" />
        {overrideFor ? (
          <fieldset className="override" data-testid="override-section">
            {advancing ? (
              <>
                <legend>Override what is not met</legend>
                <p className="override-note">
                  {action === 'resume' && range && chosen !== undefined
                    ? `Resuming at ${formatPct(chosen)} goes past this stage’s ${formatPct(range.planned)} before its checks are met`
                    : `The guard would not ${ACTION_LABEL[action].toLowerCase()} yet`}
                  ; to do it anyway, say why and for how long the guard should ignore the failing gates:
                </p>
              </>
            ) : (
              <>
                <legend>Override failing gates</legend>
                <p className="override-note">
                  {overrideFor.length === 1 ? 'This gate is failing' : 'These gates are failing'}; to {ACTION_LABEL[action].toLowerCase()} anyway, say why and for how
                  long the guard should ignore {overrideFor.length === 1 ? 'it' : 'them'}:
                </p>
              </>
            )}
            <ul className="override-gates" data-testid="override-items">
              {overrideFor.map((id) => (
                <li key={id}>
                  <span className={advancing ? undefined : 'mono'}>{id}</span>
                  {summaries.get(id) ? <span className="muted"> — {summaries.get(id)}</span> : null}
                </li>
              ))}
            </ul>
            <div className="override-fields">
              <div className="field">
                <label htmlFor={codeId}>Override reason</label>
                <select
                  id={codeId}
                  ref={codeSelect}
                  className="select"
                  value={reasonCode}
                  required
                  aria-invalid={codeProblem ? true : undefined}
                  aria-describedby={codeProblem ? codeProblemId : undefined}
                  onChange={(event) => {
                    setReasonCode(event.target.value as OverrideReason | '');
                    setCodeProblem(null);
                  }}
                >
                  <option value="">Choose…</option>
                  {OverrideReason.map((code) => (
                    <option key={code} value={code}>
                      {OVERRIDE_REASON_LABEL[code]}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={expiryId}>Override expires in</label>
                <select id={expiryId} className="select" value={expiry} onChange={(event) => setExpiry(Number(event.target.value))}>
                  {OVERRIDE_EXPIRY.map((o) => (
                    <option key={o.minutes} value={o.minutes}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            {codeProblem ? (
              <p id={codeProblemId} className="field-error">
                {codeProblem}
              </p>
            ) : null}
          </fieldset>
        ) : null}
        {starting && askAnyway ? (
          <fieldset className="override" data-testid="preflight-override">
            <legend>Start despite failed checks</legend>
            <p className="override-note">
              {failedNow.length === 1 ? 'This check failed' : 'These checks failed'}: {failedNow.map((c) => c.title.toLowerCase()).join('; ')}. Starting anyway is recorded with your reason in the decision’s evidence.
            </p>
            <label htmlFor={anywayId}>Why start anyway</label>
            <textarea
              id={anywayId}
              ref={anywayBox}
              value={anywayReason}
              rows={2}
              required
              aria-invalid={anywayProblem ? true : undefined}
              aria-describedby={anywayProblem ? anywayProblemId : undefined}
              onChange={(event) => {
                setAnywayReason(event.target.value);
                if (anywayProblem) setAnywayProblem(reasonProblem(event.target.value));
              }}
              placeholder="What makes it safe to go without this check?"
            />
            {anywayProblem ? (
              <p id={anywayProblemId} className="field-error">
                {anywayProblem}
              </p>
            ) : null}
          </fieldset>
        ) : null}
        {error ? (
          <p className="dialog-error" role="alert">
            {error.message}
          </p>
        ) : null}
        <div className="dialog-buttons">
          <SubmitHint />
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className={anywayLabel ? 'button danger' : 'button primary'} aria-busy={busy || undefined} aria-disabled={busy || undefined} aria-keyshortcuts="Control+Enter Meta+Enter">
            {anywayLabel ?? 'Record decision'}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** The dialog's check of a typed fraction: the shared rule, in a sentence; null when it is fine. */
export function fractionProblemOf(text: string, target: TargetKind, stages: readonly Pick<Stage, 'exposurePct' | 'label'>[], stageIndex: number): string | null {
  if (text.trim() === '') return 'Give the fraction of users to resume at, e.g. 5.';
  const problem = resumeFractionProblem({ target, stages, stageIndex, exposurePct: Number(text) });
  return problem ? `${problem.charAt(0).toUpperCase()}${problem.slice(1)}.` : null;
}

/** What the fraction can be, said before it is typed. */
export function fractionHint(current: number, range: ResumeRange): string {
  const limit = range.nextLabel === null ? 'below 100% (that is completing)' : `below ${formatPct(range.below)}, the next stage`;
  const planned = current === range.planned ? '' : ` The stage plans ${formatPct(range.planned)}.`;
  return `Google Play resumes a halted rollout at any fraction: above 0 and ${limit}. It ran at ${formatPct(current)}.${planned} Above ${formatPct(range.planned)} it goes past this stage’s checks.`;
}
