import { z } from 'zod';

/** "90s", "30m", "1h30m", "2d", or a number of seconds. */
export const Duration = z.union([
  z.number().int().min(0),
  z
    .string()
    .regex(/^(\d+d)?(\d+h)?(\d+m)?(\d+s)?$/, 'a duration such as 30m, 1h30m or 2d')
    .refine((s) => s.length > 0, 'a duration such as 30m, 1h30m or 2d'),
]);

export function durationSeconds(d: z.infer<typeof Duration>): number {
  if (typeof d === 'number') return d;
  const unit = { d: 86_400, h: 3_600, m: 60, s: 1 } as const;
  let total = 0;
  for (const [, n, u] of d.matchAll(/(\d+)([dhms])/g)) total += Number(n) * unit[u as keyof typeof unit];
  return total;
}

export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  const parts: string[] = [];
  let rest = seconds;
  for (const [u, size] of [['d', 86_400], ['h', 3_600], ['m', 60], ['s', 1]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${u}`);
      rest %= size;
    }
  }
  return parts.join('');
}

/** How far a soak has got, in the plan's units: "30m18s of 1d". */
export function formatSoakProgress(soakedMs: number, minSoakSeconds: number): string {
  return `${formatDuration(Math.floor(soakedMs / 1000))} of ${formatDuration(minSoakSeconds)}`;
}
