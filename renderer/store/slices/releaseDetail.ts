import type { Action, Decision, ReleaseDetail } from '../../../shared/domain/release.ts';
import type { OverrideReason } from '../../../shared/rollout/guardRules.ts';
import type { AppError, Result } from '../../../shared/result.ts';
import { coalesce } from '../../lib/coalesce.ts';
import type { SliceCreator } from '../types.ts';

export interface ReleaseDetailSlice {
  /** The release on screen; pushes about other releases are ignored. */
  detailId: string | null;
  /** The last answer for detailId (kept while refreshing, so live updates do not flash). */
  detail: ReleaseDetail | null;
  detailError: AppError | null;
  openRelease(releaseId: string): void;
  closeRelease(): void;
  refreshRelease(): Promise<void>;
  /**
   * An override is needed to go on against failing gates; the host answers override_required without one.
   * `options`: a start's monitor and pre-flight override, or the fraction a halted Google Play rollout resumes at.
   */
  decide(action: Action, reason: string, override?: DecisionOverride, options?: DecideOptions): Promise<Result<ReleaseDetail>>;
  /** A decision pushed by the host (ours or someone else's) goes on top of the list at once. */
  addDecision(decision: Decision): void;
}

/** What a start carries besides its reason: who watches, and why to start although the pre-flight failed. */
/** What a decision may carry besides its reason: a start's monitor and pre-flight override, a Play resume's fraction. */
export type DecideOptions = StartOptions & { exposurePct?: number };

export interface StartOptions {
  monitor?: string;
  preflightOverride?: { reason: string };
}

export interface DecisionOverride {
  reasonCode: OverrideReason;
  expiresInMinutes: number;
}

/** Errors after which what we show is probably stale. */
const STALE_CODES = new Set(['illegal_action', 'conflict', 'not_found']);

export const createReleaseDetailSlice: SliceCreator<ReleaseDetailSlice> = (client) => (set, get) => {
  // Tickets are taken when a request starts; an answer older than the one shown is dropped, so
  // a slow refresh cannot undo a decision that already came back.
  let nextTicket = 0;
  let shownTicket = 0;
  const apply = (ticket: number, releaseId: string, detail: ReleaseDetail) => {
    if (get().detailId !== releaseId || ticket < shownTicket) return;
    shownTicket = ticket;
    set({ detail, detailError: null });
  };

  const refresh = coalesce(async () => {
    const releaseId = get().detailId;
    if (!releaseId) return;
    const ticket = ++nextTicket;
    const result = await client.getRelease({ releaseId });
    if (result.ok) apply(ticket, releaseId, result.value);
    else if (get().detailId === releaseId) set({ detailError: result.error });
  });

  return {
    detailId: null,
    detail: null,
    detailError: null,
    openRelease: (releaseId) => {
      const keep = get().detail?.release.id === releaseId;
      set({ detailId: releaseId, detailError: null, ...(keep ? {} : { detail: null }) });
      void refresh();
      get().openMetrics(releaseId);
    },
    closeRelease: () => set({ detailId: null }),
    refreshRelease: refresh,
    decide: async (action, reason, override, options) => {
      const releaseId = get().detailId;
      if (!releaseId) return { ok: false, error: { code: 'not_found', message: 'No release is open.' } };
      const ticket = ++nextTicket;
      const extra = action === 'start' ? { ...(options?.monitor ? { monitor: options.monitor } : {}), ...(options?.preflightOverride ? { preflightOverride: options.preflightOverride } : {}) } : {};
      const exposure = options?.exposurePct === undefined ? {} : { exposurePct: options.exposurePct };
      const result = await client.decide({ releaseId, action, reason, ...(override ? { override } : {}), ...extra, ...exposure });
      if (result.ok) {
        apply(ticket, releaseId, result.value);
        get().replaceSummary({ ...result.value.release, sourceStatus: result.value.source });
      } else if (STALE_CODES.has(result.error.code)) {
        void refresh();
      }
      return result;
    },
    addDecision: (decision) => {
      const detail = get().detail;
      if (!detail || detail.release.id !== decision.releaseId) return;
      if (detail.decisions.some((d) => d.id === decision.id)) return;
      const decisions = [decision, ...detail.decisions].sort((a, b) => b.createdAt - a.createdAt);
      set({ detail: { ...detail, decisions } });
    },
  };
};
