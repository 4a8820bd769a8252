import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { Fault } from '../../../shared/domain/faults.ts';
import { METRICS, MetricName } from '../../../shared/domain/metrics.ts';
import type { AppError } from '../../../shared/result.ts';
import { formatClock, formatWhen } from '../../lib/format.ts';
import { useNow } from '../../lib/useNow.ts';
import { useReads, useWrites } from '../../api/ApiProvider.tsx';
import { appErrorOf } from '../../api/hostError.ts';
import { FRESH_ON_OPEN } from '../../api/queries.ts';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';
import { faultSegmentIssues } from '../../../shared/domain/faults.ts';
import { useDraft } from '../../lib/drafts.ts';
import { DraftNotice } from '../../ui/DraftNotice.tsx';
import { FieldError, invalidProps } from '../../ui/FieldError.tsx';
import { ListState } from '../../ui/ListState.tsx';

const DIMENSIONS = ['region', 'device', 'tenant'] as const;
type Dimension = (typeof DIMENSIONS)[number];

function where(fault: Fault): string {
  const parts = DIMENSIONS.filter((d) => fault.segment[d]).map((d) => `${d} ${fault.segment[d]}`);
  return parts.length ? parts.join(', ') : 'all segments';
}

function faultState(fault: Fault, now: number): 'Active' | 'Planned' | 'Ended' {
  if (now >= fault.endsAt) return 'Ended';
  return now >= fault.startsAt ? 'Active' : 'Planned';
}

