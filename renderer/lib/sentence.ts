/** A message as a sentence beside a field: capitalised, with its full stop ("use at least 2 characters" → "Use at least 2 characters."). */
export function sentence(message: string): string {
  const text = message.trim();
  if (!text) return text;
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.?!…]$/.test(capital) ? capital : `${capital}.`;
}
