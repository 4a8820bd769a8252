// The windows a PromQL query reads, and the refusal of windows longer than the fetch step, which would
// count each request in several intervals.
import { describe, expect, it } from 'vitest';
import { cohortVariables, MAPPING_TEMPLATES, MetricMapping, promqlOverlapProblem, promqlRangesSeconds, renderTemplate, templateQueries } from '../../../shared/index.ts';

describe('the range windows of a PromQL query', () => {
  it('reads durations, compound ones, a subquery’s range and Prometheus 3’s bare seconds', () => {
    expect(promqlRangesSeconds('sum by (region) (increase(http_requests_total{code=~"5.."}[5m]))')).toEqual([300]);
    expect(promqlRangesSeconds('rate(x[1h30m]) / rate(y[90s])')).toEqual([5_400, 90]);
    expect(promqlRangesSeconds('max_over_time(rate(x[1m])[30m:1m])')).toEqual([60, 1_800]);
    expect(promqlRangesSeconds('rate(x[ 2m ])')).toEqual([120]);
    expect(promqlRangesSeconds('rate(x[500ms])')).toEqual([0.5]);
    expect(promqlRangesSeconds('rate(x[90])')).toEqual([90]);
  });

  it('leaves out brackets inside strings and comments, offsets, and ranges it cannot read', () => {
    expect(promqlRangesSeconds('sum(increase(x{path=~"/a[0-9]+", q=\'[5m]\'}[1m]))')).toEqual([60]);
    expect(promqlRangesSeconds('increase(x[1m]) # was [10m]\n')).toEqual([60]);
    expect(promqlRangesSeconds('increase(x[1m] offset 10m)')).toEqual([60]);
    expect(promqlRangesSeconds('increase(x[$interval])')).toEqual([]);
    expect(promqlRangesSeconds('x')).toEqual([]);
  });
});

describe('a window longer than the step', () => {
  it('is refused in words naming the window, the step and the fix', () => {
    expect(promqlOverlapProblem('error rate trials', 'sum(increase(x[5m]))', 60)).toBe(
      'The error rate trials query reads [5m] windows every 1m, so each request would count in 5 intervals and the guard would take the overlap for evidence: read over [$interval], one step, or fetch every 5m.',
    );
    expect(promqlOverlapProblem('p95 latency value', 'histogram_quantile(0.95, rate(b[90s]))', 60)).toContain('count in 1.5 intervals');
  });

  it('passes a window of one step or less', () => {
    expect(promqlOverlapProblem('error rate trials', 'sum(increase(x[1m]))', 60)).toBeNull();
    expect(promqlOverlapProblem('error rate trials', 'sum(increase(x[30s]))', 60)).toBeNull();
    expect(promqlOverlapProblem('error rate trials', 'sum(increase(x[5m]))', 300)).toBeNull();
  });

  it('is not what the built-in templates do: rendered at a 60 s interval, none of their queries reaches past one step', () => {
    const ctx = { release: 'r1', app: 'checkout', version: '1.4.0', baselineVersion: '1.3.9', intervalSeconds: 60 };
    let checked = 0;
    for (const t of MAPPING_TEMPLATES) {
      const mapping = MetricMapping.parse({ connection: 'prom', cohorts: { label: t.cohortLabel }, segments: t.segments, queries: templateQueries(t).known });
      const vars = cohortVariables(mapping, ctx, 'canary', (l, v) => `${l}="${v}"`);
      for (const q of Object.values(t.queries)) {
        for (const text of 'events' in q! ? [q.events, q.trials] : [q!.value, q!.weight]) {
          const rendered = renderTemplate(text, vars);
          if (!rendered.ok) continue;
          expect(promqlOverlapProblem(t.id, rendered.text, 60), t.id).toBeNull();
          // A gauge counted at an instant has no window; every query that has one reads exactly the interval.
          if (promqlRangesSeconds(rendered.text).includes(60)) checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});
