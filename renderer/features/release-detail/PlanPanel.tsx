import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { PlanReadiness } from '../../../shared/domain/readiness.ts';
import type { ReleaseSummary } from '../../../shared/domain/release.ts';
import type { PlanView } from '../../../shared/domain/views.ts';
import { ruleText } from '../../../shared/gates/rule.ts';
import { durationSeconds, formatDuration } from '../../../shared/plans/plan.ts';
import type { InputIssue } from '../../../shared/result.ts';
import { formatPct } from '../../lib/format.ts';
import { FAILURE_LABEL, GATE_KIND_LABEL, PROMOTION_LABEL } from '../../lib/labels.ts';
import { useReads, useWrites } from '../../api/ApiProvider.tsx';
import { appErrorOf } from '../../api/hostError.ts';
import { FRESH_ON_OPEN } from '../../api/queries.ts';
import { useRole } from '../../api/useInfo.ts';
import { useInPlaceEditor } from '../../lib/useInPlaceEditor.ts';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';
import { IssueList } from '../../ui/IssueList.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { CopyButton } from './CopyButton.tsx';
import { gateScope } from './gateText.ts';
import { EditorReadiness, ReadinessSource, StageReadiness } from './PlanReadiness.tsx';
import { stageState } from './stageState.ts';
import { SubmitCancel } from '../../ui/SubmitCancel.tsx';
import { hasDraft, useDraft } from '../../lib/drafts.ts';
import { DraftNotice } from '../../ui/DraftNotice.tsx';
import { MetricsSection } from '../metric-mapping/MetricsSection.tsx';

/** Saves a text as a file through a Blob URL: a download, not a navigation, so the CSP does not stand in the way. */
function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function historyNote(plan: PlanView): string {
  const n = plan.plan.stages.length;
  if (plan.editableFrom === 0) return 'Nothing has run yet: every stage can still be edited.';
  if (plan.editableFrom >= n) return 'Every stage has started: the whole plan is history.';
  const next = plan.plan.stages[plan.editableFrom]!;
  const ran = plan.editableFrom === 1 ? 'Stage 1 has started and is history' : `Stages 1–${plan.editableFrom} have started and are history`;
  return `${ran}; edits apply from stage ${plan.editableFrom + 1} (${next.label}).`;
}

