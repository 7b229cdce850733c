// The web view: a small, server-rendered, read-only view of tickets for people who follow a ticket's link.
// The same services as the API answer, so the same rules hold (another establishment's ticket is a 404 page,
// exactly like an unknown one); only the way in differs: a session cookie instead of a bearer token.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findType } from '../../core/catalog.ts';
import { negotiateLocale } from '../../core/i18n.ts';
import type { Services } from '../app.ts';
import { ApiError } from '../errors.ts';
import type { Principal } from '../services/principal.ts';
import { t } from './messages.ts';
import { t as mailText } from '../notifications/messages.ts';
import { unsubscribePath } from '../notifications/compose.ts';
import {
  confirmPage,
  continuePage,
  inboxPage,
  loginPage,
  noticePage,
  notFoundPage,
  ticketPage,
  ticketPath,
  type PageContext,
} from './pages.ts';
import {
  clearSessionCookie,
  cookiePolicy,
  crossOrigin,
  loginFormToken,
  loginFormTokenValid,
  logoutToken,
  logoutTokenValid,
  readCookie,
  safeNext,
  setSessionCookie,
  WEB_SESSION_TTL_MS,
} from './session.ts';
import { stylesheet, stylesheetPath } from './style.ts';

// No script anywhere, styles from this origin only, forms post here only, no framing.
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

interface WebSession {
  token: string;
  principal: Principal;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** the signed-in user of a web page, when the session cookie is valid */
    webSession: WebSession | null;
  }
}

const FORM_LIMIT = 8 * 1024;

/**
 * The web view's routes. The server's public URL (`tix serve --public-url`, the base of ticket links)
 * decides the cookies' Secure flag, and forms from its origin are this site's own.
 */
