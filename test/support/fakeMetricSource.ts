import type { ConnectionTest, RawSeries } from '../../shared/index.ts';
import { SourceError, type FetchWindow, type MetricSourceClient, type SourceLimits } from '../../electron/core/sources/types.ts';

/** Per interval and region, how many requests and errors a version serves. */
export type Traffic = (version: string, region: string, t: number) => { requests: number; errors: number };

/**
 * A metrics provider in memory, for the poller's own rules (gaps, chunking, staleness). It answers
 * `errors{version="…"}` and `requests{version="…"}` per region, refuses a window over its points
 * limit like Prometheus, and can be taken down. The real clients are tested against the real thing.
 */
export class FakeMetricSource implements MetricSourceClient {
  readonly kind = 'prometheus' as const;
  readonly limits: SourceLimits;
  down = false;
  readonly windows: FetchWindow[] = [];
  readonly #traffic: Traffic;
  readonly #regions: readonly string[];

  constructor(traffic: Traffic, regions: readonly string[], limits: SourceLimits = { maxPointsPerSeries: 11_000, minStepSeconds: 1 }) {
    this.#traffic = traffic;
    this.#regions = regions;
    this.limits = limits;
  }

  cohortMatcher(label: string, value: string): string {
    return `${label}="${value}"`;
  }

  queryRange(query: string, window: FetchWindow): Promise<RawSeries[]> {
    if (this.down) return Promise.reject(new SourceError('unreachable', 'Prometheus at http://127.0.0.1:9 refused the connection: is it running?'));
    const match = /^(errors|requests)\{version="([^"]+)"\}$/.exec(query);
    if (!match) return Promise.reject(new SourceError('bad_request', `bad query ${query}`, null, 400));
    const stepMs = window.stepSeconds * 1000;
    const points = Math.floor((window.end - window.start) / stepMs) + 1;
    if (points > this.limits.maxPointsPerSeries) return Promise.reject(new SourceError('bad_request', 'exceeded maximum resolution of 11,000 points per timeseries', null, 400));
    this.windows.push(window);
    const [, what, version] = match as unknown as [string, 'errors' | 'requests', string];
    return Promise.resolve(
      this.#regions.map((region) => {
        const out: [number, number | null][] = [];
        for (let t = window.start; t <= window.end; t += stepMs) {
          const traffic = this.#traffic(version, region, t);
          if (traffic.requests === 0) continue;
          out.push([t, traffic[what]]);
        }
        return { labels: { region, version }, points: out };
      }).filter((s) => s.points.length > 0),
    );
  }

  test(now: number): Promise<ConnectionTest> {
    return Promise.resolve({ ok: !this.down, at: now, problem: this.down ? 'unreachable' : null, message: this.down ? 'down' : 'ok', detail: null, latencyMs: 1 });
  }
}
