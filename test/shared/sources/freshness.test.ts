import { describe, expect, it } from 'vitest';
import { freshnessOf } from '../../../shared/index.ts';

const T = Date.UTC(2026, 11, 1, 18, 0);
const MIN = 60_000;
const none = { fetchedUntil: null, lastSampleAt: null, failingSince: null, problem: null, error: null };

describe('freshness', () => {
  it('names the outage and the last sample once data is older than the limit', () => {
    const f = freshnessOf('prometheus', 'error_rate', { ...none, lastSampleAt: T + 2 * MIN, failingSince: T + 4 * MIN, problem: 'unreachable', fetchedUntil: T + 2 * MIN }, 5 * MIN, T, T + 10 * MIN);
    expect(f.stale).toBe(true);
    expect(f.why).toBe('Prometheus unreachable for 6 min; last sample 18:02 UTC');
  });

  it('is fresh within the limit, even while a fetch is failing', () => {
    const f = freshnessOf('prometheus', 'error_rate', { ...none, lastSampleAt: T + 8 * MIN, failingSince: T + 9 * MIN, problem: 'timeout' }, 5 * MIN, T, T + 10 * MIN);
    expect(f).toMatchObject({ stale: false, why: null });
  });

  it('calls a source that answers but sends nothing new stale, and a new stage with nothing yet fresh until the limit', () => {
    expect(freshnessOf('datadog', 'p95_latency_ms', { ...none, lastSampleAt: T }, 5 * MIN, T, T + 7 * MIN).why).toBe('no new p95 latency data from Datadog for 7 min; last sample 18:00 UTC');
    expect(freshnessOf('sentry', 'crash_free_users', none, 5 * MIN, T, T + 4 * MIN).stale).toBe(false);
    expect(freshnessOf('sentry', 'crash_free_users', none, 5 * MIN, T, T + 6 * MIN).why).toContain('no sample yet');
  });
});
