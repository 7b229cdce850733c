import * as http from 'node:http';
import type { Agent as HttpAgent, IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { Env } from '../io/iostreams.ts';
import { VERSION } from '../version.ts';
import {
  authError,
  cancelledError,
  notFoundError,
  stateError,
  TixError,
  transientError,
  usageError,
  type FieldProblem,
} from '../core/errors.ts';

// Built on node:http rather than undici: loading the undici bundle alone costs 30-50 ms, as much as Node's
// own start-up, and every command that talks to a server would pay it. node:http loads in ~5 ms and its
// agents read HTTPS_PROXY / NO_PROXY themselves (`proxyEnv`, Node 22.21+ / 24.5+).
// (The build serves built-ins through require(): an ES import of node:http would build its namespace object
// and run the lazy `http.WebSocket` getter, loading Node's internal undici after all. See src/dev/build.ts.)
// TLS costs a few milliseconds to load: only an https:// server pays for it.
const https = (): typeof import('node:https') => process.getBuiltinModule('node:https');

/** The generic settings: what every provider's client shares (the factory and tests set them). */
export interface HttpSettings {
  env: Env;
  connectTimeoutMs?: number;
  /** the longest silence allowed while waiting for, or reading, an answer */
  requestTimeoutMs?: number;
  retries?: number;
  minRetryDelayMs?: number;
  maxRetryDelayMs?: number;
  debug?: (line: string) => void;
  /** Ctrl-C: aborts requests in flight and pending retries */
  signal?: AbortSignal;
}

/** What an error answer says, in a provider's own envelope. */
export interface ErrorEnvelope {
  message?: string;
  code?: string;
  fields?: FieldProblem[];
  /** anything else it says (e.g. the id of a ticket), passed on to the JSON error line */
  data?: Record<string, unknown>;
}

/** The provider's own part: where its API lives, how it authenticates, how it words errors. */
export interface HttpClientOptions extends HttpSettings {
  /** the server's web address as configured, e.g. http://127.0.0.1:8787 */
  server: string;
  /** the API's path under it, e.g. /api/v1 (tix serve) or /REST/2.0 (Request Tracker) */
  basePath?: string;
  /** the Authorization header's value, e.g. "Bearer …" or "Basic …" */
  authorization?: string;
  /** how messages name the server ("the tix server") and what to check when it cannot be reached */
  wording?: { name: string; unreachableHint: string };
  /** reads the helpdesk's error envelope; without it, the status line is the message */
  parseError?: (res: RawResponse) => ErrorEnvelope | undefined;
}

export type Query = Record<string, string | number | boolean | string[] | undefined>;

export interface RequestOptions {
  query?: Query;
  /** sent as JSON */
  body?: unknown;
  /** sent as is, e.g. an attachment */
  rawBody?: Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
  /** makes a POST safe to retry: the server answers a repeat with the first result */
  idempotencyKey?: string;
  /**
   * true: a write that may be repeated without harm (e.g. an upload: an unattached copy is simply dropped);
   * false: a PUT that must not be (a helpdesk's "update" that adds a comment), whose provider checks itself
   */
  replayable?: boolean;
  /** how the user can check the outcome of a write whose answer was lost */
  checkHint?: string;
  signal?: AbortSignal;
  /**
   * Called as soon as an answer's status line and headers arrive, before its body (and again for the answer
   * of a retry): a paged list learns where its next page is without waiting for this one.
   */
  onHeaders?: (status: number, headers: IncomingHttpHeaders) => void;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

// Answers worth another try for a replayable request; of those, all but a plain 500 mean "busy, later".
const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);
const BUSY_STATUS = new Set([429, 502, 503, 504]);

/**
 * An answer's body as it arrives. With a Content-Length, each piece is copied into one buffer of that size and
 * let go at once: kept until the end, the socket's pieces outlive a young-generation collection or two, move to
 * V8's old generation and are freed only by its rare full collections (a listing of 100,000 tickets held up to
 * 26 MB of them). Without one (chunked encoding, or a length that turns out wrong), the pieces are joined.
 */
class BodyBuffer {
  private readonly whole?: Buffer;
  private length = 0;
  private chunks: Buffer[] = [];

  constructor(expected: number) {
    if (Number.isSafeInteger(expected) && expected > 0 && expected <= 64 * 1024 * 1024) this.whole = Buffer.allocUnsafe(expected);
  }

  add(chunk: Buffer): void {
    if (this.whole && this.chunks.length === 0 && this.length + chunk.length <= this.whole.length) chunk.copy(this.whole, this.length);
    else {
      if (this.whole && this.chunks.length === 0) this.chunks.push(this.whole.subarray(0, this.length));
      this.chunks.push(chunk);
    }
    this.length += chunk.length;
  }

  bytes(): Buffer {
    if (this.chunks.length) return Buffer.concat(this.chunks);
    return this.whole ? this.whole.subarray(0, this.length) : Buffer.alloc(0);
  }
}

/** A network failure, and whether the request can have reached the server. */
class NetworkFailure extends Error {
  readonly code: string;
  readonly sent: boolean;
  constructor(code: string, sent: boolean, cause?: unknown) {
    super(code, { cause });
    this.code = code;
    this.sent = sent;
  }
}

/**
 * The HTTP client every provider's calls go through: the generic part (timeouts, retries, Retry-After, proxy,
 * debug). What belongs to one helpdesk (its API path, its authentication header, its error envelope, how
 * messages name it) comes in the options, from the provider.
 *
 * Reads, and writes that carry an idempotency key, are retried with exponential backoff that honours
 * Retry-After. A write without a key is retried only when it provably was not applied (connection refused, or
 * 429 Too Many Requests); when its answer is lost the outcome is reported as unknown (exit 6) with a way to
 * check, never guessed.
 */
export class HttpClient {
  readonly server: string;
  /** the provider's API path under the server, e.g. /api/v1 */
  readonly basePath: string;
  /** the API's base URL: the server and the provider's API path */
  readonly base: string;
  private readonly options: HttpClientOptions;
  private readonly retries: number;
  private readonly secure: boolean;
  /** the server as messages name it: never with a password from the URL */
  private readonly shown: string;
  // Reads reuse connections; writes get a fresh one, so a keep-alive socket the server just closed can never
  // turn a write into an "unknown outcome".
  private readonly readAgent: HttpAgent;
  private readonly writeAgent: HttpAgent;

  constructor(options: HttpClientOptions) {
    this.options = options;
    this.server = options.server.replace(/\/+$/, '');
    this.basePath = options.basePath ?? '';
    this.base = `${this.server}${this.basePath}`;
    this.retries = options.retries ?? 3;
    this.secure = this.server.startsWith('https:');
    this.shown = withoutPassword(this.server);
    const env = options.env;
    const proxyEnv = {
      HTTP_PROXY: env.HTTP_PROXY ?? env.http_proxy,
      HTTPS_PROXY: env.HTTPS_PROXY ?? env.https_proxy,
      NO_PROXY: env.NO_PROXY ?? env.no_proxy,
    };
    const Agent = this.secure ? https().Agent : http.Agent;
    this.readAgent = new Agent({ keepAlive: true, proxyEnv } as ConstructorParameters<typeof HttpAgent>[0]);
    this.writeAgent = new Agent({ keepAlive: false, proxyEnv } as ConstructorParameters<typeof HttpAgent>[0]);
  }

  url(path: string, query?: Query): URL {
    const u = new URL(`${this.base}${path}`);
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v === undefined || v === false) continue;
      for (const item of [v].flat()) u.searchParams.append(k, String(item));
    }
    return u;
  }

  async json<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const res = await this.raw(method, path, opts);
    if (res.status >= 300) throw this.errorFor(method, res);
    if (res.status === 204 || res.body.length === 0) return undefined as T;
    return JSON.parse(res.body.toString('utf8')) as T;
  }

  /** The final response whatever its status (after retries); only network failures throw. */
  async raw(method: string, path: string, opts: RequestOptions = {}): Promise<RawResponse> {
    const headers: OutgoingHttpHeaders = { accept: 'application/json', 'user-agent': `tix/${VERSION}`, ...opts.headers };
    if (this.options.authorization) headers.authorization = this.options.authorization;
    if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
    let body: Uint8Array | undefined;
    if (opts.body !== undefined) {
      body = Buffer.from(JSON.stringify(opts.body));
      headers['content-type'] = 'application/json';
    } else if (opts.rawBody) {
      body = opts.rawBody;
      headers['content-type'] = opts.contentType ?? 'application/octet-stream';
    }
    const replayable =
      opts.replayable ?? (method === 'GET' || method === 'HEAD' || method === 'PUT' || method === 'DELETE' || Boolean(opts.idempotencyKey));
    const url = this.url(path, opts.query);
    const signal = opts.signal ?? this.options.signal;
    const maxDelay = this.options.maxRetryDelayMs ?? 10_000;
    const isWrite = method !== 'GET' && method !== 'HEAD';
    // Once an attempt at a write may have reached the server, its outcome stays unknown whatever the later
    // attempts meet (refused connections, 503s): never "nothing was sent".
    let uncertain: NetworkFailure | undefined;
    for (let attempt = 0; ; attempt++) {
      const started = performance.now();
      this.options.debug?.(`> ${method} ${url}${attempt ? ` (retry ${attempt})` : ''}`);
      let res: RawResponse;
      try {
        res = await this.once(method, url, headers, body, replayable, signal, opts.onHeaders);
      } catch (err) {
        if (err instanceof TixError && err.exitCode === 130 && method !== 'GET' && method !== 'HEAD') {
          // interrupted while a write was under way: it may or may not have been applied
          throw cancelledError('cancelled while the request was under way; it may or may not have been applied', {
            hint: opts.idempotencyKey
              ? `running the same command again with --idempotency-key ${opts.idempotencyKey} is safe`
              : (opts.checkHint ?? 'check before trying again'),
          });
        }
        if (!(err instanceof NetworkFailure)) throw err;
        this.options.debug?.(`< ${err.code}${err.sent ? ' after sending' : ' before sending'}`);
        if (err.sent && isWrite) uncertain ??= err;
        // Replaying is safe when the method allows it or when nothing left this machine.
        if (attempt < this.retries && (replayable || !err.sent)) {
          await this.pause(this.backoff(attempt), signal);
          continue;
        }
        throw this.networkError(method, uncertain ?? err, opts);
      }
      this.options.debug?.(`< ${res.status} (${Math.round(performance.now() - started)} ms, ${res.body.length} bytes)`);
      // A 429 refuses the request before any work (RFC 6585): sending it again cannot apply anything twice,
      // whatever the method.
      if (RETRY_STATUS.has(res.status) && (replayable || res.status === 429) && attempt < this.retries) {
        const asked = retryAfterMs(res.headers['retry-after']);
        // A server asking for a longer pause than we sit through gets a clear error instead.
        if (asked === undefined || asked <= maxDelay) {
          await this.pause(asked ?? this.backoff(attempt), signal);
          continue;
        }
      }
      if (uncertain && RETRY_STATUS.has(res.status)) throw this.networkError(method, uncertain, opts);
      return res;
    }
  }

  close(): void {
    this.readAgent.destroy();
    this.writeAgent.destroy();
  }

  private backoff(attempt: number): number {
    return retryDelay(this.options, attempt);
  }

  private pause(ms: number, signal?: AbortSignal): Promise<void> {
    this.options.debug?.(`  waiting ${Math.round(ms)} ms before retrying`);
    return sleep(ms, signal);
  }

  private once(
    method: string,
    url: URL,
    headers: OutgoingHttpHeaders,
    body: Uint8Array | undefined,
    reuse: boolean,
    signal?: AbortSignal,
    onHeaders?: RequestOptions['onHeaders'],
  ): Promise<RawResponse> {
    const connectTimeout = this.options.connectTimeoutMs ?? 10_000;
    const idleTimeout = this.options.requestTimeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      let connected = false;
      let settled = false;
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        req.destroy();
        reject(err);
      };
      const req = (this.secure ? https().request : http.request)(url, {
        method,
        headers: body ? { ...headers, 'content-length': body.byteLength } : headers,
        agent: reuse && method === 'GET' ? this.readAgent : this.writeAgent,
        signal,
      });
      req.on('socket', (socket) => {
        if (!socket.connecting) {
          connected = true;
          return;
        }
        const timer = setTimeout(() => fail(new NetworkFailure('CONNECT_TIMEOUT', false)), connectTimeout);
        socket.once('connect', () => {
          connected = true;
          clearTimeout(timer);
        });
        socket.once('close', () => clearTimeout(timer));
      });
      req.setTimeout(idleTimeout, () => fail(new NetworkFailure(connected ? 'RESPONSE_TIMEOUT' : 'CONNECT_TIMEOUT', connected)));
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (err.name === 'AbortError') return fail(cancelledError());
        fail(new NetworkFailure(err.code ?? 'ECONNRESET', connected, err));
      });
      req.on('response', (res) => {
        onHeaders?.(res.statusCode ?? 0, res.headers);
        const body = new BodyBuffer(Number(res.headers['content-length']));
        res.on('data', (c: Buffer) => body.add(c));
        res.on('error', (err: NodeJS.ErrnoException) => fail(new NetworkFailure(err.code ?? 'ECONNRESET', true, err)));
        res.on('aborted', () => fail(new NetworkFailure('ECONNRESET', true)));
        res.on('end', () => {
          if (settled) return;
          if (!res.complete) return fail(new NetworkFailure('ECONNRESET', true));
          settled = true;
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: body.bytes() });
        });
      });
      req.end(body);
    });
  }

  private networkError(method: string, err: NetworkFailure, opts: RequestOptions): TixError {
    const what = describeNetworkCode(err.code);
    const isWrite = method !== 'GET' && method !== 'HEAD';
    const wording = this.options.wording ?? { name: 'the server', unreachableHint: 'check that --server / TIX_SERVER is right' };
    if (!err.sent || !isWrite) {
      return transientError(`cannot reach ${wording.name} at ${this.shown}: ${what}`, {
        code: 'unreachable',
        cause: err,
        hint: `${isWrite ? 'nothing was sent; ' : ''}${wording.unreachableHint}, then try again`,
        data: { server: this.shown, network: err.code, ...(isWrite ? { write: true } : {}) },
      });
    }
    // The request may have reached the server: say so, do not guess.
    const retry = opts.idempotencyKey
      ? `running the same command again with --idempotency-key ${opts.idempotencyKey} is safe: it cannot apply twice`
      : (opts.checkHint ?? 'check whether it was applied before trying again');
    return transientError(`the connection to ${this.shown} failed after the request was sent (${what}); the outcome is unknown`, {
      code: 'outcome_unknown',
      cause: err,
      hint: retry,
      data: {
        server: this.shown,
        network: err.code,
        ...(opts.idempotencyKey ? { idempotencyKey: opts.idempotencyKey } : {}),
        // the command that shows whether it was applied, for the CLI to say it in the reader's language
        ...(!opts.idempotencyKey && opts.checkHint?.startsWith('check with: ') ? { check: opts.checkHint.slice(12) } : {}),
      },
    });
  }

  /** Maps an HTTP error answer to the CLI's exit codes, keeping the helpdesk's message and field list. */
  errorFor(method: string, res: RawResponse): TixError {
    let envelope: ErrorEnvelope | undefined;
    try {
      envelope = this.options.parseError?.(res);
    } catch {
      /* not the envelope the provider knows: keep the status line */
    }
    // (the helpdesk's words are cleaned of control characters by the wrapper every backend goes through, and
    // by tix api: src/api/clean.ts)
    const message = envelope?.message ?? `the server answered ${res.status}`;
    const details = { code: envelope?.code, fields: envelope?.fields, status: res.status, data: envelope?.data };
    // redirects are not followed (the token would go along): the server URL is likely the wrong one
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.location;
      return usageError(
        `the server answered ${res.status}, a redirect${location ? ` to ${String(location).slice(0, 200)}` : ''}; tix does not follow redirects: check the server URL (${this.shown})`,
        { ...details, code: 'redirect', hint: 'log in again with the exact API address: tix auth login --server URL (or set TIX_SERVER)' },
      );
    }
    if (res.status === 401) return authError(message, { ...details, hint: 'run: tix auth login' });
    if (res.status === 403) return authError(message, details);
    if (res.status === 404) return notFoundError(message, details);
    if (res.status === 409) return stateError(message, details);
    if (BUSY_STATUS.has(res.status)) {
      const after = res.headers['retry-after'];
      const retryAfter = typeof after === 'string' && /^\d+$/.test(after) ? Number(after) : undefined;
      // a login locked out after failed attempts is the helpdesk's own refusal, not a busy server: its words
      if (envelope?.code === 'too_many_attempts')
        return transientError(message, { ...details, data: { ...details.data, ...(retryAfter !== undefined ? { retryAfter } : {}) } });
      const write = method !== 'GET' && method !== 'HEAD';
      return transientError(`${message} (the server is busy or unavailable${after ? `; it asks to retry after ${after}s` : ''})`, {
        ...details,
        hint: write ? 'try again later; with an --idempotency-key the retry cannot apply twice' : 'try again later',
        data: { ...details.data, busyMessage: message, ...(retryAfter !== undefined ? { retryAfter } : {}), ...(write ? { write } : {}) },
      });
    }
    if (res.status >= 400 && res.status < 500) return usageError(message, details);
    return new TixError(1, `server error ${res.status}: ${message}`, { ...details, data: { ...details.data, serverMessage: message } });
  }
}

