/** The same bounds the contract puts on a reason, checked before the round trip. */
export function reasonProblem(reason: string): string | null {
  const length = reason.trim().length;
  if (length < 3) return 'Say why, in at least 3 characters.';
  if (length > 500) return 'Keep the reason under 500 characters.';
  return null;
}