export function webRoutes(web: FastifyInstance, s: Services): void {
  // Sign-in and sign-out forms arrive url-encoded (only here: the API takes JSON).
  web.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_req, body, done) => {
    const fields: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(body as string)) if (!(k in fields)) fields[k] = v;
    done(null, fields);
  });

  web.decorateRequest('webSession', null);
  // The session is known before any body is read.
  web.addHook('onRequest', async (req, reply) => {
    pageHeaders(reply);
    req.webSession = await sessionOf(s, req, reply, s.publicUrl());
  });

  web.setErrorHandler((err, req, reply) => {
    const ctx = pageContext(s, req);
    if (err instanceof ApiError && err.status === 404) return page(reply, 404, notFoundPage(ctx));
    if (err instanceof ApiError && err.status === 403)
      return page(reply, 403, noticePage(ctx, t(ctx.locale, 'forbidden.title'), t(ctx.locale, 'forbidden.messages')));
    if ((err as { statusCode?: number }).statusCode === 413 || (err as { statusCode?: number }).statusCode === 415)
      return page(reply, (err as { statusCode: number }).statusCode, refusedPage(ctx));
    req.log.error({ err }, 'web page failed');
    return page(reply, 500, noticePage(ctx, t(ctx.locale, 'error.title'), t(ctx.locale, 'error.body')));
  });

  web.get(stylesheetPath, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(stylesheet),
  );

  // The inbox when signed in, the sign-in form otherwise.
  web.get('/', async (req, reply) => {
    if (!req.webSession) return showLogin(s, req, reply, '/', s.publicUrl());
    return inbox(s, req, reply, req.webSession, s.publicUrl());
  });

  web.get<{ Querystring: { next?: string } }>('/login', async (req, reply) => {
    const next = safeNext(req.query.next);
    if (req.webSession) return reply.redirect(`${basePath(s)}${next}`, 303);
    return showLogin(s, req, reply, next, s.publicUrl());
  });

  web.post<{ Body: Record<string, string> | undefined }>('/login', async (req, reply) => {
    const policy = cookiePolicy(s.publicUrl());
    const ctx = pageContext(s, req);
    if (crossOrigin(req, s.publicUrl())) return page(reply, 403, refusedPage(ctx));
    const form = formFields(req.body, ['email', 'password', 'csrf', 'next']);
    const next = safeNext(form.next);
    const again = (status: number, error: string) =>
      page(reply, status, loginPage(ctx, { csrf: loginFormToken(req, reply, policy), next, email: form.email, error }));
    if (!loginFormTokenValid(req, policy, form.csrf)) return again(403, t(ctx.locale, 'login.stale'));
    if (!form.email || !form.password || form.email.length > 254 || form.password.length > 1024)
      return again(401, t(ctx.locale, 'login.failed'));
    try {
      const session = await s.auth.login(form.email, form.password, req.ip, {
        name: 'web view',
        ttlMs: WEB_SESSION_TTL_MS,
        scopes: ['tickets:read'],
      });
      // signing in again (a form left open in another tab) replaces the session rather than adding one
      if (req.webSession) await s.auth.logout(req.webSession.principal);
      setSessionCookie(reply, policy, session.token);
      return reply.redirect(`${basePath(s)}${next}`, 303);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return again(401, t(ctx.locale, 'login.failed'));
      if (err instanceof ApiError && err.status === 429) {
        const seconds = Number(err.headers?.['retry-after'] ?? 60);
        void reply.header('retry-after', String(seconds));
        return again(429, t(ctx.locale, 'login.tooMany', { count: seconds }));
      }
      throw err;
    }
  });

  web.post<{ Body: Record<string, string> | undefined }>(
    '/logout',
    {
      // nothing to sign out of: answered before the body is read
      onRequest: async (req, reply) => {
        if (!req.webSession) return reply.redirect(`${basePath(s)}/login`, 303);
      },
    },
    async (req, reply) => {
      const session = req.webSession!;
      const ctx = pageContext(s, req);
      const form = formFields(req.body, ['csrf']);
      if (crossOrigin(req, s.publicUrl()) || !logoutTokenValid(session.token, form.csrf)) return page(reply, 403, refusedPage(ctx));
      await s.auth.logout(session.principal);
      clearSessionCookie(reply, cookiePolicy(s.publicUrl()));
      return reply.redirect(`${basePath(s)}/login`, 303);
    },
  );

  web.get('/inbox', async (req, reply) => {
    if (!req.webSession) return signInFirst(s, req, reply, '/inbox');
    return inbox(s, req, reply, req.webSession, s.publicUrl());
  });

  web.get<{ Params: { id: string } }>('/tickets/:id', async (req, reply) => {
    const id = ticketId(req.params.id);
    if (id === undefined) return page(reply, 404, notFoundPage(pageContext(s, req)));
    if (!req.webSession) return signInFirst(s, req, reply, ticketPath(id));
    const ctx = pageContext(s, req);
    try {
      // like `tix ticket view`: the organisation's mark-read setting decides whether opening marks read
      const ticket = await s.tickets.get(req.webSession.principal, id, s.publicUrl(), 'auto');
      return page(reply, 200, ticketPage(ctx, ticket, findType(s.catalog(), ticket.type)));
    } catch (err) {
      // another establishment's ticket and one that does not exist: the very same page
      if (err instanceof ApiError && err.status === 404) return page(reply, 404, notFoundPage(ctx, id));
      throw err;
    }
  });

  // The link of every notification e-mail (List-Unsubscribe): the token names one delivery, signed by the server,
  // so it stops one ticket's e-mails to one address and nothing else; no session needed. A GET only asks (link
  // checkers and previews follow links); the POST does it, from the page's button or from a mail client's
  // one-click unsubscribe (RFC 8058: a POST of "List-Unsubscribe=One-Click", form-encoded or multipart).
  web.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_req, _body, done) => done(null, {}));
  web.get<{ Querystring: { token?: string } }>(unsubscribePath, async (req, reply) => {
    const ctx = pageContext(s, req);
    const token = String(req.query.token ?? '');
    const target = await s.notifications.unsubscribeTarget(token);
    const title = mailText(ctx.locale, 'unsubscribe.title');
    if (!target) return page(reply, 404, noticePage(ctx, title, mailText(ctx.locale, 'unsubscribe.invalid')));
    return page(
      reply,
      200,
      confirmPage(
        ctx,
        title,
        mailText(ctx.locale, 'unsubscribe.ask', { id: target.ticketId, address: target.address }),
        `${unsubscribePath}?token=${encodeURIComponent(token)}`,
        mailText(ctx.locale, 'unsubscribe.button'),
      ),
    );
  });
  web.post<{ Querystring: { token?: string } }>(unsubscribePath, async (req, reply) => {
    const ctx = pageContext(s, req);
    const target = await s.notifications.unsubscribeByLink(String(req.query.token ?? ''));
    const title = mailText(ctx.locale, 'unsubscribe.title');
    if (!target) return page(reply, 404, noticePage(ctx, title, mailText(ctx.locale, 'unsubscribe.invalid')));
    const done = `${mailText(ctx.locale, 'unsubscribe.done', { id: target.ticketId, address: target.address })} ${mailText(ctx.locale, 'unsubscribe.again', { id: target.ticketId })}`;
    return page(reply, 200, noticePage(ctx, title, done));
  });

  web.get<{ Params: { id: string; attachment: string } }>('/tickets/:id/attachments/:attachment', async (req, reply) => {
    const id = ticketId(req.params.id);
    if (id === undefined || req.params.attachment.length > 64) return page(reply, 404, notFoundPage(pageContext(s, req)));
    if (!req.webSession) return signInFirst(s, req, reply, ticketPath(id));
    const file = await s.tickets.attachment(req.webSession.principal, id, req.params.attachment);
    // a download, never a page of this origin: whatever the bytes are, they cannot run here
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(Buffer.from(file.data));
  });
}