/** Plays a degradation into the built-in simulator's canary: for demos and rehearsals, never real traffic. */
export function SimulatorPanel({ releaseId }: { releaseId: string }) {
  const reads = useReads();
  const faults = useQuery({ ...reads.faults(releaseId), ...FRESH_ON_OPEN });
  const listError = appErrorOf(faults.error);
  const { injectFault, clearFaults } = useWrites();
  const now = useNow(5000);
  // Only the segments the simulator plays can be degraded: offered as a choice, not typed.
  const simulated = useQuery({ ...reads.segmentKeys(releaseId), ...FRESH_ON_OPEN }).data?.simulated ?? null;
  const ids = { metric: useId(), factor: useId(), starts: useId(), duration: useId(), region: useId(), device: useId(), tenant: useId(), problem: useId() };
  const [draft, setDraft, drafts] = useDraft(`fault:${releaseId}`, () => ({
    metric: 'p95_latency_ms' as MetricName,
    segment: { region: '', device: '', tenant: '' } as Record<Dimension, string>,
    factor: '1.5',
    starts: '0',
    duration: '600',
  }));
  const { metric, segment, factor, starts, duration } = draft;
  const change = (patch: Partial<typeof draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setProblems({});
  };
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const list = faults.data ?? null;
  const live = list?.filter((f) => faultState(f, now) !== 'Ended') ?? [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const f = Number(factor);
    const s = Number(starts);
    const d = Number(duration);
    const found: Record<string, string> = {};
    if (!(f > 0) || f > 1000) found.factor = 'The factor is above 0 and at most 1000 (1.5 = 50 % higher).';
    if (starts.trim() === '' || !Number.isInteger(s) || s < 0) found.startsInSeconds = 'The start is a whole number of seconds from now, 0 or more.';
    if (duration.trim() === '' || !Number.isInteger(d) || d < 1) found.durationSeconds = 'The duration is a whole number of seconds, at least 1.';
    if (simulated) for (const issue of faultSegmentIssues(segment, simulated)) found[issue.path] = issue.message;
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setError(null);
      return;
    }
    setBusy(true);
    setError(null);
    setMessage(null);
    const result = await injectFault(releaseId, {
      metric,
      segment: { region: segment.region.trim(), device: segment.device.trim(), tenant: segment.tenant.trim() },
      factor: f,
      startsInSeconds: s,
      durationSeconds: d,
    });
    setBusy(false);
    if (result.ok) {
      drafts.clear();
      setMessage(`Fault injected: ${METRICS[result.value.metric].label} × ${result.value.factor} in ${where(result.value)}, from ${formatClock(result.value.startsAt)}.`);
      return;
    }
    // The host's reasons go beside the fields they name.
    const beside = Object.fromEntries((result.error.issues ?? []).map((i) => [i.path, i.message]));
    setProblems(beside);
    if (Object.keys(beside).length === 0) setError(result.error);
  };

  const end = async () => {
    setError(null);
    const result = await clearFaults(releaseId);
    if (result.ok) setMessage(result.value.ended === 1 ? 'Ended 1 fault.' : `Ended ${result.value.ended} faults.`);
    else setError(result.error);
  };

  return (
    <section className="panel simulator-panel" aria-labelledby="sim-title" data-testid="simulator-panel">
      <h2 id="sim-title">Simulator (demo and rehearsal data only)</h2>
      <p className="muted field-hint">Scales the simulated canary’s metric in the segment you choose (All: every value). It never touches real traffic.</p>
      <form className="form" onSubmit={submit} noValidate aria-label="Inject a fault">
        <DraftNotice restoredAt={drafts.restoredAt} onDiscard={drafts.discard} />
        <div className="form-grid sim-grid">
          <div className="field">
            <label htmlFor={ids.metric}>Metric</label>
            <select id={ids.metric} className="select" value={metric} onChange={(e) => change({ metric: e.target.value as MetricName })}>
              {MetricName.options.map((m) => (
                <option key={m} value={m}>
                  {METRICS[m].label}
                </option>
              ))}
            </select>
          </div>
          {DIMENSIONS.filter((d) => !simulated || simulated[d].length > 0 || segment[d]).map((d) => (
            <div className="field" key={d}>
              <label htmlFor={ids[d]}>{d[0]!.toUpperCase() + d.slice(1)}</label>
              <select
                id={ids[d]}
                className="select"
                value={segment[d]}
                {...invalidProps(problems[`segment.${d}`], `${ids[d]}-problem`)}
                onChange={(e) => change({ segment: { ...segment, [d]: e.target.value } })}
              >
                <option value="">All</option>
                {/* A value from a draft the simulator no longer plays stays visible, so its problem can be read and fixed. */}
                {segment[d] && !simulated?.[d].includes(segment[d]) ? <option value={segment[d]}>{segment[d]}</option> : null}
                {simulated?.[d].map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
              <FieldError id={`${ids[d]}-problem`} message={problems[`segment.${d}`]} />
            </div>
          ))}
          <div className="field">
            <label htmlFor={ids.factor}>Factor</label>
            <input id={ids.factor} className="input" type="number" min="0.01" step="0.1" value={factor} {...invalidProps(problems.factor, `${ids.factor}-problem`)} onChange={(e) => change({ factor: e.target.value })} />
            <FieldError id={`${ids.factor}-problem`} message={problems.factor} />
          </div>
          <div className="field">
            <label htmlFor={ids.starts}>Starts in (seconds)</label>
            <input id={ids.starts} className="input" type="number" min="0" step="1" value={starts} {...invalidProps(problems.startsInSeconds, `${ids.starts}-problem`)} onChange={(e) => change({ starts: e.target.value })} />
            <FieldError id={`${ids.starts}-problem`} message={problems.startsInSeconds} />
          </div>
          <div className="field">
            <label htmlFor={ids.duration}>Duration (seconds)</label>
            <input id={ids.duration} className="input" type="number" min="1" step="1" value={duration} {...invalidProps(problems.durationSeconds, `${ids.duration}-problem`)} onChange={(e) => change({ duration: e.target.value })} />
            <FieldError id={`${ids.duration}-problem`} message={problems.durationSeconds} />
          </div>
        </div>
        <div className="form-buttons">
          <button type="submit" className="button primary" aria-busy={busy || undefined} aria-disabled={busy || undefined} aria-keyshortcuts="Control+Enter Meta+Enter">
            Inject fault
          </button>
          <button type="button" className="button danger" onClick={() => void end()} disabled={live.length === 0}>
            End faults
          </button>
          <span role="status" className="form-status" data-testid="simulator-status">
            {message ?? ''}
          </span>
        </div>
      </form>
      {error ? <ErrorBanner error={error} context="The simulator refused" /> : null}
      <ListState items={list} error={listError} failed="Could not list the faults" loading="faults" empty="No faults injected." />
      {list && list.length > 0 ? (
        <table className="small-table fault-table" data-testid="fault-list">
          <caption className="visually-hidden">Faults of this release</caption>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Where</th>
              <th scope="col" className="num">Factor</th>
              <th scope="col">From</th>
              <th scope="col">Until</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {list.map((f) => {
              const state = faultState(f, now);
              return (
                <tr key={f.id} className={`fault-${state.toLowerCase()}`}>
                  <td>{METRICS[f.metric].label}</td>
                  <td>{where(f)}</td>
                  <td className="num">× {f.factor}</td>
                  <td>{formatWhen(f.startsAt, now)}</td>
                  <td>{formatWhen(f.endsAt, now)}</td>
                  <td>
                    <span className={`badge ${state === 'Active' ? 'badge-bad' : state === 'Planned' ? 'badge-warn' : 'badge-muted'}`}>{state}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
