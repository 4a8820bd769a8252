import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { TrainVersion } from '../../../shared/domain/trains.ts';
import type { AppError } from '../../../shared/result.ts';
import { useDraft } from '../../lib/drafts.ts';
import { sentence } from '../../lib/sentence.ts';
import { useReads, useWrites } from '../../api/ApiProvider.tsx';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';
import { FieldError, invalidProps } from '../../ui/FieldError.tsx';

/** Why this version cannot be cut from the train, in the words the host would use; null when it can. */
export function versionProblem(version: string, cutAlready: readonly { version: string; name: string }[]): string | null {
  const parsed = TrainVersion.safeParse(version);
  if (!parsed.success) return sentence(parsed.error.issues[0]?.message ?? 'not a version');
  const taken = cutAlready.find((r) => r.version === parsed.data);
  return taken ? sentence(`${parsed.data} was cut already, as ${taken.name}`) : null;
}

/** Cuts a release from the train's current run, with the train's plan, and opens it. */
export function CutReleaseForm({ trainId, trainName }: { trainId: string; trainName: string }) {
  const { cutRelease } = useWrites();
  const releases = useQuery(useReads().releases()).data ?? null;
  const navigate = useNavigate();
  const id = useId();
  const hintId = useId();
  const [version, setVersion, draft] = useDraft(`cut:${trainId}`, () => '');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const cutAlready = releases?.filter((r) => r.trainId === trainId) ?? [];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const invalid = versionProblem(version, cutAlready);
    setProblem(invalid);
    if (invalid) return;
    setBusy(true);
    setError(null);
    const result = await cutRelease(trainId, version.trim());
    setBusy(false);
    if (result.ok) {
      draft.clear();
      navigate(`/releases/${encodeURIComponent(result.value.release.id)}`);
      return;
    }
    const beside = result.error.issues?.find((i) => i.path === 'version');
    if (beside) setProblem(sentence(beside.message));
    else setError(result.error);
  };
  return (
    <form className="cut-form" onSubmit={submit} noValidate aria-label={`Cut a release from ${trainName}`} data-testid={`cut-release-${trainId}`}>
      <div className="field">
        <label htmlFor={id}>Version</label>
        <input
          id={id}
          className="input mono"
          value={version}
          maxLength={40}
          placeholder="4.3.0"
          {...invalidProps(problem ?? undefined, `${id}-problem`, hintId)}
          onChange={(e) => {
            setVersion(e.target.value);
            if (problem) setProblem(versionProblem(e.target.value, cutAlready));
          }}
        />
        <p id={hintId} className="field-hint">
          {cutAlready.length ? `Cut already: ${cutAlready.map((r) => r.version).join(', ')}.` : 'Numbers with dots, like 4.3.0; -rc.1 may follow.'}
        </p>
        <FieldError id={`${id}-problem`} message={problem ?? undefined} />
      </div>
      <button type="submit" className="button primary" aria-busy={busy || undefined} aria-disabled={busy || undefined}>
        Cut release
      </button>
      {error ? <ErrorBanner error={error} context="Could not cut the release" /> : null}
    </form>
  );
}
