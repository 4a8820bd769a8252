import { REASON_MAX_CHARS, REASON_MIN_CHARS } from '../../shared/domain/reason.ts';

/** The same bounds the contract puts on a reason, checked before the round trip. */
export function reasonProblem(reason: string): string | null {
  const length = reason.trim().length;
  if (length < REASON_MIN_CHARS) return `Say why, in at least ${REASON_MIN_CHARS} characters.`;
  if (length > REASON_MAX_CHARS) return `Keep the reason under ${REASON_MAX_CHARS} characters (${length - REASON_MAX_CHARS} too many).`;
  return null;
}

/** What the counter under a reason box says as it is typed: how much there is against the limit. */
export function reasonCount(reason: string): { text: string; tone: 'short' | 'ok' | 'near' | 'over' } {
  const length = reason.trim().length;
  const text = `${length} / ${REASON_MAX_CHARS}`;
  if (length > REASON_MAX_CHARS) return { text: `${text} — ${length - REASON_MAX_CHARS} too many`, tone: 'over' };
  if (length < REASON_MIN_CHARS) return { text: `${text} — at least ${REASON_MIN_CHARS}`, tone: 'short' };
  return { text, tone: length > REASON_MAX_CHARS * 0.9 ? 'near' : 'ok' };
}
