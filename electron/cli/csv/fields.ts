import { durationSeconds, Duration, EARLIEST_SAMPLE_MS, isMissingValueWord, LATEST_SAMPLE_MS, notATime, parseIsoTime, type Parsed } from '../../../shared/index.ts';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const SECONDS = /^\d+$/;
// Epoch milliseconds as tools write them: 1740843600000, a float column's 1740843600000.0 or .25
// (pandas), the exponent form of a spreadsheet or printf's %e (1.7408436e12).
const EPOCH_MS = /^\d+(\.\d*)?([eE][+-]?\d+)?$/;

export type { Parsed };

/**
 * A time before 2000, the ingest contract's rule (EARLIEST_SAMPLE_MS), for the backtest's files too.
 * Epoch seconds of this century read as milliseconds fall in January 1970: a recording would span a
 * few seconds, a schedule would ask for looks by the million. Such a number is said to be seconds.
 */
function before2000(cell: string, t: number, epoch: boolean): Parsed<number> {
  if (!epoch) return { ok: false, message: `"${cell}" is before 2000: times are from 2000 on` };
  const seconds = t * 1000 >= EARLIEST_SAMPLE_MS;
  return { ok: false, message: `"${cell}" is before 2000 in epoch milliseconds${seconds ? '; it looks like epoch seconds: multiply it by 1000' : `: times are epoch milliseconds from 2000 on (${EARLIEST_SAMPLE_MS})`}` };
}

/** A time from 2100 on, the ingest contract's rule (LATEST_SAMPLE_MS): epoch microseconds read as milliseconds land there. */
function from2100(cell: string, t: number, epoch: boolean): Parsed<number> {
  if (!epoch) return { ok: false, message: `"${cell}" is from 2100 or later: times are before 2100` };
  const micro = t / 1000 >= EARLIEST_SAMPLE_MS && t / 1000 < LATEST_SAMPLE_MS;
  return { ok: false, message: `"${cell}" is from 2100 or later in epoch milliseconds${micro ? '; it looks like epoch microseconds: divide it by 1000' : ''}` };
}

/** A time as the files write it: ISO 8601 with a zone, or epoch milliseconds (a fraction rounded to the nearest); from 2000 and before 2100. */
export function parseTime(cell: string): Parsed<number> {
  const epoch = EPOCH_MS.test(cell);
  let parsed: Parsed<number>;
  if (epoch) {
    const t = Math.round(Number(cell));
    parsed = Number.isSafeInteger(t) ? { ok: true, value: t } : { ok: false, message: `"${cell}" is too large for epoch milliseconds` };
  } else {
    parsed = parseIsoTime(cell) ?? notATime(cell);
  }
  if (!parsed.ok) return parsed;
  if (parsed.value < EARLIEST_SAMPLE_MS) return before2000(cell, parsed.value, epoch);
  return parsed.value >= LATEST_SAMPLE_MS ? from2100(cell, parsed.value, epoch) : parsed;
}

export function parseNumber(cell: string): Parsed<number> {
  if (!NUMBER.test(cell)) return { ok: false, message: `"${cell}" is not a number` };
  const n = Number(cell);
  return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: `"${cell}" is out of range` };
}

/**
 * A missing value in a CSV cell: empty, NaN (in any case: numpy and Python's csv write nan), or null
 * in any case (SQL exports and JSON-minded tools write it). A JSON body has a null of its own, so
 * the word null belongs to the CSV alone, and ingestSamples still refuses the string "null".
 */
const isMissingValueCell = (cell: string): boolean => cell === '' || isMissingValueWord(cell) || cell.toLowerCase() === 'null';

/** A sample's value, or null where it is missing. */
export function parseValue(cell: string): Parsed<number | null> {
  if (isMissingValueCell(cell)) return { ok: true, value: null };
  const n = parseNumber(cell);
  return n.ok ? n : { ok: false, message: `${n.message} (leave it empty, or write NaN or null, for a missing value)` };
}

/** A duration as plans write it (30s, 1m, 1h30m), or a number of seconds; in milliseconds. */
export function parseDurationMs(text: string): Parsed<number> {
  const parsed = Duration.safeParse(SECONDS.test(text) ? Number(text) : text);
  if (!parsed.success) return { ok: false, message: `"${text}" is not a duration such as 30s, 1m or 1h` };
  return { ok: true, value: durationSeconds(parsed.data) * 1000 };
}
