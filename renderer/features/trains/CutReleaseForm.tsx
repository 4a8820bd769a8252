import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { AppError } from '../../../shared/result.ts';
import { useStore } from '../../store/context.tsx';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';

/** Cuts a release from the train's current run, with the train's plan, and opens it. */
export function CutReleaseForm({ trainId, trainName }: { trainId: string; trainName: string }) {
  const cutRelease = useStore((s) => s.cutRelease);
  const navigate = useNavigate();
  const id = useId();
  const [version, setVersion] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!version.trim()) {
      setError({ code: 'invalid_input', message: 'Give the version to cut, e.g. 4.3.0.' });
      return;
    }
    setBusy(true);
    setError(null);
    const result = await cutRelease(trainId, version.trim());
    setBusy(false);
    if (result.ok) navigate(`/releases/${encodeURIComponent(result.value.release.id)}`);
    else setError(result.error);
  };
  return (
    <form className="cut-form" onSubmit={submit} noValidate aria-label={`Cut a release from ${trainName}`} data-testid={`cut-release-${trainId}`}>
      <div className="field">
        <label htmlFor={id}>Version</label>
        <input id={id} className="input mono" value={version} maxLength={40} placeholder="4.3.0" onChange={(e) => setVersion(e.target.value)} />
      </div>
      <button type="submit" className="button primary" aria-busy={busy || undefined} aria-disabled={busy || undefined}>
        Cut release
      </button>
      {error ? <ErrorBanner error={error} context="Could not cut the release" /> : null}
    </form>
  );
}
