import { z } from 'zod';
import { MetricName } from '../domain/metrics.ts';
import type { Dimension } from '../gates/types.ts';
import type { MetricQuery } from './mapping.ts';

/**
 * Mapping templates: the four kinds of signal a service rollout should watch, written for Prometheus'
 * common exporters and instrumentation. Each is a fragment of a MetricMapping (queries per gate
 * metric, the cohort label and segment labels they assume) that the plan editor inserts and the user
 * adjusts to their own label names.
 *
 * Every query selects the cohort with `$cohort`, groups by `$segmentLabels` and reads over
 * `$interval`. Rates are counted with `increase(…[$interval])`, so the trials are requests in the
 * interval (the judge weighs counts); an events query that can come back empty (no 5xx at all in a
 * region) is guarded with `or <trials> * 0`, so it is zero events and not no data (APIS.md §3).
 */

export const SignalKind = z.enum(['service', 'business', 'infrastructure', 'dependencies']);
export type SignalKind = z.infer<typeof SignalKind>;

export const SIGNAL_KINDS: Record<SignalKind, { label: string; watches: string }> = {
  service: { label: 'Service', watches: 'errors, latency and throughput' },
  business: { label: 'Business', watches: 'a conversion KPI' },
  infrastructure: { label: 'Infrastructure', watches: 'CPU, memory and saturation' },
  dependencies: { label: 'Dependencies', watches: 'database, cache and external API errors' },
};

type QueryInput = z.input<typeof MetricQuery>;

export interface MappingTemplate<K extends string = string> {
  id: string;
  signal: SignalKind;
  provider: 'prometheus';
  title: string;
  /** What has to be scraped (exporter, instrumentation, labels) for the queries to answer. */
  needs: string;
  /** What else the signal covers and how to read it (throughput, saturation). */
  notes: string;
  /** The cohort label the queries assume (`$cohort` renders it). */
  cohortLabel: string;
  /** The result labels the queries assume per segment dimension (`$segmentLabels` renders them). */
  segments: Partial<Record<Dimension, string>>;
  queries: Partial<Record<K, QueryInput>>;
}

/** `sum by ($segmentLabels) (increase(<selector>[$interval]))`: a counter's count per segment over one interval. */
const count = (selector: string): string => `sum by ($segmentLabels) (increase(${selector}[$interval]))`;
/** Events out of trials, the events guarded so a counter that never moved reads as 0. */
const guarded = (events: string, trials: string): { events: string; trials: string } => ({ events: `${count(events)} or ${count(trials)} * 0`, trials: count(trials) });

/** Service and business signals: metric names every build knows. */
export const TEMPLATES: readonly MappingTemplate<MetricName>[] = [
  {
    id: 'service-http',
    signal: 'service',
    provider: 'prometheus',
    title: 'HTTP errors and p95 latency',
    needs:
      'The service instrumented with a Prometheus client library: the counter http_requests_total{code} and the histogram http_request_duration_seconds, both carrying app, version and region labels (relabel them from the pod’s labels).',
    notes:
      'Errors are 5xx responses out of all requests; latency is the 95th percentile of the histogram in ms, weighed by the requests it covers. Throughput is the trials: the requests per interval behind each value, shown as the weight.',
    cohortLabel: 'version',
    segments: { region: 'region' },
    queries: {
      error_rate: guarded('http_requests_total{app="$app",code=~"5..",$cohort}', 'http_requests_total{app="$app",$cohort}'),
      p95_latency_ms: {
        value: 'histogram_quantile(0.95, sum by (le, $segmentLabels) (rate(http_request_duration_seconds_bucket{app="$app",$cohort}[$interval])))',
        weight: count('http_request_duration_seconds_count{app="$app",$cohort}'),
        scale: 1000,
      },
    },
  },
  {
    id: 'business-checkout-conversion',
    signal: 'business',
    provider: 'prometheus',
    title: 'Checkout conversion',
    needs: 'Two business counters the service increments: checkout_started_total and checkout_completed_total, with app, version and region labels.',
    notes: 'Completed checkouts out of started ones per interval; a funnel of your own works the same way (the step reached out of the step before).',
    cohortLabel: 'version',
    segments: { region: 'region' },
    queries: {
      kpi_conversion: guarded('checkout_completed_total{app="$app",$cohort}', 'checkout_started_total{app="$app",$cohort}'),
    },
  },
];

