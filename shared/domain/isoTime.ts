/**
 * ISO 8601 date-times as tools write them, one reading for the contract and the CLI's files. A zone
 * is needed: without one, the same text is a different instant on every machine. Taken as well: a
 * space for the T, as RFC 3339 allows and pandas and Python's str() write; t and z in lower case, as
 * RFC 3339 allows; a comma before the fraction, as ISO 8601 prefers; a zone without its colon, as
 * strftime's %z writes, or of hours alone, as PostgreSQL writes (+00). ISO 8601's basic format too
 * (20260302T080000Z, as S3 keys and AWS signatures write it), whole: basic date, time and zone.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})([.,]\d+)?)?([Zz]|([+-])(\d{2})(?::?(\d{2}))?)$/;

/** The basic format, its groups as ISO's: the T is needed, so epoch milliseconds are never read as one. */
const BASIC = /^(\d{4})(\d{2})(\d{2})[Tt](\d{2})(\d{2})(?:(\d{2})([.,]\d+)?)?([Zz]|([+-])(\d{2})(\d{2})?)$/;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const daysIn = (year: number, month: number): number => (month === 2 && isLeap(year) ? 29 : DAYS[month - 1]!);

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export const notATime = (text: string): Parsed<number> => ({ ok: false, message: `"${text}" is not a time: write ISO 8601 with its zone (2026-03-02T08:00:00Z) or epoch milliseconds` });

/**
 * Epoch milliseconds of an ISO date-time; null when the text is not shaped as one. Date.parse rolls an
 * impossible day over (February 30 is March 2), so the calendar is checked here. 24:00 is the end of
 * a day, as ISO 8601 and Date.parse take it; a fraction finer than a millisecond is cut off, as
 * Date.parse does.
 */
export function parseIsoTime(text: string): Parsed<number> | null {
  const m = ISO.exec(text) ?? BASIC.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const fraction = m[7] ? Number(m[7].slice(1, 4).padEnd(3, '0')) : 0;
  if (month < 1 || month > 12) return { ok: false, message: `"${text}" is not a time: there is no month ${month}` };
  const days = daysIn(year, month);
  if (day < 1 || day > days) return { ok: false, message: `"${text}" is not a time: ${MONTHS[month - 1]} ${year} has ${days} days` };
  const endOfDay = hour === 24 && minute === 0 && second === 0 && fraction === 0;
  if ((hour > 23 && !endOfDay) || minute > 59 || second > 59) return notATime(text);
  let offset = 0;
  if (m[8] !== 'Z' && m[8] !== 'z') {
    const [oh, om] = [Number(m[10]), Number(m[11] ?? '0')];
    if (oh > 23 || om > 59) return notATime(text);
    offset = (m[9] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, fraction);
  return { ok: true, value: utc.getTime() - offset };
}
