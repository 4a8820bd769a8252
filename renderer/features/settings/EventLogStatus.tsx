import { useState } from 'react';
import type { ChainReport } from '../../../shared/domain/events.ts';
import { useWrites } from '../../api/ApiProvider.tsx';

/** The hash chain's state, and a way to walk it again on demand. */
export function EventLogStatus({ report }: { report: ChainReport }) {
  const { verifyEventLog: verify } = useWrites();
  const [busy, setBusy] = useState(false);
  const check = async () => {
    setBusy(true);
    await verify();
    setBusy(false);
  };
  return (
    <section className="panel" aria-labelledby="log-title">
      <h2 id="log-title">Event log integrity</h2>
      <p data-testid="event-log-status" className={report.ok ? 'log-ok' : 'log-broken'}>
        {report.ok
          ? `Intact: ${report.checked} entries checked, the hash chain is unbroken.`
          : `Altered at entry ${report.brokenAt ?? '?'}: ${report.problem ?? 'the hash chain does not match'}.`}
      </p>
      <button type="button" className="button" onClick={check} aria-busy={busy || undefined}>
        {busy ? 'Verifying…' : 'Verify again'}
      </button>
    </section>
  );
}
