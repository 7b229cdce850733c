import type { Socket } from 'node:net';
import Ajv, { type Options as AjvOptions } from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { FieldProblem } from '../core/errors.ts';
import { BackgroundWorker } from './background.ts';
import { ApiError, bodyTooLarge, notFound } from './errors.ts';
import { duplicateKey, hasLoneSurrogate } from './json-body.ts';
import { buildOpenApi, type Answer, type RouteDoc } from './openapi.ts';
import { authRoutes } from './routes/auth.ts';
import { contactRoutes } from './routes/contacts.ts';
import { inboxRoutes } from './routes/inbox.ts';
import { metaRoutes } from './routes/meta.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { organisationRoutes } from './routes/organisation.ts';
import { requestTypeRoutes } from './routes/request-types.ts';
import { settingsRoutes } from './routes/settings.ts';
import { ticketRoutes } from './routes/tickets.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { uploadRoutes } from './routes/uploads.ts';
import { AuthService, defaultAuthOptions, type AuthOptions } from './services/auth.ts';
import { type Mailer, smtpMailer } from './notifications/mailer.ts';
import { defaultNotifierOptions, Notifier, type NotifierOptions } from './notifications/notifier.ts';
import { ContactService } from './services/contacts.ts';
import { NotificationService } from './services/notifications.ts';
import { OrganisationService } from './services/organisation.ts';
import { systemClock, type Clock, type Principal } from './services/principal.ts';
import { SettingsService } from './services/settings.ts';
import { defaultTicketOptions, TicketService, type TicketOptions } from './services/tickets.ts';
import { TokenService } from './services/tokens.ts';
import { defaultUploadLimits, UploadService, type UploadLimits } from './services/uploads.ts';
import { defaultCatalog, type Catalog } from '../core/catalog.ts';
import type { Store } from './store/store.ts';
import { wantsPage, webNotFound, webRoutes } from './web/routes.ts';

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
  /** how often each instance looks for background work: 30 s, or half the auto-close delay when that is shorter */
  backgroundPeriodMs?: number;
  /** problems a person must see even without --log (a background task failing) */
  problems?: (message: string) => void;
  uploads?: Partial<UploadLimits>;
  /**
   * The address people reach this server at, for the links it gives out (ticket URLs). Never taken from a
   * request's Host header, which the client chooses. Default: the address it listens on.
   */
  publicUrl?: string;
  /** called with each request and its answer once sent: the tests check them against the OpenAPI document */
  onExchange?: (exchange: Exchange) => void;
  /**
   * E-mail notifications. Changes always write their events to the outbox; they are sent only when an SMTP server
   * is given (`smtp`: smtp://[user:password@]host:port or smtps://…), by the background task `notify`.
   */
  notifications?: Partial<NotifierOptions> & { smtp?: string };
}

export interface Exchange {
  request: { method: string; url: string; headers: Record<string, string | string[] | undefined>; body: unknown };
  response: { status: number; headers: Record<string, string | string[] | number | undefined>; body: unknown };
}

