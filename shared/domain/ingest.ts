import { z } from 'zod';
import { Cohort, MetricName, SegmentLabel, valueProblem } from './metrics.ts';
import { parseIsoTime } from './isoTime.ts';
import { Id } from './release.ts';

/** The most rows one ingest call takes: larger recordings go in several calls. */
export const MAX_INGEST_ROWS = 50_000;

/**
 * How long the guard waits for a pushed cohort and metric that has reported before: it judges an
 * interval once every one still reporting has sent it, and one silent this long has stopped (an
 * exporter gone) rather than fallen behind, so it no longer holds the others back.
 */
export const PUSH_REPORT_WAIT_MS = 5 * 60_000;

/**
 * How far one pushed cohort may run behind the others and a passing stage still promote: a steady
 * exporter delay of a minute or two is not a backfill on its way, whose rows may show what the
 * others' do not.
 */
export const PUSH_LAG_TOLERATED_MS = 2 * 60_000;

/**
 * "NaN" in any case: the word for a missing value, in JSON bodies and CSV cells alike. A CSV cell also
 * takes null (electron/cli/csv/fields.ts), which a JSON body writes as its own null, not as a string.
 */
export const isMissingValueWord = (text: string): boolean => text.toLowerCase() === 'nan';

const VALUE_FORMS = 'a finite number, or null / "NaN" for a missing value';

/**
 * A sample's value: a number, or missing — null, or the string "NaN" in any case (JSON has no NaN;
 * numpy and pandas write "nan", as the CSV reader accepts). A missing value is recorded as such and
 * never fails the batch.
 */
export const SampleValue = z
  .union([z.number(), z.null(), z.string().refine(isMissingValueWord, { error: VALUE_FORMS, abort: true })], { error: VALUE_FORMS })
  .transform((v) => (typeof v === 'string' ? null : v));

const Label = SegmentLabel.default('');

/** 2000-01-01 in epoch milliseconds: a time before it is a time in seconds, sent where milliseconds belong. */
export const EARLIEST_SAMPLE_MS = 946_684_800_000;

/**
 * 2100-01-01 in epoch milliseconds: a time from it on is one in microseconds (year 58,900) or a typo.
 * Stored, it stretched the release's charts to that year, and as a push's report it told the guard
 * that every cohort had reported up to then, so none was waited for again.
 */
export const LATEST_SAMPLE_MS = 4_102_444_800_000;

const TIME_FORMS = 'epoch milliseconds, or an ISO 8601 date-time with its zone (2026-03-02T08:00:00Z)';

/**
 * When a sample's interval ends: epoch milliseconds, or an ISO 8601 date-time with its zone (a time
 * without one is a different instant on every machine), in the forms the CLI's files take
 * (shared/domain/isoTime.ts); from 2000 and before 2100 either way.
 */
export const SampleTime = z.union([z.number().int(), z.string().max(64)], { error: TIME_FORMS }).transform((t, ctx): number => {
  const refuse = (message: string): never => {
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  if (typeof t === 'number') {
    if (t < EARLIEST_SAMPLE_MS) return refuse(`epoch milliseconds from 2000 on (${EARLIEST_SAMPLE_MS}); a smaller number is likely seconds`);
    if (t >= LATEST_SAMPLE_MS) return refuse(`epoch milliseconds before 2100 (${LATEST_SAMPLE_MS}); a larger number is likely microseconds`);
    return t;
  }
  const parsed = parseIsoTime(t);
  if (!parsed) return refuse(TIME_FORMS);
  if (!parsed.ok) return refuse(parsed.message);
  if (parsed.value < EARLIEST_SAMPLE_MS) return refuse('a time from 2000 on');
  if (parsed.value >= LATEST_SAMPLE_MS) return refuse('a time before 2100');
  return parsed.value;
});

export const IngestSample = z
  .object({
    releaseId: Id,
    cohort: Cohort,
    metric: MetricName,
    region: Label,
    device: Label,
    tenant: Label,
    /** The end of the interval the value covers: epoch milliseconds, or ISO 8601 with its zone. */
    t: SampleTime,
    value: SampleValue,
    /** Requests, sessions or users behind the value; null beside a missing value (0), as an empty CSV cell is. */
    weight: z.number().min(0).nullable(),
  })
  .strict()
  .superRefine((sample, ctx) => {
    const problem = sample.value === null ? null : valueProblem(sample.metric, sample.value);
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
    if (sample.weight === null && sample.value !== null) ctx.addIssue({ code: 'custom', path: ['weight'], message: 'a weight (≥ 0) beside a value: the requests, sessions or users behind it' });
  })
  .transform((sample) => ({ ...sample, weight: sample.weight ?? 0 }));
export type IngestSample = z.output<typeof IngestSample>;

export const IngestInput = z
  .object({ samples: z.array(IngestSample).min(1, 'send at least one sample').max(MAX_INGEST_ROWS, `at most ${MAX_INGEST_ROWS} samples per call`) })
  .strict();

export const IngestOutput = z.object({
  /** Rows stored (a row for a series and time already stored replaces it). */
  accepted: z.number().int(),
  /** Rows of the batch left out because a later row of it is for the same series and time (the later is stored). */
  repeated: z.number().int(),
  /** Of those, rows with a missing value. */
  missing: z.number().int(),
  /**
   * Of those, rows stored and charted but never judged: from before the stage in force began, or
   * for a time the guard had already judged that repeat or correct a row it judged.
   */
  late: z.number().int(),
  /**
   * Of those, rows for a time the guard had already judged that are new there (another region's part
   * of the minute, a minute retried after the next): judged at the guard's next look, as intervals of
   * their own.
   */
  backfilled: z.number().int(),
  /** The releases the samples were for; the guard looks at each. */
  releases: z.array(z.string()),
});
export type IngestOutput = z.infer<typeof IngestOutput>;
