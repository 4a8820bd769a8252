const pad = (n: number) => String(n).padStart(2, '0');

/** Chart axis ticks: local HH:mm. */
export function formatHourMinute(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Local HH:mm:ss, for tooltips and today's decisions. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  return `${formatHourMinute(ms)}:${pad(d.getSeconds())}`;
}

/** Today's times as a clock; older ones with their date, so a decision's age is never ambiguous. */
export function formatWhen(ms: number, now: number = Date.now()): string {
  const d = new Date(ms);
  const today = new Date(now);
  const sameDay = d.getFullYear() === today.getFullYear() && d.getMonth() === today.getMonth() && d.getDate() === today.getDate();
  if (sameDay) return formatClock(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatHourMinute(ms)}`;
}

const valueFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** A metric value with its unit: "0.4821 %", "212.5 ms". */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return unit ? `${valueFormat.format(value)} ${unit}` : valueFormat.format(value);
}

export function formatPct(pct: number): string {
  return `${Number.isInteger(pct) ? pct : pct.toFixed(1)}%`;
}

/** A span in the largest units that matter: "29 d 4 h", "3 h 12 min", "45 min". */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes % 60} min`;
  return `${minutes} min`;
}