/** tickets closed per transaction by the auto-close task */
const AUTO_CLOSE_BATCH = 200;
/** sent notifications are forgotten after this long (their delivery rows say who got what until then) */
const KEEP_SENT_NOTIFICATIONS_MS = 30 * 86_400_000;
/** login throttle rows forgotten per statement (the task runs again at once while it finds a full batch) */
const LOGIN_CLEANUP_BATCH = 1000;

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
  notifications: NotificationService;
  /** delivers notification e-mails; undefined without an SMTP server (events wait in the outbox) */
  notifier: Notifier | undefined;
  catalog: () => Catalog;
  /** started by `tix serve` (startServer), not by buildApp: tests run it when they choose */
  background: BackgroundWorker;
  /** the public base URL, without a trailing slash */
  publicUrl: () => string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
  interface FastifyInstance {
    services: Services;
  }
  // what only the OpenAPI document reads (src/server/openapi.ts)
  interface FastifySchema {
    /** one line for the OpenAPI document */
    summary?: string;
    /** a stable name for the operation, for generated clients */
    operationId?: string;
    /** the answers besides errors, by status (default: 200 with an unspecified JSON body) */
    answers?: Record<number, Answer>;
    /** headers an answer carries, by status, as OpenAPI Header Objects */
    answerHeaders?: Record<number, Record<string, { description: string; schema: Record<string, unknown> }>>;
    /** error statuses this route answers besides the ones every route of its kind may (openapi.ts) */
    errors?: number[];
    /** a body that is not JSON, read as bytes */
    rawBody?: { description: string };
    /** the JSON body may be left out */
    bodyOptional?: boolean;
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
  const ticketOptions = { ...defaultTicketOptions, ...options.tickets };
  // a change on this instance sends its notifications at once, after the request (others find them within a period)
  const nudgeNotify = () => services.background.nudge('notify');
  const services: Services = {
    store: options.store,
    clock,
    auth: new AuthService(options.store, clock, { ...defaultAuthOptions, ...options.auth }),
    tokens: new TokenService(options.store, clock),
    organisation: new OrganisationService(options.store),
    tickets: new TicketService(options.store, clock, () => catalog, ticketOptions, nudgeNotify),
    uploads: new UploadService(options.store, clock, { ...defaultUploadLimits, ...options.uploads }),
    settings: new SettingsService(options.store),
    contacts: new ContactService(options.store, clock),
    notifications: new NotificationService(options.store, clock),
    notifier: undefined,
    catalog: () => catalog,
    background: undefined as unknown as BackgroundWorker,
    publicUrl: () => {
      if (options.publicUrl) return options.publicUrl.replace(/\/+$/, '');
      return listenUrl(app.server.address());
    },
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

  const smtp = options.notifications?.smtp;
  let closeMailer = async () => {};
  if (smtp) {
    let mailer: Promise<Mailer> | undefined;
    services.notifier = new Notifier(
      {
        store: options.store,
        clock,
        catalog: () => catalog,
        publicUrl: () => services.publicUrl(),
        autoCloseMs: ticketOptions.autoCloseMs,
        mailer: () => {
          mailer ??= smtpMailer(smtp);
          return mailer;
        },
        log: {
          info: (facts, message) => app.log.info(facts, message),
          error: (facts, message) => backgroundLog.error(facts, message),
        },
      },
      {
        ...defaultNotifierOptions,
        ...options.notifications,
        from: options.notifications?.from || (() => defaultMailFrom(services.publicUrl())),
      },
    );
    closeMailer = async () => (await mailer)?.close();
  }
  const backgroundLog = {
    info: (facts: Record<string, unknown>, message: string) => app.log.info(facts, message),
    error: (facts: Record<string, unknown>, message: string) => {
      app.log.error(facts, message);
      if (!options.log) options.problems?.(facts.err ? `${message}: ${(facts.err as Error | undefined)?.message ?? ''}` : message);
    },
  };
  services.background = new BackgroundWorker(
    [
      {
        name: 'auto-close',
        // a ticket closes at most one period after its delay (while any instance runs)
        periodMs:
          options.backgroundPeriodMs ??
          Math.max(1000, Math.min(30_000, (options.tickets?.autoCloseMs ?? defaultTicketOptions.autoCloseMs) / 2)),
        run: async () => {
          const closed = await services.tickets.closeDue(AUTO_CLOSE_BATCH);
          if (closed.length) {
            app.log.info({ task: 'auto-close', tickets: closed }, `closed ${closed.length} resolved tickets automatically`);
            nudgeNotify();
          }
          return { done: closed.length, full: closed.length === AUTO_CLOSE_BATCH };
        },
      },
      ...(services.notifier ? [services.notifier.task()] : []),
      {
        name: 'notification-cleanup',
        periodMs: 3_600_000,
        run: async () => {
          const cutoff = new Date(clock.now().getTime() - KEEP_SENT_NOTIFICATIONS_MS).toISOString();
          return { done: await options.store.notifications.deleteDoneBefore(cutoff), full: false };
        },
      },
      {
        // failed logins leave a row per address and account tried; once they count for nothing, they go
        name: 'login-throttle-cleanup',
        periodMs: 3_600_000,
        run: async () => {
          const done = await services.auth.forgetSettledLogins(LOGIN_CLEANUP_BATCH);
          return { done, full: done === LOGIN_CLEANUP_BATCH };
        },
      },
    ],
    backgroundLog,
  );
  app.addHook('onClose', async () => {
    // an SMTP exchange in flight ends now (its delivery stays pending) rather than hold the shutdown
    await closeMailer();
    await services.background.stop();
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
      const twice = err ? undefined : duplicateKey(text);
      if (twice !== undefined)
        return done(
          new ApiError(
            400,
            'duplicate_key',
            `the key "${twice.slice(0, 100)}" appears twice in one object of the JSON body; send each key once`,
          ),
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

  app.decorateRequest('principal', null as unknown as Principal);
  // Everything that can refuse a request without its body does so before a byte of the body is read: the
  // token first (an anonymous request learns nothing about what its body should be), then ids.
  app.addHook('onRequest', async (req, reply) => {
    // API answers are personal: never cached by a browser or a proxy. No CORS headers are ever sent, so a
    // web page on another origin cannot read them.
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    if (!req.routeOptions.url?.startsWith(API_PREFIX)) return;
    if (!req.routeOptions.config.public) req.principal = await services.auth.authenticate(req.headers.authorization);
    refuseNonDecimalIds(req);
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

  // Node answers "Expect: 100-continue" by itself, before any hook could refuse the request. Taking that
  // event over, the server promises 100 Continue only once the token is checked and the announced length fits.
  app.server.on('checkContinue', (req, res) => app.server.emit('request', req, res));
  app.addHook('preParsing', async (req, reply, payload) => {
    const limit = req.routeOptions.bodyLimit ?? options.bodyLimit ?? DEFAULT_BODY_LIMIT;
    if (Number(req.headers['content-length']) > limit) throw bodyTooLarge(limit);
    if (/^100-continue$/i.test(req.headers.expect ?? '') && !reply.raw.headersSent) reply.raw.writeContinue();
    return payload;
  });

  // An answer sent before the body was read (401, 413…) closes the connection: otherwise Node would read
  // the whole unwanted body off the socket to reuse it.
  const sent = new WeakMap<FastifyRequest, unknown>();
  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.raw.complete) reply.header('connection', 'close');
    if (options.onExchange) sent.set(req, payload);
    return payload;
  });
  const observe = options.onExchange;
  if (observe)
    app.addHook('onResponse', async (req, reply) => {
      observe({
        request: { method: req.method, url: req.url, headers: req.headers, body: req.body },
        response: { status: reply.statusCode, headers: reply.getHeaders(), body: sent.get(req) },
      });
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
    if (wantsPage(req)) return webNotFound(services, req, reply);
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
      notificationRoutes(api, services);
      await api.register(async (uploads) => uploadRoutes(uploads, services));
    },
    { prefix: API_PREFIX },
  );
  // the web view: the page behind every ticket link
  await app.register(async (web) => webRoutes(web, services));
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
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return toErrorResponse(bodyTooLarge(bodyLimit), bodyLimit);
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

/** What the request log keeps of a request: no headers, no body, and no token even in a query string. */
function logRequest(req: FastifyRequest): Record<string, unknown> {
  return { method: req.method, url: maskTokens(req.url), remoteAddress: req.ip };
}

const TOKEN = /\b(tix[sp])_[\w-]+/gi;

/**
 * The URL with every token masked, however it is spelled: each path segment and query parameter is looked
 * at decoded (`tixs%5F…`, `%74ixs_…`, even encoded twice), and one that holds a token is logged decoded,
 * its token masked.
 */
export function maskTokens(url: string): string {
  const q = url.indexOf('?');
  const [path, query] = q < 0 ? [url, undefined] : [url.slice(0, q), url.slice(q + 1)];
  const mask = (part: string) => {
    let decoded = part;
    for (let i = 0; i < 3 && decoded.includes('%'); i++) {
      try {
        decoded = decodeURIComponent(decoded.replace(/\+/g, ' '));
      } catch {
        break;
      }
    }
    return decoded.match(TOKEN) ? decoded.replace(TOKEN, (_t, kind: string) => `${kind.toLowerCase()}_[redacted]`) : part;
  };
  const masked = path.split('/').map(mask).join('/');
  return query === undefined ? masked : `${masked}?${query.split('&').map(mask).join('&')}`;
}

/**
 * Integers in paths and query strings are written in decimal, and only so: "0x1", "1e0", "01" and "1.0" are
 * not ticket 1 (the validator would coerce each of them to 1). A path id that is not decimal names nothing.
 */
function refuseNonDecimalIds(req: FastifyRequest): void {
  const schema = req.routeOptions.schema as { params?: IntegerProperties; querystring?: IntegerProperties } | undefined;
  for (const [name, property] of Object.entries(schema?.params?.properties ?? {})) {
    const value = (req.params as Record<string, string | undefined>)[name];
    if (property.type === 'integer' && value !== undefined && !/^(0|[1-9]\d*)$/.test(value))
      throw notFound(`no ${name} "${value.slice(0, 40)}" here: ids are decimal numbers, such as 42`);
  }
  const query = req.query as Record<string, string | string[] | undefined>;
  for (const [name, property] of Object.entries(schema?.querystring?.properties ?? {})) {
    const value = query[name];
    if (property.type === 'integer' && value !== undefined && [value].flat().some((v) => !/^-?(0|[1-9]\d*)$/.test(v)))
      throw new ApiError(422, 'invalid_fields', `invalid ${name}: expected a decimal integer`, {
        fields: [{ field: name, message: 'expected a decimal integer, such as 20' }],
      });
  }
}

interface IntegerProperties {
  properties?: Record<string, { type?: string }>;
}

/** The URL a server listening at `address` is reached at; a wildcard address becomes localhost. */
function listenUrl(address: ReturnType<FastifyInstance['server']['address']>): string {
  if (!address || typeof address === 'string') return 'http://localhost';
  const host = ['0.0.0.0', '::'].includes(address.address) ? 'localhost' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
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

/** The sender when --mail-from is not given: noreply at the host of the server's public URL. */
export function defaultMailFrom(publicUrl: string): string {
  return `tix <noreply@${new URL(publicUrl).hostname.replace(/^\[|\]$/g, '')}>`;
}
