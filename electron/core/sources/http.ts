import tls from 'node:tls';
import type { Agent, fetch as undiciFetch } from 'undici';
import type { z } from 'zod';
import type { ConnectionProblem } from '../../../shared/index.ts';
import { classifyThrown, defaultStatusMessage, displayAddress, problemOfStatus, retryAfterMs, scrub, type HeaderReader, type Where } from './httpErrors.ts';
import { SourceError } from './types.ts';

// undici's own fetch with its own Agent: Node's built-in fetch embeds another undici major and refuses an
// Agent of this one ("invalid onRequestStart method"), so the two always come from the same package.
// Loaded on the first request: undici is about a hundred modules, a tenth of a second of every CLI
// command's start, and a command that opens the core to read or write the log never sends a request.
let undici: Promise<{ Agent: typeof Agent; fetch: typeof undiciFetch }> | null = null;
const loadUndici = () => (undici ??= import('undici'));

export const DEFAULT_TIMEOUT_MS = 15_000;
/** Far above any real answer (11,000 points × hundreds of series), far below what would hurt the process. */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
/** A provider's own words are quoted up to this length; ConnectionTest.message holds 1000. */
const MAX_SAID = 400;

/** What a provider makes of an error answer, when it knows better than the status alone. */
export interface ErrorVerdict {
  problem?: ConnectionProblem;
  message?: string;
}

export interface ErrorContext {
  status: number;
  /** The parsed JSON body, or null when it was not JSON. */
  body: unknown;
  /** The provider's own error text, from `errorText`. */
  said: string | null;
  retryAfterMs: number | null;
  where: Where;
}

export interface HttpClientOptions {
  /** Names the service in messages: "Prometheus". */
  service: string;
  /** Scheme, host, port and any path prefix; request paths are appended. */
  baseUrl: string;
  /** Sent on every request (auth). Their values are scrubbed from every message. */
  headers?: Readonly<Record<string, string>>;
  /** More values never to show (a password whose header is an encoding of it). */
  secrets?: readonly string[];
  /** A PEM bundle trusted besides the system's CAs. */
  caPem?: string;
  timeoutMs?: number;
  maxBodyBytes?: number;
  /** Reads the provider's error text out of an error body (Prometheus `error`, Datadog `errors[]`, Sentry `detail`). */
  errorText?: (body: unknown) => string | null;
  /** The provider's reading of an error answer; what it leaves out comes from the status. */
  onError?: (ctx: ErrorContext) => ErrorVerdict | null;
  now?: () => number;
}

export interface HttpRequest<T> {
  method: 'GET' | 'POST';
  /** Appended to the base URL, starting with "/". */
  path: string;
  query?: URLSearchParams;
  form?: URLSearchParams;
  json?: unknown;
  schema: z.ZodType<T>;
  signal?: AbortSignal;
  /** Besides the connection's own (never an auth header: those are the connection's). */
  headers?: Readonly<Record<string, string>>;
}

export interface HttpAnswer<T> {
  value: T;
  status: number;
  headers: HeaderReader;
}

/** One connection's HTTP: timeouts, TLS trust, bounded bodies, and every failure as a SourceError a person can act on. */
export class HttpClient {
  readonly where: Where;
  private readonly base: string;
  private readonly headers: Record<string, string>;
  private readonly secrets: string[];
  private dispatcher: Promise<Agent> | null = null;
  private fetch: typeof undiciFetch | null = null;
  private readonly timeoutMs: number;
  private readonly maxBodyBytes: number;
  private readonly options: HttpClientOptions;
  private readonly now: () => number;

  constructor(options: HttpClientOptions) {
    this.options = options;
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.where = { service: options.service, address: displayAddress(this.base) };
    this.headers = { accept: 'application/json', ...options.headers };
    this.secrets = [...Object.values(options.headers ?? {}), ...(options.secrets ?? [])].filter((s) => s.length > 0);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.now = options.now ?? Date.now;
  }

  /**
   * The connection's own agent, made with its first request. The timeouts live in it, not in an
   * AbortSignal per request: a poll cycle sends hundreds of small requests, and a timeout signal (plus
   * the signal fetch derives from it) per request cost the cycle about a twentieth of its throughput.
   * A private CA is trusted besides the public ones, not instead of them.
   */
  private transport(): Promise<Agent> {
    this.dispatcher ??= loadUndici().then(({ Agent: UndiciAgent, fetch }) => {
      this.fetch = fetch;
      return new UndiciAgent({
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
        connect: { timeout: this.timeoutMs, ...(this.options.caPem ? { ca: [...tls.rootCertificates, this.options.caPem] } : {}) },
      });
    });
    return this.dispatcher;
  }

