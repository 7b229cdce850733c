/**
 * The part every vendor stub shares: a node:http server on 127.0.0.1:0 that parses each request, lets injected
 * faults answer first, asks the vendor's handler otherwise, validates the request and the answer against the
 * vendor's OpenAPI document (test/helpers/openapi.ts) and records what it saw. A violation never changes the answer
 * (the stub still plays the service); it is kept until the test calls `assertNoViolations()` (usually in afterEach)
 * or takes it with `takeViolations()` when the test sends a bad request on purpose.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type OpenApiSpec, validateExchange } from '../openapi.ts';

export interface StubRequest {
  method: string;
  /** the path, without the query string */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** parsed JSON, FormData for multipart, the bytes otherwise; undefined when there is no body */
  body: unknown;
  raw: Buffer;
}

export interface StubResponse {
  status: number;
  headers?: Record<string, string>;
  /** an object (sent as JSON), bytes, or text */
  body?: unknown;
}

export type StubHandler = (req: StubRequest) => StubResponse | Promise<StubResponse>;

/** Which requests a fault applies to: "METHOD /path" (exactly, or a prefix when it ends with `*`), a RegExp tried
 * on "METHOD /path?query", or a function. Absent: every request. */
export type RequestMatch = string | RegExp | ((req: StubRequest) => boolean);

export interface Exchange {
  method: string;
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** undefined when the connection was dropped */
  status?: number;
  /** parsed JSON, or the bytes or text sent */
  responseBody?: unknown;
}

interface Fault {
  match?: RequestMatch;
  remaining: number;
  act: (req: StubRequest, socket: Socket, run: () => Promise<StubResponse>) => Promise<StubResponse | 'dropped'>;
}

export interface FaultOptions {
  /** how many matching requests the fault takes (default 1) */
  times?: number;
  match?: RequestMatch;
}

/** Ways to make a stub misbehave, shared by every vendor. Faults apply in the order they were added. */
export class Faults {
  readonly #faults: Fault[] = [];
  readonly #rateLimitBody: () => unknown;

  constructor(rateLimitBody: () => unknown) {
    this.#rateLimitBody = rateLimitBody;
  }

  /** 429 Too Many Requests, with `Retry-After: seconds` unless retryAfter is null (Zendesk sometimes omits it). */
  rateLimit(o: FaultOptions & { retryAfter?: number | null } = {}): this {
    const retryAfter = o.retryAfter === undefined ? 1 : o.retryAfter;
    const headers: Record<string, string> = retryAfter === null ? {} : { 'retry-after': String(retryAfter) };
    return this.#add(o, async () => ({ status: 429, headers, body: this.#rateLimitBody() }));
  }

  /** Any status with any body (e.g. 503 during an outage), instead of the real answer. */
  status(status: number, o: FaultOptions & { body?: unknown; headers?: Record<string, string> } = {}): this {
    return this.#add(o, async () => ({ status, headers: o.headers, body: o.body }));
  }

  /** Closes the connection without answering: `before` the stub acts (nothing happened), or `after` it acted (the
   * ticket exists, but the client cannot know: the case idempotency keys are for). */
  drop(o: FaultOptions & { when?: 'before' | 'after' } = {}): this {
    return this.#add(o, async (_req, socket, run) => {
      if (o.when === 'after') await run();
      socket.destroy();
      return 'dropped';
    });
  }

  /** Answers after `ms` milliseconds (for client timeouts; tests never assert durations). */
  delay(ms: number, o: FaultOptions = {}): this {
    return this.#add(o, async (_req, _socket, run) => {
      await new Promise((r) => setTimeout(r, ms));
      return run();
    });
  }

  /** Forgets the faults not used yet. */
  clear(): void {
    this.#faults.length = 0;
  }

  /** The first fault that takes this request (its count goes down), if any. */
  take(req: StubRequest): Fault | undefined {
    const fault = this.#faults.find((f) => f.remaining > 0 && matches(f.match, req));
    if (fault) fault.remaining--;
    return fault;
  }

  #add(o: FaultOptions, act: Fault['act']): this {
    this.#faults.push({ match: o.match, remaining: o.times ?? 1, act });
    return this;
  }
}

function matches(match: RequestMatch | undefined, req: StubRequest): boolean {
  if (match === undefined) return true;
  if (typeof match === 'function') return match(req);
  const line = `${req.method} ${req.path}`;
  if (match instanceof RegExp) return match.test(`${line}${req.query.size ? `?${req.query}` : ''}`);
  return match.endsWith('*') ? line.startsWith(match.slice(0, -1)) : line === match;
}