/** A browser asking for a page (programs asking for anything else get the API's JSON envelope). */
export function wantsPage(req: FastifyRequest): boolean {
  return !req.url.startsWith('/api/') && /\btext\/html\b/.test(req.headers.accept ?? '');
}

/** Any other address a browser asks for: a 404 page. */
export function webNotFound(s: Services, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  pageHeaders(reply);
  return page(reply, 404, notFoundPage(pageContext(s, req)));
}

function pageHeaders(reply: FastifyReply): void {
  void reply.headers({
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-frame-options': 'DENY',
    // nothing of a ticket's address reaches another site; not no-referrer, which makes the browser send
    // Origin: null with our own forms
    'referrer-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    vary: 'Accept-Language, Cookie',
  });
}

function page(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body);
}

/**
 * The public URL's path: behind a proxy that serves tix under https://host/tix/, links and redirects start
 * with /tix (the proxy hands tix serve the paths without it).
 */
function basePath(s: Services): string {
  return new URL(s.publicUrl()).pathname.replace(/\/+$/, '');
}

function pageContext(s: Services, req: FastifyRequest): PageContext {
  const session = req.webSession;
  return {
    locale: negotiateLocale(req.headers['accept-language']),
    now: s.clock.now(),
    base: basePath(s),
    ...(session
      ? { session: { name: session.principal.user.name, email: session.principal.user.email, logoutToken: logoutToken(session.token) } }
      : {}),
  };
}

/** The session cookie's user, or null; a cookie that no longer signs anyone in (expired, revoked) is removed. */
async function sessionOf(s: Services, req: FastifyRequest, reply: FastifyReply, base: string): Promise<WebSession | null> {
  const policy = cookiePolicy(base);
  const token = readCookie(req, policy.session);
  if (!token) return null;
  try {
    return { token, principal: await s.auth.authenticate(`Bearer ${token}`) };
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 401) throw err;
    clearSessionCookie(reply, policy);
    return null;
  }
}

function showLogin(s: Services, req: FastifyRequest, reply: FastifyReply, next: string, base: string): FastifyReply {
  return page(reply, 200, loginPage(pageContext(s, req), { csrf: loginFormToken(req, reply, cookiePolicy(base)), next }));
}

/**
 * A page that needs a session, asked without one. A link followed from another site (an e-mail, a chat)
 * arrives without the SameSite=Strict cookie even when the user is signed in: one same-site hop brings it.
 * Otherwise, the sign-in form, which comes back here.
 */
function signInFirst(s: Services, req: FastifyRequest, reply: FastifyReply, path: string): FastifyReply {
  if (req.headers['sec-fetch-site'] === 'cross-site' && req.headers['sec-fetch-mode'] === 'navigate')
    return page(reply, 200, continuePage(pageContext(s, req), path));
  return reply.redirect(`${basePath(s)}/login?next=${encodeURIComponent(path)}`, 303);
}

/** the newest unread tickets the inbox page shows */
const INBOX_PAGE = 1000;

async function inbox(s: Services, req: FastifyRequest, reply: FastifyReply, session: WebSession, base: string): Promise<FastifyReply> {
  // counted by the store, as GET /inbox is (every unread ticket); the newest thousand are more than a page should hold
  const inbox = await s.tickets.inbox(session.principal, { limit: INBOX_PAGE }, base);
  return page(reply, 200, inboxPage(pageContext(s, req), inbox));
}

function refusedPage(ctx: PageContext): string {
  return noticePage(ctx, t(ctx.locale, 'refused.title'), t(ctx.locale, 'refused.body'));
}

function ticketId(raw: string): number | undefined {
  return /^[1-9]\d{0,15}$/.test(raw) && Number.isSafeInteger(Number(raw)) ? Number(raw) : undefined;
}

function formFields<K extends string>(body: unknown, keys: K[]): Partial<Record<K, string>> {
  const fields: Partial<Record<K, string>> = {};
  if (body && typeof body === 'object')
    for (const k of keys) {
      const v = (body as Record<string, unknown>)[k];
      if (typeof v === 'string') fields[k] = v;
    }
  return fields;
}