/**
 * Infrastructure and dependency signals, for the gate metrics dependency_error_rate, cpu_utilization
 * and memory_utilization. Their keys are loose strings until every build knows those names: insert
 * them through templateQueries(), which keeps only the metrics this build can judge.
 */
export const PENDING_METRIC_TEMPLATES: readonly MappingTemplate[] = [
  {
    id: 'infrastructure-kubernetes',
    signal: 'infrastructure',
    provider: 'prometheus',
    title: 'Container CPU and memory against limits',
    needs:
      'cAdvisor (the kubelet’s /metrics/cadvisor) for container_cpu_usage_seconds_total and container_memory_working_set_bytes, and kube-state-metrics for kube_pod_container_resource_limits; the container named like the app, and the version and region labels copied onto both (relabeling, or a recording rule joining kube_pod_labels).',
    notes:
      'CPU and memory in percent of the containers’ limits, weighed by the containers counted. Saturation: CPU throttling (container_cpu_cfs_throttled_periods_total out of container_cpu_cfs_periods_total) reads the same way as events out of trials when a gate metric is kept for it.',
    cohortLabel: 'version',
    segments: { region: 'region' },
    queries: {
      cpu_utilization: {
        value:
          'sum by ($segmentLabels) (rate(container_cpu_usage_seconds_total{container="$app",$cohort}[$interval])) / sum by ($segmentLabels) (kube_pod_container_resource_limits{resource="cpu",container="$app",$cohort})',
        weight: 'count by ($segmentLabels) (kube_pod_container_resource_limits{resource="cpu",container="$app",$cohort})',
        scale: 100,
      },
      memory_utilization: {
        value:
          'sum by ($segmentLabels) (container_memory_working_set_bytes{container="$app",$cohort}) / sum by ($segmentLabels) (kube_pod_container_resource_limits{resource="memory",container="$app",$cohort})',
        weight: 'count by ($segmentLabels) (kube_pod_container_resource_limits{resource="memory",container="$app",$cohort})',
        scale: 100,
      },
    },
  },
  {
    id: 'dependencies-http-client',
    signal: 'dependencies',
    provider: 'prometheus',
    title: 'External API errors (HTTP client)',
    needs: 'The service’s outgoing HTTP client instrumented: http_client_requests_total{code} with app, version and region labels (most client libraries and OpenTelemetry’s Prometheus exporter can name it so).',
    notes: 'Calls answered 5xx, or not at all, out of all calls the service made to the APIs it depends on.',
    cohortLabel: 'version',
    segments: { region: 'region' },
    queries: {
      dependency_error_rate: guarded('http_client_requests_total{app="$app",code=~"5..",$cohort}', 'http_client_requests_total{app="$app",$cohort}'),
    },
  },
  {
    id: 'dependencies-data-stores',
    signal: 'dependencies',
    provider: 'prometheus',
    title: 'Database and cache errors (client side)',
    needs:
      'Client-side counters for each data store: <store>_client_requests_total and <store>_client_errors_total (here db_ and cache_), with app, version and region labels, as the service’s database pool and cache client export them.',
    notes: 'Failed calls (timeouts, refused connections, errors returned) out of all calls to the database and the cache together; name your own stores in the regular expressions.',
    cohortLabel: 'version',
    segments: { region: 'region' },
    queries: {
      dependency_error_rate: guarded('{__name__=~"(db|cache)_client_errors_total",app="$app",$cohort}', '{__name__=~"(db|cache)_client_requests_total",app="$app",$cohort}'),
    },
  },
];

/** Every template, in the order the plan editor lists them. */
export const MAPPING_TEMPLATES: readonly MappingTemplate[] = [...TEMPLATES, ...PENDING_METRIC_TEMPLATES];

export function templateById(id: string): MappingTemplate | undefined {
  return MAPPING_TEMPLATES.find((t) => t.id === id);
}

/** A template's queries this build can judge (`known`), and the metric names it does not know yet (`unknown`). */
export function templateQueries(template: MappingTemplate): { known: Partial<Record<MetricName, QueryInput>>; unknown: string[] } {
  const known: Partial<Record<MetricName, QueryInput>> = {};
  const unknown: string[] = [];
  for (const [key, query] of Object.entries(template.queries) as [string, QueryInput][]) {
    const name = MetricName.safeParse(key);
    if (name.success) known[name.data] = query;
    else unknown.push(key);
  }
  return { known, unknown };
}
