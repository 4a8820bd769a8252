// OpenMetrics text for `promtool tsdb create-blocks-from openmetrics` (APIS.md §3): every sample carries its
// timestamp in float seconds, and the file ends with "# EOF".

export type Labels = Readonly<Record<string, string>>;
/** [epoch ms, value] */
export type Point = readonly [t: number, value: number];

export interface CounterFamily {
  type: 'counter';
  /** The family name; samples are written as `<name>_total`. */
  name: string;
  help?: string;
  series: readonly { labels: Labels; points: readonly Point[] }[];
}

export interface GaugeFamily {
  type: 'gauge';
  name: string;
  help?: string;
  series: readonly { labels: Labels; points: readonly Point[] }[];
}

export interface HistogramPoint {
  t: number;
  /** Cumulative counts per bucket bound, then the +Inf bucket (= the count). */
  cumulative: readonly number[];
  sum: number;
}

export interface HistogramFamily {
  type: 'histogram';
  name: string;
  help?: string;
  /** Upper bounds, ascending, without +Inf. */
  bounds: readonly number[];
  series: readonly { labels: Labels; points: readonly HistogramPoint[] }[];
}

export type MetricFamily = CounterFamily | GaugeFamily | HistogramFamily;

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const escape = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

function labelText(labels: Labels, extra?: [string, string]): string {
  const pairs = Object.entries(labels);
  if (extra) pairs.push(extra);
  for (const [k] of pairs) if (!LABEL.test(k)) throw new Error(`not an OpenMetrics label name: ${k}`);
  return pairs.length ? `{${pairs.map(([k, v]) => `${k}="${escape(v)}"`).join(',')}}` : '';
}

/** Float seconds with millisecond precision, as promtool reads them. */
const seconds = (ms: number): string => (ms / 1000).toFixed(3);

const num = (v: number): string => (Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v));

/** The families as one OpenMetrics file, samples of each series in time order. */
export function renderOpenMetrics(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const f of families) {
    if (!NAME.test(f.name)) throw new Error(`not an OpenMetrics metric name: ${f.name}`);
    lines.push(`# TYPE ${f.name} ${f.type}`);
    if (f.help) lines.push(`# HELP ${f.name} ${f.help.replace(/\n/g, ' ')}`);
    if (f.type === 'histogram') {
      const les = [...f.bounds.map(String), '+Inf'];
      for (const s of f.series) {
        for (const p of [...s.points].sort((a, b) => a.t - b.t)) {
          if (p.cumulative.length !== les.length) throw new Error(`${f.name}: ${les.length} cumulative counts expected (bounds and +Inf), got ${p.cumulative.length}`);
          const ts = seconds(p.t);
          p.cumulative.forEach((c, i) => lines.push(`${f.name}_bucket${labelText(s.labels, ['le', les[i]!])} ${num(c)} ${ts}`));
          lines.push(`${f.name}_count${labelText(s.labels)} ${num(p.cumulative[p.cumulative.length - 1]!)} ${ts}`);
          lines.push(`${f.name}_sum${labelText(s.labels)} ${num(p.sum)} ${ts}`);
        }
      }
    } else {
      const sample = f.type === 'counter' ? `${f.name}_total` : f.name;
      for (const s of f.series) {
        for (const [t, v] of [...s.points].sort((a, b) => a[0] - b[0])) lines.push(`${sample}${labelText(s.labels)} ${num(v)} ${seconds(t)}`);
      }
    }
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

/** A counter's points from per-step increments: start value 0 at `start`, then one increment per step. */
export function cumulative(start: number, stepMs: number, increments: readonly number[]): Point[] {
  let total = 0;
  const points: Point[] = [[start, 0]];
  increments.forEach((inc, i) => {
    total += inc;
    points.push([start + (i + 1) * stepMs, total]);
  });
  return points;
}
