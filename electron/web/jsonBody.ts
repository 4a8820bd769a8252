import type { FastifyInstance } from 'fastify';

/** A JSON string literal, or a bare NaN token outside one. */
const STRING_OR_NAN = /"(?:[^"\\]|\\.)*"|\bNaN\b/g;

/**
 * JSON bodies through Fastify's own parser (prototype-poisoning checks included), except that a bare
 * NaN — what Python's json module writes for a missing float by default — reads as null: a missing
 * value must never fail a batch of samples, whichever encoder wrote it. Only a body the strict parse
 * refused is looked at again, so ordinary bodies pay nothing.
 */
export function acceptBareNaN(app: FastifyInstance): void {
  const strict = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    strict(request, text, (error, value) => {
      if (!error || !text.includes('NaN')) return done(error, value);
      strict(request, text.replace(STRING_OR_NAN, (m) => (m === 'NaN' ? 'null' : m)), (again, read) => (again ? done(error, undefined) : done(null, read)));
    });
  });
}
