// Reading a stored event's payload, whichever build wrote it: the current version of its kind as is,
// version 1 (no `v`) through its kind's reader, anything else as an event this build cannot read.
import { KnownEventBody, isEventKind, PAYLOAD_VERSIONS } from './eventPayloads.ts';
import { isV1Kind, V1_READERS } from './eventPayloadsV1.ts';
import type { EventBody } from './events.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function currentPayload(kind: string, payload: Record<string, unknown>): unknown {
  if (!isEventKind(kind)) return null;
  const v = payload.v ?? 1;
  if (v === PAYLOAD_VERSIONS[kind]) return payload;
  if (v !== 1 || !isV1Kind(kind)) return null;
  const upgraded = V1_READERS[kind].safeParse(payload);
  return upgraded.success ? upgraded.data : null;
}

/** The event's kind and payload as this build reads them; `payload` is the stored JSON text. */
export function readEventBody(kind: string, payload: string): EventBody {
  let stored: unknown;
  try {
    stored = JSON.parse(payload);
  } catch {
    stored = payload;
  }
  const raw = isRecord(stored) ? stored : { stored };
  const known = KnownEventBody.safeParse({ kind, payload: currentPayload(kind, raw) });
  return known.success ? { known: true, ...known.data } : { known: false, kind, payload: raw };
}