export interface StubServer {
  url: string;
  faults: Faults;
  /** every exchange, in order */
  exchanges: Exchange[];
  /** the validation problems not yet asserted or taken */
  violations: string[];
  /** throws, listing them, when any request or answer broke the vendor's document; then forgets them */
  assertNoViolations(): void;
  /** returns the violations and forgets them (for tests that send a bad request on purpose) */
  takeViolations(): string[];
  close(): Promise<void>;
}

const MAX_BODY = 20 * 1024 * 1024;

export async function startStubServer(o: {
  spec: OpenApiSpec;
  handle: StubHandler;
  faults: Faults;
  /** requests the vendor serves outside its API document (e.g. attachment downloads): recorded, not validated */
  outside?: (req: StubRequest) => boolean;
}): Promise<StubServer> {
  const exchanges: Exchange[] = [];
  const violations: string[] = [];
  const record = (req: StubRequest, res: StubResponse | undefined) => {
    const line = `${req.method} ${req.path}${req.query.size ? `?${req.query}` : ''}${res ? ` -> ${res.status}` : ' -> (connection dropped)'}`;
    const problems = o.outside?.(req)
      ? []
      : validateExchange(
          o.spec,
          { method: req.method, path: req.path, query: req.query, headers: req.headers, body: req.body },
          res && { status: res.status, headers: res.headers, body: res.body },
        );
    for (const p of problems) violations.push(`${line}: ${p}`);
    exchanges.push({
      method: req.method,
      path: req.path,
      query: req.query.toString(),
      headers: req.headers,
      body: req.body,
      status: res?.status,
      responseBody:
        res && typeof res.body === 'string' && res.headers?.['content-type']?.includes('json') ? JSON.parse(res.body) : res?.body,
    });
  };

  const server: Server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of incoming) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) {
        outgoing.writeHead(413).end();
        return;
      }
      chunks.push(chunk as Buffer);
    }
    const raw = Buffer.concat(chunks);
    const url = new URL(incoming.url ?? '/', 'http://stub.invalid');
    const req: StubRequest = {
      method: (incoming.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: url.searchParams,
      headers: incoming.headers,
      body: await parseBody(raw, incoming.headers['content-type']),
      raw,
    };
    const run = async () => normalise(await o.handle(req));
    let res: StubResponse | 'dropped';
    try {
      const fault = o.faults.take(req);
      res = fault ? await fault.act(req, incoming.socket, run) : await run();
      if (res !== 'dropped') res = normalise(res);
    } catch (err) {
      res = { status: 500, headers: { 'content-type': 'text/plain' }, body: `stub error: ${(err as Error).stack}` };
      violations.push(`${req.method} ${req.path}: the stub itself failed: ${(err as Error).message}`);
    }
    if (res === 'dropped') {
      record(req, undefined);
      return;
    }
    record(req, res);
    const payload = Buffer.isBuffer(res.body) || res.body instanceof Uint8Array ? res.body : res.body === undefined ? '' : String(res.body);
    outgoing.writeHead(res.status, res.headers);
    outgoing.end(payload);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    faults: o.faults,
    exchanges,
    violations,
    assertNoViolations() {
      const found = violations.splice(0);
      if (found.length) {
        throw new Error(`${found.length} exchange(s) broke ${o.spec.title}:\n${found.map((v) => `  - ${v}`).join('\n')}`);
      }
    },
    takeViolations: () => violations.splice(0),
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** JSON bodies go out as text; the validator sees exactly what the client will parse. */
function normalise(res: StubResponse): StubResponse {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers ?? {})) headers[k.toLowerCase()] = v;
  let body = res.body;
  if (body !== undefined && typeof body === 'object' && !(body instanceof Uint8Array)) {
    headers['content-type'] ??= 'application/json; charset=utf-8';
    body = JSON.parse(JSON.stringify(body));
    return { status: res.status, headers, body: JSON.stringify(body) };
  }
  if (typeof body === 'string' && body !== '') headers['content-type'] ??= 'text/plain; charset=utf-8';
  return { status: res.status, headers, body };
}

async function parseBody(raw: Buffer, contentType: string | undefined): Promise<unknown> {
  if (raw.length === 0) return undefined;
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      return JSON.parse(raw.toString('utf8'));
    } catch {
      return raw.toString('utf8'); // the validator reports it is not JSON
    }
  }
  if (type === 'multipart/form-data') {
    try {
      return await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType as string } }).formData();
    } catch {
      return raw;
    }
  }
  return raw;
}
