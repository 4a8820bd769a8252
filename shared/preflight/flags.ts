// Check 6: the flags this release ships dark, listed with their fallback. A flag linked to the
// release and off in production means code that goes out unused: turning it on later is its own
// decision, and off is what users get until then and what they fall back to. Listed for the record;
// a dark flag with no cleanup plan, or one already expired, is a warning.
import type { Flag } from '../domain/flags.ts';
import type { PreflightCheck, PreflightItem } from '../domain/preflight.ts';
import { capital, check, day, listed } from './text.ts';

type DarkFlag = Pick<Flag, 'key' | 'description' | 'owner' | 'type' | 'cleanup' | 'states' | 'linkedReleases' | 'expired' | 'expiresAt'>;

/** Flags linked to the release and off in production. */
export const darkFlagsOf = <F extends DarkFlag>(flags: readonly F[], releaseId: string): F[] =>
  flags.filter((f) => f.linkedReleases.includes(releaseId) && f.states.production?.mode === 'off');

export function darkFlagsCheck(flags: readonly DarkFlag[], releaseId: string): PreflightCheck {
  const dark = darkFlagsOf(flags, releaseId);
  if (dark.length === 0) {
    return check('dark_flags', { outcome: 'pass', finding: 'No flag linked to this release is off in production: it ships nothing dark.', fix: null, items: [] });
  }
  const items: PreflightItem[] = dark.map((f) => {
    const cleanup = f.cleanup.trim();
    const expired = f.expired && f.expiresAt !== null ? `; expired on ${day(f.expiresAt)}` : '';
    const fallback = `off in production, so users keep today’s behaviour without “${f.description}” until it is turned on, and fall back to it when it is turned off`;
    return {
      subject: f.key,
      outcome: !cleanup || expired ? 'warn' : 'info',
      text: `${f.type.replace('_', ' ')} flag owned by ${f.owner}: ${fallback}; ${cleanup ? `cleanup: ${cleanup}` : 'no cleanup plan'}${expired}`,
    };
  });
  const warned = dark.filter((_, i) => items[i]!.outcome === 'warn');
  const keys = listed(dark.map((f) => f.key));
  const finding = `${dark.length === 1 ? 'One flag ships' : `${dark.length} flags ship`} dark with this release (${keys}): off is ${dark.length === 1 ? 'its' : 'their'} fallback.`;
  if (warned.length > 0) {
    const noPlan = warned.filter((f) => !f.cleanup.trim()).map((f) => f.key);
    const expired = warned.filter((f) => f.expired).map((f) => f.key);
    const fixes = [noPlan.length ? `give ${listed(noPlan)} a cleanup plan (Flags ▸ Edit)` : null, expired.length ? `renew or remove the expired ${listed(expired)}` : null].filter((x): x is string => x !== null);
    return check('dark_flags', { finding, fix: `${capital(fixes.join('; '))}.`, items });
  }
  return check('dark_flags', { finding, fix: 'Nothing to do before the start: turn each on as its own decision (Flags), watching the same gates, and check off still restores today’s behaviour.', items });
}