/** https://user:secret@host → https://user:***@host: error messages end up in CI logs. */
function withoutPassword(server: string): string {
  try {
    const u = new URL(server);
    if (!u.password) return server;
    u.password = '***';
    return u.toString().replace(/\/+$/, '');
  } catch {
    return server;
  }
}

function retryAfterMs(header: string | string[] | undefined): number | undefined {
  if (typeof header !== 'string' || header === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function describeNetworkCode(code: string): string {
  const text: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'DNS lookup failed',
    ENETUNREACH: 'network unreachable',
    EHOSTUNREACH: 'host unreachable',
    CONNECT_TIMEOUT: 'connection timed out',
    RESPONSE_TIMEOUT: 'no answer in time',
    ECONNRESET: 'connection reset',
    EPIPE: 'connection broken',
  };
  return text[code] ?? code;
}

/**
 * The wait before retry number `attempt` (from 0): exponential from minRetryDelayMs, capped at maxRetryDelayMs.
 * With jitter (the default) it falls anywhere in the upper half, which spreads the retries of many CI jobs that
 * failed at the same moment.
 */
export function retryDelay(settings: Pick<HttpSettings, 'minRetryDelayMs' | 'maxRetryDelayMs'>, attempt: number, jitter = true): number {
  const base = Math.min((settings.minRetryDelayMs ?? 300) * 2 ** attempt, settings.maxRetryDelayMs ?? 10_000);
  return jitter ? base / 2 + Math.random() * (base / 2) : base;
}

/** Waits `ms`; rejects with the cancelled error as soon as `signal` aborts (Ctrl-C during a retry's wait). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(cancelledError());
      },
      { once: true },
    );
  });
}
