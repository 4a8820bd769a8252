import { methodNames, type MethodName, type StagegateClient } from '../../shared/contract.ts';
import { AppError, type Result } from '../../shared/result.ts';
import type { ClientOptions } from './connection.ts';
import { subscribeEvents, type EventSourceFactory } from './events.ts';

export const UNAVAILABLE_MESSAGE = 'The Stagegate host did not answer. Check that it is running, then try again.';

export interface HttpClientOptions extends ClientOptions {
  fetch?: typeof fetch;
  eventSource?: EventSourceFactory;
}

/** Maps one HTTP answer onto the contract's Result: 2xx is the value, anything else a typed error. */
export async function toResult(response: Response): Promise<Result<unknown>> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (response.ok) {
    if (body === undefined) return { ok: false, error: { code: 'internal', message: `The host answered ${response.status} without a JSON body.` } };
    return { ok: true, value: body };
  }
  const parsed = AppError.safeParse((body as { error?: unknown } | undefined)?.error);
  if (parsed.success) return { ok: false, error: parsed.data };
  const code = response.status === 401 ? 'unauthorized' : response.status === 403 ? 'forbidden' : response.status >= 502 ? 'unavailable' : 'internal';
  return { ok: false, error: { code, message: `The host answered ${response.status} ${response.statusText}`.trim() + '.' } };
}

/** The web host's client: every method is POST /api/<method> on the page's own origin. */
export function createHttpClient(options: HttpClientOptions = {}): StagegateClient {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const call = async (method: MethodName, input: unknown): Promise<Result<unknown>> => {
    let response: Response;
    try {
      response = await doFetch(`/api/${method}`, {
        method: 'POST',
        // The session is an HttpOnly cookie the host set; the page never holds a token.
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'unavailable', message: UNAVAILABLE_MESSAGE } };
    }
    if (response.status === 401) options.onConnection?.('ended');
    return toResult(response);
  };
  // Any answer but a 401 (or no answer) leaves the session alive: the stream reopens and retries.
  const checkSession = async () => {
    const result = await call('getInfo', {});
    return result.ok || result.error.code !== 'unauthorized';
  };
  const methods = Object.fromEntries(methodNames.map((name) => [name, (input: unknown) => call(name, input)]));
  return {
    ...(methods as Omit<StagegateClient, 'subscribe'>),
    subscribe: (listener) => subscribeEvents(listener, { ...options, checkSession }),
  };
}
