import { HttpClient, type ErrorContext, type ErrorVerdict, type HttpClientOptions } from './http.ts';
import type { FetchWindow, SourceLimits } from './types.ts';

/** How many points a window asks for per series, both ends counted. */
export function windowPoints(w: FetchWindow): number {
  return Math.floor((w.end - w.start) / (w.stepSeconds * 1000)) + 1;
}

/** When a rate limit lifts, as the end of a 429's message says it. */
export function limitResets(retryAfterMs: number | null): string {
  return retryAfterMs === null ? 'try again later' : `the limit resets in ${Math.ceil(retryAfterMs / 1000)} s`;
}

/** What each provider says when a window is refused before anything is sent. */
export interface WindowWords {
  backwards: string;
  /** The provider's own step rule: what is wrong with the step, or null. */
  step: (stepSeconds: number) => string | null;
  tooMany: (points: number, stepSeconds: number) => string;
}

/**
 * What the sources over HTTP share: one HttpClient, let go with the source, whose error answers the
 * source reads before the status does; and the window checks, so a backfill learns to split before it sends.
 */
export abstract class HttpSource {
  abstract readonly limits: SourceLimits;
  protected readonly http: HttpClient;

  protected constructor(options: Omit<HttpClientOptions, 'onError'>) {
    this.http = new HttpClient({ ...options, onError: (ctx) => this.verdict(ctx) });
  }

  close(): Promise<void> {
    return this.http.close();
  }

  /** The provider's reading of an error answer; null leaves it to the status. */
  protected abstract verdict(ctx: ErrorContext): ErrorVerdict | null;

  protected checkWindow(w: FetchWindow, words: WindowWords): void {
    if (!Number.isFinite(w.start) || !Number.isFinite(w.end) || w.end < w.start) throw this.http.fail('bad_request', words.backwards);
    const step = words.step(w.stepSeconds);
    if (step !== null) throw this.http.fail('bad_request', step);
    const points = windowPoints(w);
    if (points > this.limits.maxPointsPerSeries) throw this.http.fail('bad_request', words.tooMany(points, w.stepSeconds));
  }
}