  /** Closes the connection's sockets (its version changed, or the core closes); a client that never sent a request has none. */
  async close(): Promise<void> {
    await (await this.dispatcher)?.close();
  }

  /** A SourceError whose message has been scrubbed of every secret this client holds. */
  fail(problem: ConnectionProblem, message: string, retryAfter: number | null = null, status: number | null = null): SourceError {
    return new SourceError(problem, scrub(message, this.secrets), retryAfter, status);
  }

  async request<T>(req: HttpRequest<T>): Promise<HttpAnswer<T>> {
    let url: URL;
    try {
      url = new URL(this.base + req.path);
    } catch {
      throw this.fail('bad_request', `${this.where.service}: "${this.where.address}" is not a usable address`);
    }
    if (url.username || url.password) {
      throw this.fail('bad_request', `${this.where.service}: put the user name and password in the connection’s auth fields, not in the address`);
    }
    if (req.query) url.search = req.query.toString();
    const headers: Record<string, string> = { ...req.headers, ...this.headers };
    let body: string | undefined;
    if (req.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = req.form.toString();
    } else if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.json);
    }
    try {
      // Redirects are not followed: a redirect to another host would carry the API key headers with it.
      const dispatcher = await this.transport();
      const res = await this.fetch!(url, { method: req.method, headers, body, signal: req.signal, redirect: 'manual', dispatcher });
      const text = await this.readBody(res);
      return this.interpret(req, res.status, res.headers, text);
    } catch (err) {
      // The caller gave up: not a failure of the connection, so not a SourceError.
      if (req.signal?.aborted) throw req.signal.reason;
      if (err instanceof SourceError) throw this.fail(err.problem, err.message, err.retryAfterMs, err.status);
      const e = classifyThrown(err, this.where, this.timeoutMs);
      throw this.fail(e.problem, e.message);
    }
  }

  /** The body as text, refused past the size bound without reading the rest. */
  private async readBody(res: Awaited<ReturnType<typeof undiciFetch>>): Promise<string> {
    const tooBig = (): SourceError =>
      this.fail('bad_response', `${this.where.service} at ${this.where.address} answered more than ${Math.round(this.maxBodyBytes / 1048576)} MiB: narrow the query or the range`, null, res.status);
    const length = res.headers.get('content-length');
    const declared = length === null ? Number.NaN : Number(length);
    if (Number.isFinite(declared) && declared > this.maxBodyBytes) {
      await res.body?.cancel();
      throw tooBig();
    }
    if (!res.body) return '';
    // A declared length within the bound is read in one go (undici fails a body that does not match
    // it); counting chunk by chunk is for answers that declare none.
    if (Number.isFinite(declared)) return res.text();
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > this.maxBodyBytes) {
        await reader.cancel();
        throw tooBig();
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  private interpret<T>(req: HttpRequest<T>, status: number, headers: HeaderReader, text: string): HttpAnswer<T> {
    let body: unknown = null;
    let json = text !== '';
    try {
      if (json) body = JSON.parse(text);
    } catch {
      json = false;
    }
    if (status >= 300 && status < 400) {
      const location = headers.get('location') ?? 'another address';
      throw this.fail('bad_response', `${this.where.service} at ${this.where.address} redirected to ${location.slice(0, 200)}: put the final address in the connection`, null, status);
    }
    if (status >= 400 || status < 200) {
      const raw = json ? this.options.errorText?.(body) ?? null : null;
      const said = raw ? raw.replace(/\s+/g, ' ').trim().slice(0, MAX_SAID) : null;
      const wait = status === 429 || status === 503 ? retryAfterMs(headers, this.now()) : null;
      const verdict = this.options.onError?.({ status, body: json ? body : null, said, retryAfterMs: wait, where: this.where }) ?? null;
      const problem = verdict?.problem ?? problemOfStatus(status);
      const message = verdict?.message ?? defaultStatusMessage(status, this.where, said, wait);
      throw this.fail(problem, message, problem === 'rate_limited' || problem === 'server_error' ? wait : null, status);
    }
    if (!json) {
      throw this.fail('bad_response', `${this.where.service} at ${this.where.address} answered ${status} with something that is not JSON: is the address its API?`, null, status);
    }
    const parsed = req.schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue && issue.path.length ? issue.path.join('.') : 'the body';
      throw this.fail('bad_response', `${this.where.service} at ${this.where.address} answered in an unexpected shape (at ${path}): is the address its API?`, null, status);
    }
    return { value: parsed.data, status, headers };
  }
}
