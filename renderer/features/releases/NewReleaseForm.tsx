import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { TargetKind } from '../../../shared/domain/release.ts';
import type { AppError } from '../../../shared/result.ts';
import { TARGET_LABEL } from '../../lib/labels.ts';
import { useStore } from '../../store/context.tsx';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';
import { SubmitCancel } from '../../ui/SubmitCancel.tsx';
import { useDraft } from '../../lib/drafts.ts';
import { DraftNotice } from '../../ui/DraftNotice.tsx';

/** A planned release on the target's default plan; it opens once the host has made it. */
export function NewReleaseForm({ onCancel }: { onCancel: () => void }) {
  const createRelease = useStore((s) => s.createRelease);
  const navigate = useNavigate();
  const ids = { name: useId(), app: useId(), version: useId(), target: useId() };
  // Kept as a draft until the release is made or the draft discarded.
  const [draft, setDraft, drafts] = useDraft('release:new', () => ({ name: '', app: '', version: '', target: 'service' as TargetKind }));
  const { name, app, version, target } = draft;
  const setName = (name: string) => setDraft((d) => ({ ...d, name }));
  const setApp = (app: string) => setDraft((d) => ({ ...d, app }));
  const setVersion = (version: string) => setDraft((d) => ({ ...d, version }));
  const setTarget = (target: TargetKind) => setDraft((d) => ({ ...d, target }));
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const missing = [!name.trim() && 'name', !app.trim() && 'app', !version.trim() && 'version'].filter(Boolean);
    if (missing.length) {
      setError({ code: 'invalid_input', message: `Fill in the ${missing.join(', ')}.` });
      return;
    }
    setBusy(true);
    const result = await createRelease({ name: name.trim(), app: app.trim(), version: version.trim(), target });
    setBusy(false);
    if (result.ok) {
      drafts.clear();
      navigate(`/releases/${encodeURIComponent(result.value.release.id)}`);
    } else setError(result.error);
  };

  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="new-release-title" data-testid="new-release-form">
      <h2 id="new-release-title">New release</h2>
      <DraftNotice restoredAt={drafts.restoredAt} onDiscard={drafts.discard} />
      <div className="form-grid">
        <div className="field">
          <label htmlFor={ids.name}>Name</label>
          <input id={ids.name} ref={first} className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder="checkout-api 2026.12.1" maxLength={120} />
        </div>
        <div className="field">
          <label htmlFor={ids.app}>App</label>
          <input id={ids.app} className="input" value={app} onChange={(e) => setApp(e.target.value)} placeholder="checkout-api" maxLength={120} />
        </div>
        <div className="field">
          <label htmlFor={ids.version}>Version</label>
          <input id={ids.version} className="input mono" value={version} onChange={(e) => setVersion(e.target.value)} placeholder="2026.12.1" maxLength={40} />
        </div>
        <div className="field">
          <label htmlFor={ids.target}>Target</label>
          <select id={ids.target} className="select" value={target} onChange={(e) => setTarget(e.target.value as TargetKind)}>
            {TargetKind.options.map((t) => (
              <option key={t} value={t}>
                {TARGET_LABEL[t]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="field-hint">The release follows the default plan for its target and starts as planned; start it from its page.</p>
      {error ? <ErrorBanner error={error} context="Could not create the release" /> : null}
      <SubmitCancel label="Create release" busy={busy} onCancel={onCancel} />
    </form>
  );
}
