import type { Flag, FlagState } from '../../../shared/domain/flags.ts';

export type Attention = 'expired' | 'stale' | null;

/** What is wrong with a flag, the worse first: past its expiry, or left untouched for a month. */
export function attentionOf(flag: Pick<Flag, 'expired' | 'stale'>): Attention {
  if (flag.expired) return 'expired';
  if (flag.stale) return 'stale';
  return null;
}

const RANK: Record<Exclude<Attention, null> | 'ok', number> = { expired: 0, stale: 1, ok: 2 };

/** Flags needing attention on top (expired, then stale, longest overdue first), then the rest by key. */
export function sortFlags<F extends Pick<Flag, 'key' | 'expired' | 'stale' | 'expiresAt' | 'updatedAt'>>(flags: readonly F[]): F[] {
  return [...flags].sort((a, b) => {
    const ra = RANK[attentionOf(a) ?? 'ok'];
    const rb = RANK[attentionOf(b) ?? 'ok'];
    if (ra !== rb) return ra - rb;
    if (ra === RANK.expired && a.expiresAt !== b.expiresAt) return (a.expiresAt ?? 0) - (b.expiresAt ?? 0);
    if (ra === RANK.stale && a.updatedAt !== b.updatedAt) return a.updatedAt - b.updatedAt;
    return a.key.localeCompare(b.key);
  });
}

export function visibleFlags<F extends Pick<Flag, 'key' | 'expired' | 'stale' | 'expiresAt' | 'updatedAt'>>(flags: readonly F[], needsAttention: boolean): F[] {
  const sorted = sortFlags(flags);
  return needsAttention ? sorted.filter((f) => attentionOf(f) !== null) : sorted;
}

export function stateText(state: FlagState | undefined): string {
  if (!state) return 'Off';
  if (state.mode === 'percentage') return `${state.pct}%`;
  return state.mode === 'on' ? 'On' : 'Off';
}
