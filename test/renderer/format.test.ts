import { describe, expect, it } from 'vitest';
import { formatTimestamp } from '../../renderer/lib/format.ts';

describe('formatTimestamp', () => {
  it('writes the local date and the time to the second, today as on any other day', () => {
    const today = new Date();
    today.setHours(3, 4, 5, 0);
    const y = today.getFullYear();
    const m = String(today.getMonth() + 1).padStart(2, '0');
    const d = String(today.getDate()).padStart(2, '0');
    expect(formatTimestamp(today.getTime())).toBe(`${y}-${m}-${d} 03:04:05`);
    expect(formatTimestamp(new Date(2026, 10, 22, 23, 59, 9).getTime())).toBe('2026-11-22 23:59:09');
  });
});
