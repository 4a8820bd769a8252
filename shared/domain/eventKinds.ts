// What each kind of logged event is called on screen: "Decision recorded", not `decision.recorded`.
// The raw kind stays what the log stores and what search matches; the screen shows both.
import { isEventKind, type EventKind } from './eventPayloads.ts';
import type { EventBody } from './events.ts';
import { ACTION_WORDS, capitalized } from './words.ts';

export const EVENT_KIND_WORDS: Record<EventKind, string> = {
  'release.created': 'release created',
  'decision.recorded': 'decision recorded',
  'approval.requested': 'approval requested',
  'plan.updated': 'plan edited',
  'flag.created': 'flag created',
  'flag.updated': 'flag edited',
  'flag.state_changed': 'flag state changed',
  'train.created': 'train created',
  'train.updated': 'train edited',
  'train.item_checked': 'checklist item ticked',
  'train.item_unchecked': 'checklist item unticked',
  'simulator.fault_injected': 'simulator fault injected',
  'simulator.faults_cleared': 'simulator faults ended',
  'release.source_changed': 'metric source changed',
  'connection.saved': 'connection saved',
  'connection.removed': 'connection removed',
  'connection.secret_set': 'connection secret set',
  'connection.secret_cleared': 'connection secret cleared',
  'token.created': 'access token created',
  'token.revoked': 'access token revoked',
};

/** A kind this version has no words for (written by a newer one, say) still reads as words: `connection.key_rotated` → "connection key rotated". */
function spelledOut(kind: string): string {
  return kind.replace(/[._]+/g, ' ').trim() || kind;
}

/**
 * The event's kind as a label: the product words, and for a decision the action taken
 * ("Decision: roll back"), so a scan of the log reads as what happened.
 */
export function eventKindLabel(event: EventBody): string {
  if (event.known && event.kind === 'decision.recorded') return `Decision: ${ACTION_WORDS[event.payload.action]}`;
  return capitalized(isEventKind(event.kind) ? EVENT_KIND_WORDS[event.kind] : spelledOut(event.kind));
}
