import { DAY_MS } from '../../../shared/time.ts';

/** Weekdays as Date#getUTCDay numbers them, Monday first as people list them. */
export const WEEKDAYS: readonly { day: number; label: string }[] = [
  { day: 1, label: 'Monday' },
  { day: 2, label: 'Tuesday' },
  { day: 3, label: 'Wednesday' },
  { day: 4, label: 'Thursday' },
  { day: 5, label: 'Friday' },
  { day: 6, label: 'Saturday' },
  { day: 0, label: 'Sunday' },
];

/**
 * The most recent `weekday` at `hour`:`minute` UTC at or before `now`: a new train's first
 * kickoff, so its current run is already in progress and its phases show where the team stands.
 */
export function firstKickoff(weekday: number, hour: number, minute: number, now: number): number {
  const today = new Date(now);
  const sameDay = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), hour, minute);
  let t = sameDay - ((today.getUTCDay() - weekday + 7) % 7) * DAY_MS;
  if (t > now) t -= 7 * DAY_MS;
  return t;
}

/** "09:30" → [9, 30]; null when it is not a time of day. */
export function parseTimeOfDay(text: string): [number, number] | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? [h, min] : null;
}

/** A train id from its name: "Shopper Android weekly" → "shopper-android-weekly". */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

const utc = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

export function formatUtc(ms: number): string {
  return `${utc.format(new Date(ms))} UTC`;
}
