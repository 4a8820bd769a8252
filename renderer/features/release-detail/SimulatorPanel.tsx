import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Fault } from '../../../shared/domain/faults.ts';
import { METRICS, MetricName } from '../../../shared/domain/metrics.ts';
import type { AppError } from '../../../shared/result.ts';
import { formatClock, formatWhen } from '../../lib/format.ts';
import { useNow } from '../../lib/useNow.ts';
import { useStore } from '../../store/context.tsx';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';
import { Loading } from '../../ui/Loading.tsx';

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

/** Segment keys the gates have seen, offered as suggestions in the inputs. */
function useKnownKeys(releaseId: string): Record<Dimension, string[]> {
  const gates = useStore((s) => s.gates);
  const keys: Record<Dimension, Set<string>> = { region: new Set(), device: new Set(), tenant: new Set() };
  if (gates?.releaseId === releaseId) for (const r of gates.status?.results ?? []) for (const s of r.segments) keys[s.dimension].add(s.key);
  return { region: [...keys.region].sort(), device: [...keys.device].sort(), tenant: [...keys.tenant].sort() };
}

/** Plays a degradation into the built-in simulator's canary: for demos and rehearsals, never real traffic. */
export function SimulatorPanel({ releaseId }: { releaseId: string }) {
  const openFaults = useStore((s) => s.openFaults);
  const closeFaults = useStore((s) => s.closeFaults);
  const faults = useStore((s) => s.faults);
  const listError = useStore((s) => s.faultsError);
  const injectFault = useStore((s) => s.injectFault);
  const clearFaults = useStore((s) => s.clearFaults);
  const now = useNow(5000);
  const known = useKnownKeys(releaseId);
  const ids = { metric: useId(), factor: useId(), starts: useId(), duration: useId(), region: useId(), device: useId(), tenant: useId() };
  const [metric, setMetric] = useState<MetricName>('p95_latency_ms');
  const [segment, setSegment] = useState<Record<Dimension, string>>({ region: '', device: '', tenant: '' });
  const [factor, setFactor] = useState('1.5');
  const [starts, setStarts] = useState('0');
  const [duration, setDuration] = useState('600');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    openFaults(releaseId);
    return closeFaults;
  }, [releaseId, openFaults, closeFaults]);

  const list = faults?.releaseId === releaseId ? faults.list : null;
  const live = list?.filter((f) => faultState(f, now) !== 'Ended') ?? [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const f = Number(factor);
    const s = Number(starts);
    const d = Number(duration);
    if (!(f > 0) || !Number.isInteger(s) || s < 0 || !Number.isInteger(d) || d < 1) {
      setError({ code: 'invalid_input', message: 'The factor must be above 0, the start a whole number of seconds from 0, the duration at least 1 second.' });
      return;
    }
    setBusy(true);
    setError(null);
    setMessage(null);
    const result = await injectFault({
      metric,
      segment: { region: segment.region.trim(), device: segment.device.trim(), tenant: segment.tenant.trim() },
      factor: f,
      startsInSeconds: s,
      durationSeconds: d,
    });
    setBusy(false);
    if (result.ok) setMessage(`Fault injected: ${METRICS[result.value.metric].label} × ${result.value.factor} in ${where(result.value)}, from ${formatClock(result.value.startsAt)}.`);
    else setError(result.error);
  };

  const end = async () => {
    setError(null);
    const result = await clearFaults();
    if (result.ok) setMessage(result.value.ended === 1 ? 'Ended 1 fault.' : `Ended ${result.value.ended} faults.`);
    else setError(result.error);
  };

  return (
    <section className="panel simulator-panel" aria-labelledby="sim-title" data-testid="simulator-panel">
      <h2 id="sim-title">Simulator (demo and rehearsal data only)</h2>
      <p className="muted field-hint">Scales the simulated canary’s metric in the segment you name (empty: every value). It never touches real traffic.</p>
      <form className="form" onSubmit={submit} noValidate aria-label="Inject a fault">
        <div className="form-grid sim-grid">
          <div className="field">
            <label htmlFor={ids.metric}>Metric</label>
            <select id={ids.metric} className="select" value={metric} onChange={(e) => setMetric(e.target.value as MetricName)}>
              {MetricName.options.map((m) => (
                <option key={m} value={m}>
                  {METRICS[m].label}
                </option>
              ))}
            </select>
          </div>
          {DIMENSIONS.map((d) => (
            <div className="field" key={d}>
              <label htmlFor={ids[d]}>{d[0]!.toUpperCase() + d.slice(1)}</label>
              <input
                id={ids[d]}
                className="input"
                value={segment[d]}
                placeholder="all"
                list={known[d].length ? `${ids[d]}-list` : undefined}
                onChange={(e) => setSegment({ ...segment, [d]: e.target.value })}
              />
              {known[d].length ? (
                <datalist id={`${ids[d]}-list`}>
                  {known[d].map((k) => (
                    <option key={k} value={k} />
                  ))}
                </datalist>
              ) : null}
            </div>
          ))}
          <div className="field">
            <label htmlFor={ids.factor}>Factor</label>
            <input id={ids.factor} className="input" type="number" min="0.01" step="0.1" value={factor} onChange={(e) => setFactor(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={ids.starts}>Starts in (seconds)</label>
            <input id={ids.starts} className="input" type="number" min="0" step="1" value={starts} onChange={(e) => setStarts(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={ids.duration}>Duration (seconds)</label>
            <input id={ids.duration} className="input" type="number" min="1" step="1" value={duration} onChange={(e) => setDuration(e.target.value)} />
          </div>
        </div>
        <div className="form-buttons">
          <button type="submit" className="button primary" aria-busy={busy || undefined} aria-disabled={busy || undefined}>
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
      {listError ? <ErrorBanner error={listError} context="Could not list the faults" /> : null}
      {!list && !listError ? <Loading what="faults" /> : null}
      {list && list.length === 0 ? <p className="empty">No faults injected.</p> : null}
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
