import type { FastifyInstance } from 'fastify';

/** A JSON string literal, or a bare NaN / Infinity / -Infinity token outside one. */
const STRING_OR_WORD = /"(?:[^"\\]|\\.)*"|-?\bInfinity\b|\bNaN\b/g;

/** The largest body searched for where it stops being JSON when V8 does not say (≈ 0.35 s at most). */
const MAX_SEARCHED_CHARS = 2 * 1024 * 1024;

/** A body refused with its own words: the error handler answers `message` as it stands (400). */
export class BodyRefused extends Error {
  readonly statusCode = 400;
}

/**
 * Bare NaN and Infinity, as Python's json module writes them by default: NaN reads as null (a missing
 * value must never fail a batch of samples, whichever encoder wrote it), and Infinity as the string
 * "Infinity", so the input's schema refuses it naming its row and field instead of the whole body.
 */
const quoteWords = (text: string): string => text.replace(STRING_OR_WORD, (m) => (m === 'NaN' ? 'null' : m.startsWith('"') ? m : `"${m}"`));

/**
 * Where a body stops being JSON, as "line L, column C", and why — never the text around it, which
 * may hold a secret being saved. V8 names a position for some errors only, so for the rest the
 * longest prefix that is still the start of a JSON text is found by bisection (≈ log₂(size) parses,
 * each stopping at the error or the prefix's end), in bodies up to MAX_SEARCHED_CHARS.
 */
export function jsonSyntaxProblem(text: string): string {
  const problem = (length: number): string | null => {
    try {
      JSON.parse(text.slice(0, length));
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  };
  // A prefix starts a JSON text when it parses, or its only fault is where it is cut.
  const starts = (length: number): boolean => {
    const m = problem(length);
    return m === null || m === 'Unexpected end of JSON input' || m.includes(` at position ${length} `);
  };
  const whole = problem(text.length) ?? '';
  const positioned = /^(.*?) in JSON at position (\d+)/.exec(whole);
  const token = /^Unexpected token '(.+?)'/u.exec(whole);
  const why = positioned ? positioned[1]! : token ? `unexpected ${token[1]}` : whole === 'Unexpected end of JSON input' ? 'it ends too soon' : 'unexpected text';
  const lower = `${why.charAt(0).toLowerCase()}${why.slice(1)}`;
  // Each step of the search parses up to half the body: past a few MiB that holds the host's only thread for seconds.
  if (!positioned && text.length > MAX_SEARCHED_CHARS) return `some point of this ${(text.length / 1048576).toFixed(1)} MiB body: ${lower} (bodies up to ${MAX_SEARCHED_CHARS / 1048576} MiB are searched for the line)`;
  let at: number;
  if (positioned) at = Number(positioned[2]);
  else {
    // The first `low` characters start a JSON text and the first `high` do not.
    let low = 0;
    let high = text.length;
    while (high - low > 1) {
      const mid = (low + high) >>> 1;
      if (starts(mid)) low = mid;
      else high = mid;
    }
    at = low;
  }
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  return `line ${line}, column ${column}: ${lower}`;
}

/**
 * JSON bodies through Fastify's own parser (prototype-poisoning checks included), with bare NaN and
 * Infinity read as above. Only a body the strict parse refused is looked at again, so ordinary bodies
 * pay nothing; a refused one is answered with what is wrong and where.
 */
export function acceptBareNaN(app: FastifyInstance): void {
  const strict = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    strict(request, text, (error, value) => {
      if (!error) return done(null, value);
      const quoted = /NaN|Infinity/.test(text) ? quoteWords(text) : text;
      strict(request, quoted, (again, read) => {
        if (!again) return done(null, read);
        if (text.trim() === '') return done(new BodyRefused('The body is empty: send the input as JSON.'), undefined);
        let valid = true;
        try {
          JSON.parse(quoted);
        } catch {
          valid = false;
        }
        // Valid JSON the strict parse still refused carries a key that could rewrite object prototypes.
        if (valid) return done(new BodyRefused('The body has a "__proto__" or "constructor.prototype" key, which is not accepted.'), undefined);
        return done(new BodyRefused(`The body is not valid JSON at ${jsonSyntaxProblem(text)}.`), undefined);
      });
    });
  });
}
