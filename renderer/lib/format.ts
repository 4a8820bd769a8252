import { DAY_MS } from '../../shared/time.ts';

/** Two digits, as clocks and calendar days write them. */
export const pad2 = (n: number) => String(n).padStart(2, '0');

/** The local calendar day of an instant, YYYY-MM-DD: what a date input shows and how days group. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/** Chart axis ticks: local HH:mm. */
export function formatHourMinute(ms: number): string {
  const d = new Date(ms);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** Local HH:mm:ss, for tooltips and today's decisions. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  return `${formatHourMinute(ms)}:${pad2(d.getSeconds())}`;
}

/** Local date and time to the second, "2026-11-22 03:20:07": a log's rows are read days later, so every one carries its date. */
export function formatTimestamp(ms: number): string {
  return `${localDay(ms)} ${formatClock(ms)}`;
}

/** Today's times as a clock; older ones with their date, so a decision's age is never ambiguous. */
export function formatWhen(ms: number, now: number = Date.now()): string {
  const d = new Date(ms);
  const today = new Date(now);
  const sameDay = d.getFullYear() === today.getFullYear() && d.getMonth() === today.getMonth() && d.getDate() === today.getDate();
  if (sameDay) return formatClock(ms);
  return `${localDay(ms)} ${formatHourMinute(ms)}`;
}

const valueFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** A metric value with its unit: "0.4821 %", "212.5 ms". */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return unit ? `${valueFormat.format(value)} ${unit}` : valueFormat.format(value);
}

export { pctText as formatPct } from '../../shared/domain/words.ts';

/** A span in the largest units that matter: "29 d 4 h", "3 h 12 min", "45 min". */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes % 60} min`;
  return `${minutes} min`;
}

/** Local date and time, minutes: "2026-11-22 03:20". */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${localDay(ms)} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

const shortDate = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });

/** A phase date on a band: "Mon 16 Nov". */
export function formatShortDate(ms: number): string {
  return shortDate.format(new Date(ms));
}

/** How far from now, in words: "just now", "5 min ago", "in 3 h", "2 d ago". */
export function formatRelative(ms: number, now: number = Date.now()): string {
  const diff = ms - now;
  const abs = Math.abs(diff);
  if (abs < 45_000) return 'just now';
  const minutes = Math.round(abs / 60_000);
  const hours = Math.round(abs / 3_600_000);
  const days = Math.round(abs / DAY_MS);
  const span = minutes < 60 ? `${minutes} min` : hours < 36 ? `${hours} h` : `${days} d`;
  return diff < 0 ? `${span} ago` : `in ${span}`;
}

/** An estimate's duration, as rough as it is: "< 1 min", "≈ 40 min", "≈ 1.5 h", "≈ 3 h", "≈ 2 d", "> 1 year" (one rule for the screens and the pre-flight). */
export { approxMinutes as formatApproxMinutes } from '../../shared/preflight/text.ts';
