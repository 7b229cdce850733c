import type { Socket } from 'node:net';
import Ajv, { type Options as AjvOptions } from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { FieldProblem } from '../core/errors.ts';
import { ApiError } from './errors.ts';
import { buildOpenApi, type RouteDoc } from './openapi.ts';
import { authRoutes } from './routes/auth.ts';
import { contactRoutes } from './routes/contacts.ts';
import { inboxRoutes } from './routes/inbox.ts';
import { metaRoutes } from './routes/meta.ts';
import { organisationRoutes } from './routes/organisation.ts';
import { requestTypeRoutes } from './routes/request-types.ts';
import { settingsRoutes } from './routes/settings.ts';
import { ticketRoutes } from './routes/tickets.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { uploadRoutes } from './routes/uploads.ts';
import { AuthService, defaultAuthOptions, type AuthOptions } from './services/auth.ts';
import { ContactService } from './services/contacts.ts';
import { OrganisationService } from './services/organisation.ts';
import { systemClock, type Clock, type Principal } from './services/principal.ts';
import { SettingsService } from './services/settings.ts';
import { defaultTicketOptions, TicketService, type TicketOptions } from './services/tickets.ts';
import { TokenService } from './services/tokens.ts';
import { UploadService } from './services/uploads.ts';
import { defaultCatalog, type Catalog } from '../core/catalog.ts';
import type { Store } from './store/store.ts';

export interface AppOptions {
  store: Store;
  clock?: Clock;
  auth?: Partial<AuthOptions>;
  /** largest JSON body accepted, in bytes */
  bodyLimit?: number;
  /** log one line per request to stderr */
  log?: boolean;
  catalog?: Catalog;
  tickets?: Partial<TicketOptions>;
}

export interface Services {
  store: Store;
  clock: Clock;
  auth: AuthService;
  tokens: TokenService;
  organisation: OrganisationService;
  tickets: TicketService;
  uploads: UploadService;
  settings: SettingsService;
  contacts: ContactService;
  catalog: () => Catalog;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
  interface FastifyInstance {
    services: Services;
  }
  interface FastifySchema {
    /** one line for the OpenAPI document */
    summary?: string;
  }
  interface FastifyContextConfig {
    /** the route answers without a token */
    public?: boolean;
  }
}

export const API_PREFIX = '/api/v1';
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

