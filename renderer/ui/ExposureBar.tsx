import { formatPct } from '../lib/format.ts';

/** The exposure as a number and a bar; the width is set through CSSOM, which the CSP allows. */
export function ExposureBar({ pct }: { pct: number }) {
  return (
    <span className="exposure">
      <span className="exposure-track" aria-hidden="true">
        <span className="exposure-fill" style={{ width: `${Math.max(0, Math.min(100, pct))}%` }} />
      </span>
      <span className="exposure-value">{formatPct(pct)}</span>
    </span>
  );
}
