/**
 * A Sentry metric mapping's query, since Sentry's sessions API has no query language of its own:
 *
 *     <field> [where <search query>]
 *
 * `<field>` is one sessions field (APIS.md §7): `sum(session)`, `count_unique(user)`,
 * `crash_free_rate(session)`, `crash_free_rate(user)`, `crash_rate(session)`, … as Sentry spells them;
 * `<search query>` is Sentry's own search syntax, sent as the `query` parameter, e.g.
 *
 *     crash_free_rate(user) where release:"app@1.4.0" environment:production
 *     sum(session) where $cohort
 *
 * Segments come from the mapping's segment labels, sent as `groupBy` (Sentry groups by project,
 * release, environment and session.status only). Which fields exist is Sentry's to say: an unknown
 * one comes back as its 400 with its own words.
 */
export interface SentryQuery {
  field: string;
  search: string;
}

const FIELD = /^[a-z_]+\([a-z_.]*\)$/;

export function parseSentryQuery(text: string): { ok: true; query: SentryQuery } | { ok: false; message: string } {
  const m = /^\s*(\S+?)(?:\s+where\s+([\s\S]*?))?\s*$/i.exec(text);
  const field = m?.[1] ?? '';
  if (!FIELD.test(field)) {
    return { ok: false, message: `A Sentry query is "<field> where <search>", e.g. crash_free_rate(user) where release:"app@1.4.0"; "${field.slice(0, 60)}" is not a field` };
  }
  const search = (m?.[2] ?? '').trim();
  if (/\bwhere\b/i.test(text) && search === '') return { ok: false, message: 'A Sentry query has "where" but no search after it' };
  return { ok: true, query: { field, search } };
}