// Bodies are validated strictly (no type coercion: "5" is not a number, unknown fields are refused); query
// strings and path parameters are text by nature and are coerced to the schema's types.
const ajvBase: AjvOptions = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false };

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const clock = options.clock ?? systemClock;
  const catalog = options.catalog ?? defaultCatalog;
  const services: Services = {
    store: options.store,
    clock,
    auth: new AuthService(options.store, clock, { ...defaultAuthOptions, ...options.auth }),
    tokens: new TokenService(options.store, clock),
    organisation: new OrganisationService(options.store),
    tickets: new TicketService(options.store, clock, () => catalog, { ...defaultTicketOptions, ...options.tickets }),
    uploads: new UploadService(options.store, clock),
    settings: new SettingsService(options.store),
    contacts: new ContactService(options.store, clock),
    catalog: () => catalog,
  };

  const app = Fastify({
    // `--log` promises stderr (stdout is for data); only method, URL and peer are logged, never headers or
    // bodies, and a token pasted into a URL is masked
    logger: options.log
      ? { level: 'info', stream: process.stderr, redact: ['req.headers.authorization'], serializers: { req: logRequest } }
      : false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // a request that takes this long is a client problem; do not keep the socket forever
    requestTimeout: 60_000,
    trustProxy: false,
    // what fastify and Node refuse before any route runs gets the same envelope and no-store as the rest
    frameworkErrors: (err, _req, res) => {
      const reply = res as FastifyReply;
      const bad = err.code === 'FST_ERR_BAD_URL' || err.code === 'FST_ERR_MAX_PARAM_LENGTH';
      const message =
        err.code === 'FST_ERR_BAD_URL'
          ? 'the URL has a malformed %-escape: a % must start a %XX escape of UTF-8'
          : bad
            ? 'a part of the URL is too long'
            : 'internal server error; the server log has the details';
      void reply
        .code(bad ? 400 : 500)
        .headers({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' })
        .send({ error: { code: bad ? 'bad_url' : 'internal', message } });
    },
    clientErrorHandler: answerClientError,
  });

  app.decorate('services', services);
  const bodyAjv = addFormats.default(new Ajv.default({ ...ajvBase, coerceTypes: false }));
  const textAjv = addFormats.default(new Ajv.default({ ...ajvBase, coerceTypes: 'array' }));
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : textAjv).compile(schema));

  // JSON must be valid UTF-8: a lossy decode would store replacement characters in people's tickets.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      return done(new ApiError(400, 'invalid_utf8', 'the request body is not valid UTF-8'), undefined);
    }
    // JSON escapes can still spell text that is not Unicode (a lone surrogate, "\ud800"), which would be
    // stored as U+FFFD: refused like invalid UTF-8
    parseJson(req, text, (err: Error | null, value?: unknown) => {
      if (!err && hasLoneSurrogate(text, value))
        return done(
          new ApiError(400, 'invalid_utf8', 'the request body is not valid Unicode: it escapes a lone UTF-16 surrogate (\\ud800-\\udfff)'),
          undefined,
        );
      done(err, value);
    });
  });

  const routes: RouteDoc[] = [];
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(API_PREFIX) && route.method !== 'HEAD')
      routes.push({
        method: route.method,
        url: route.url,
        schema: route.schema as Record<string, unknown> | undefined,
        public: route.config?.public === true,
      });
  });

  app.addHook('onRequest', async (_req, reply) => {
    // API answers are personal: never cached by a browser or a proxy. No CORS headers are ever sent, so a
    // web page on another origin cannot read them.
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
  });

  // Nothing is acknowledged before it is durable: the store may commit a request's writes together with
  // others' a moment after they return (group commit), and every answer waits for that commit.
  app.addHook('onSend', async (req, reply, payload) => {
    try {
      await services.store.flush();
      return payload;
    } catch (err) {
      req.log.error({ err }, 'commit failed');
      void reply.code(500).header('content-type', 'application/json; charset=utf-8');
      return JSON.stringify({ error: { code: 'internal', message: 'internal server error; the server log has the details' } });
    }
  });

  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('preHandler', async (req: FastifyRequest) => {
    if (!req.routeOptions.url?.startsWith(API_PREFIX) || req.routeOptions.config.public) return;
    req.principal = await services.auth.authenticate(req.headers.authorization);
  });

  app.setErrorHandler((err: FastifyError | ApiError, req, reply) => {
    const { status, body, headers } = toErrorResponse(err, req.routeOptions.bodyLimit ?? options.bodyLimit ?? DEFAULT_BODY_LIMIT);
    if (status >= 500) req.log.error({ err }, 'request failed');
    void reply
      .code(status)
      .headers(headers ?? {})
      .send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send({ error: { code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` } });
  });

  await app.register(
    async (api) => {
      metaRoutes(api, () => buildOpenApi(routes));
      authRoutes(api, services);
      tokenRoutes(api, services);
      organisationRoutes(api, services);
      requestTypeRoutes(api, services);
      ticketRoutes(api, services);
      inboxRoutes(api, services);
      settingsRoutes(api, services);
      contactRoutes(api, services);
      await api.register(async (uploads) => uploadRoutes(uploads, services));
    },
    { prefix: API_PREFIX },
  );
  await app.ready();
  return app;
}

function toErrorResponse(
  err: FastifyError | ApiError,
  bodyLimit: number,
): { status: number; body: unknown; headers?: Record<string, string> } {
  if (err instanceof ApiError) {
    return {
      status: err.status,
      headers: err.headers,
      body: { error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}), ...err.data } },
    };
  }
  const fe = err as FastifyError;
  if (fe.validation) {
    const fields = fe.validation.map((v): FieldProblem => validationProblem(v, fe.validationContext ?? 'body'));
    const message = `invalid request: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`;
    return { status: 422, body: { error: { code: 'invalid_fields', message, fields } } };
  }
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const limit = bodyLimit >= 1024 * 1024 ? `${Math.round(bodyLimit / 1024 / 1024)} MiB` : `${Math.round(bodyLimit / 1024)} KiB`;
    return {
      status: 413,
      body: { error: { code: 'body_too_large', message: `the request body is larger than the ${limit} this endpoint accepts` } },
    };
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      status: fe.statusCode,
      body: { error: { code: (fe.code ?? 'bad_request').replace(/^FST_ERR_(CTP_)?/, '').toLowerCase(), message: fe.message } },
    };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'internal server error; the server log has the details' } } };
}

/** A request Node cannot parse (oversized headers, not HTTP at all): answered in our envelope, then closed. */
function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'headers_too_large', 'the request headers are larger than the 16 KiB the server accepts']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'request_timeout', 'the request took too long to arrive']
        : [400, 'Bad Request', 'bad_request', 'this is not a valid HTTP request'];
  const body = JSON.stringify({ error: { code, message } });
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncache-control: no-store\r\nx-content-type-options: nosniff\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  socket.destroy(err);
}

/**
 * A string anywhere in a parsed JSON value (keys included) holding half a surrogate pair. Only a \uD8xx-\uDFxx
 * escape can make one (the bytes are valid UTF-8), so other bodies are not walked; the walk is iterative, as
 * deep as the nesting is.
 */
function hasLoneSurrogate(text: string, value: unknown): boolean {
  if (!/\\u[dD][89a-fA-F]/.test(text)) return false;
  const lone = /[\ud800-\udfff]/u;
  const pending: unknown[] = [value];
  while (pending.length) {
    const v = pending.pop();
    if (typeof v === 'string') {
      if (lone.test(v)) return true;
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) pending.push(k, child);
    }
  }
  return false;
}

/** What the request log keeps of a request: no headers, no body, and no token even in a query string. */
function logRequest(req: FastifyRequest): Record<string, unknown> {
  return { method: req.method, url: req.url.replace(/\b(tix[sp])_[\w-]+/g, '$1_[redacted]'), remoteAddress: req.ip };
}

interface AjvProblem {
  instancePath: string;
  message?: string;
  keyword: string;
  params: Record<string, unknown>;
}

function validationProblem(v: AjvProblem, context: string): FieldProblem {
  let field = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
  let message = v.message ?? 'is invalid';
  if (v.keyword === 'required') {
    field = [field, String(v.params.missingProperty)].filter(Boolean).join('.');
    message = 'is required';
  } else if (v.keyword === 'additionalProperties') {
    field = [field, String(v.params.additionalProperty)].filter(Boolean).join('.');
    message = 'is not a known field';
  }
  return { field: field || context, message };
}