/** The plan the release follows: stages with their gates, export, and editing the stages not started. */
export function PlanPanel({ release }: { release: ReleaseSummary }) {
  const reads = useReads();
  const plan = useQuery({ ...reads.plan(release.id), ...FRESH_ON_OPEN });
  const error = appErrorOf(plan.error);
  const role = useRole();
  const readiness = useQuery(reads.readiness(release.id)).data ?? null;
  // An edit left with a draft opens again with it.
  const [mode, setMode] = useState<'view' | 'yaml' | 'edit'>(() => (hasDraft(`plan:${release.id}`) ? 'edit' : 'view'));
  const { saved, opener, openEditor, closeEditor } = useInPlaceEditor(mode === 'edit', (open) => setMode(open ? 'edit' : 'view'));

  const shown = plan.data ?? null;
  const finished = release.status === 'completed' || release.status === 'rolled_back';
  const canEdit = role === 'operator' && !finished && shown !== null && shown.editableFrom < shown.plan.stages.length;

  return (
    <section className="panel plan-panel" aria-labelledby="plan-title" data-testid="plan-panel">
      <div className="panel-head">
        <h2 id="plan-title">Plan{shown ? ` · ${shown.plan.name}` : ''}</h2>
        {shown ? (
          <div className="panel-tools">
            <button type="button" className="button small" onClick={() => download(shown.yaml, `${release.id}-plan.yaml`)}>
              Export YAML
            </button>
            <button type="button" className="button small" aria-pressed={mode === 'yaml'} onClick={() => setMode(mode === 'yaml' ? 'view' : 'yaml')}>
              Show YAML
            </button>
            {canEdit && mode !== 'edit' ? (
              <button type="button" ref={opener} className="button small" onClick={openEditor}>
                Edit as YAML
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      {error ? <ErrorBanner error={error} context="Could not load the plan" /> : null}
      {!shown && !error ? <Loading what="the plan" /> : null}
      {saved ? (
        <p className="form-status" role="status" data-testid="plan-saved">
          Plan saved
        </p>
      ) : null}
      {shown ? (
        <>
          <p className="muted plan-note" data-testid="plan-history-note">
            {historyNote(shown)}
          </p>
          {mode === 'edit' && canEdit ? (
            <PlanEditor
              releaseId={release.id}
              initial={shown.yaml}
              readiness={readiness}
              onDone={closeEditor}
            />
          ) : null}
          {mode === 'yaml' ? <YamlView yaml={shown.yaml} /> : null}
          <ReadinessSource readiness={readiness} />
          <PlanStages plan={shown} release={release} readiness={readiness} />
          {/* One editor at a time: the YAML and the Metrics section both save the whole plan. */}
          <MetricsSection release={release} plan={shown} canEdit={role === 'operator' && !finished && mode !== 'edit'} />
        </>
      ) : null}
    </section>
  );
}

function PlanStages({ plan, release, readiness }: { plan: PlanView; release: ReleaseSummary; readiness: PlanReadiness | null }) {
  return (
    <table className="small-table plan-table" data-testid="plan-stages">
      <caption className="visually-hidden">Stages of the plan</caption>
      <thead>
        <tr>
          <th scope="col">Stage</th>
          <th scope="col" className="num">Exposure</th>
          <th scope="col">Soak</th>
          <th scope="col" className="num">Min samples</th>
          <th scope="col">Promotion</th>
          <th scope="col">On failure</th>
          <th scope="col">Gates</th>
          <th scope="col">Time to decide</th>
        </tr>
      </thead>
      <tbody>
        {plan.plan.stages.map((s, i) => {
          const history = i < plan.editableFrom;
          const state = stageState(release, i);
          return (
            <tr key={i} className={history ? 'plan-history' : undefined} data-testid={`plan-stage-${i}`}>
              <th scope="row">
                {i + 1}. {s.label}
                <span className={`badge ${history ? 'badge-muted' : 'badge-info'} plan-tag`}>{history ? (state === 'current' ? 'Running · history' : 'History') : 'Editable'}</span>
              </th>
              <td className="num">{formatPct(s.exposure)}</td>
              <td>{formatDuration(durationSeconds(s.minSoak))}</td>
              <td className="num">{s.minSamples}</td>
              <td>{PROMOTION_LABEL[s.promotion]}</td>
              <td>{FAILURE_LABEL[s.onFailure]}</td>
              <td>
                {s.gates.length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  <ul className="plan-gates">
                    {s.gates.map((g) => (
                      <li key={g.id}>
                        <span className="mono">{g.id}</span> <span className="muted">({GATE_KIND_LABEL[g.kind]})</span>: {ruleText(g)} <span className="muted">· {gateScope(g)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td data-testid={`plan-readiness-${i}`}>
                <StageReadiness stage={readiness?.stages[i]} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function YamlView({ yaml }: { yaml: string }) {
  const id = useId();
  return (
    <div className="yaml-view">
      <label htmlFor={id} className="field-label">
        Plan as YAML (read-only)
      </label>
      <textarea id={id} className="textarea code" readOnly value={yaml} rows={Math.min(24, yaml.split('\n').length)} spellCheck={false} />
      <div className="form-buttons">
        <CopyButton text={yaml} />
      </div>
    </div>
  );
}

function PlanEditor({ releaseId, initial, readiness, onDone }: { releaseId: string; initial: string; readiness: PlanReadiness | null; onDone: (saved: boolean) => void }) {
  const { savePlan } = useWrites();
  // The YAML as typed is a draft until it is saved: a reload or Escape keeps it.
  const [text, setText, drafts] = useDraft(`plan:${releaseId}`, () => initial);
  const [issues, setIssues] = useState<InputIssue[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const issuesId = useId();

  useEffect(() => textarea.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await savePlan(releaseId, { yaml: text });
    setBusy(false);
    if (result.ok) {
      drafts.clear();
      onDone(true);
      return;
    }
    // The text stays as typed: fix the lines named and try again.
    setMessage(result.error.message);
    setIssues(result.error.issues ?? []);
  };

  return (
    <form className="form plan-editor" onSubmit={submit} noValidate data-testid="plan-editor">
      <DraftNotice restoredAt={drafts.restoredAt} onDiscard={drafts.discard} />
      <div className="field">
        <label htmlFor={id}>Plan YAML</label>
        <textarea
          id={id}
          ref={textarea}
          className="textarea code"
          value={text}
          rows={22}
          spellCheck={false}
          aria-invalid={issues ? true : undefined}
          aria-describedby={issues ? issuesId : undefined}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      {message ? (
        <div id={issuesId} className="error-banner" role="alert" data-testid="plan-errors">
          {issues?.length ? (
            <>
              <strong>The plan was not saved; fix {issues.length === 1 ? 'this' : 'these'} and try again:</strong>
              <IssueList issues={issues} />
            </>
          ) : (
            <>
              <strong>The plan was not saved:</strong> {message}
            </>
          )}
        </div>
      ) : null}
      <EditorReadiness text={text} readiness={readiness} />
      <SubmitCancel label="Check and save" busy={busy} onCancel={() => onDone(false)} />
    </form>
  );
}
