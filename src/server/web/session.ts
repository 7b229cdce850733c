// The web view's session and its defences against cross-site requests.
//
// - The session cookie holds a session token of the server's own token system (stored hashed, revocable, with
//   its expiry), made by signing in on the web: read-only (scope tickets:read) and short-lived. HttpOnly (no
//   script reads it), SameSite=Strict (no other site's page or form makes the browser send it), Path=/, and
//   Secure with the __Host- prefix when the server's public URL is https (the prefix also keeps a sibling
//   subdomain from planting its own).
// - Forms that change something (sign in, sign out) also carry a token: sign-in the value of a pre-session
//   cookie (double submit: another site can neither read nor set it), sign-out an HMAC of the session token.
// - A form posted from another origin is refused before anything else, by Sec-Fetch-Site and Origin.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** How long a web session lasts: a working day; the CLI's sessions last longer. */
export const WEB_SESSION_TTL_MS = 12 * 3600_000;
/** How long a sign-in form stays valid. */
const LOGIN_FORM_TTL_S = 12 * 3600;

export interface CookiePolicy {
  secure: boolean;
  session: string;
  login: string;
}

/** Cookie names and flags follow the public URL's scheme: Secure and __Host- names behind https. */
export function cookiePolicy(publicBase: string): CookiePolicy {
  const secure = publicBase.startsWith('https:');
  const prefix = secure ? '__Host-' : '';
  return { secure, session: `${prefix}tix_session`, login: `${prefix}tix_login` };
}

export function readCookie(req: FastifyRequest, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  return parseCookie(header)[name];
}

function setCookie(reply: FastifyReply, policy: CookiePolicy, name: string, value: string, maxAgeSeconds: number): void {
  void reply.header(
    'set-cookie',
    stringifySetCookie({ name, value, httpOnly: true, sameSite: 'strict', secure: policy.secure, path: '/', maxAge: maxAgeSeconds }),
  );
}

export function setSessionCookie(reply: FastifyReply, policy: CookiePolicy, token: string): void {
  setCookie(reply, policy, policy.session, token, Math.floor(WEB_SESSION_TTL_MS / 1000));
}

export function clearSessionCookie(reply: FastifyReply, policy: CookiePolicy): void {
  setCookie(reply, policy, policy.session, '', 0);
}

/** The sign-in form's token: the one the browser already holds, or a new one set now. */
export function loginFormToken(req: FastifyRequest, reply: FastifyReply, policy: CookiePolicy): string {
  const held = readCookie(req, policy.login);
  const token = held && /^[\w-]{43}$/.test(held) ? held : randomBytes(32).toString('base64url');
  setCookie(reply, policy, policy.login, token, LOGIN_FORM_TTL_S);
  return token;
}

export function loginFormTokenValid(req: FastifyRequest, policy: CookiePolicy, sent: string | undefined): boolean {
  const held = readCookie(req, policy.login);
  return held !== undefined && sent !== undefined && /^[\w-]{43}$/.test(held) && equal(held, sent);
}

/** The sign-out form's token, bound to the session: another session's page cannot sign this one out. */
export function logoutToken(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('tix web sign-out').digest('base64url');
}

export function logoutTokenValid(sessionToken: string, sent: string | undefined): boolean {
  return sent !== undefined && equal(logoutToken(sessionToken), sent);
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A form posted by another site: the browser says so (Sec-Fetch-Site), or its Origin is neither the public
 * URL's nor the host it was sent to. Browsers too old for either still meet the form's token.
 */
export function crossOrigin(req: FastifyRequest, publicBase: string): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  let from: URL;
  try {
    from = new URL(origin);
  } catch {
    return true; // "null" (a sandboxed or file page) and garbage
  }
  // the Host the form was sent to, with the default port of the Origin's scheme left out as Origin does
  const sentTo = URL.canParse(`${from.protocol}//${req.host}`) ? new URL(`${from.protocol}//${req.host}`).host : undefined;
  return from.origin !== new URL(publicBase).origin && from.host !== sentTo;
}

/** Where to go after signing in: only one of the view's own pages, never another site. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?:inbox|tickets\/[1-9]\d{0,15})?$/.test(next) ? next : '/';
}
