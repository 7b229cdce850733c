// Request Tracker's own part of HTTP: REST2 under RT's web address, its two ways to authenticate, its error
// envelope, and how messages name it. Everything else (timeouts, retries, proxy) is the generic client's.
import type { Connection } from '../../api/backend.ts';
import { type ErrorEnvelope, HttpClient, type RawResponse } from '../../api/http.ts';
import type { RtError } from './wire.ts';

/** Where REST2 lives under RT's web address (https://rt.example.com/rt → https://rt.example.com/rt/REST/2.0). */
export const REST2_PATH = '/REST/2.0';

/** RT's web address as people know it; a REST2 address given instead is taken back to it. */
export function webAddress(server: string): string {
  return server.replace(/\/+$/, '').replace(/\/REST\/2\.0$/i, '');
}

// A credential is an RT auth token ("1-42-0123abcd…", sent as `Authorization: token …`), or, when the user logged
// in with a password (RT cannot issue a token over REST2), the user name and password sent as HTTP Basic, kept
// under this prefix so that the keychain, TIX_TOKEN and `tix auth token` hold one string either way.
const BASIC = 'basic:';

export type RtCredential = { kind: 'token'; token: string; userId?: string } | { kind: 'basic'; user: string; password: string };

export function basicCredential(user: string, password: string): string {
  return `${BASIC}${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

export function parseCredential(text: string): RtCredential {
  if (text.startsWith(BASIC)) {
    const decoded = Buffer.from(text.slice(BASIC.length), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return { kind: 'basic', user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  // RT::AuthToken: "<version>-<user id>-<secret>"
  const m = /^\d+-(\d+)-[0-9a-f]+$/i.exec(text);
  return { kind: 'token', token: text, userId: m?.[1] };
}

export function authorization(credential: RtCredential): string {
  return credential.kind === 'basic'
    ? `Basic ${Buffer.from(`${credential.user}:${credential.password}`, 'utf8').toString('base64')}`
    : `token ${credential.token}`;
}

export function rtHttp(c: Connection): HttpClient {
  return new HttpClient({
    ...c.http,
    server: webAddress(c.server),
    basePath: REST2_PATH,
    authorization: c.credential ? authorization(parseCredential(c.credential.token)) : undefined,
    wording: {
      name: 'Request Tracker',
      unreachableHint: "check that RT runs and that --server / TIX_SERVER is RT's web address (e.g. https://rt.example.com/rt)",
    },
    parseError: rtErrorEnvelope,
  });
}

/** `{"message": "…"}` */
export function rtErrorEnvelope(res: RawResponse): ErrorEnvelope | undefined {
  const parsed = JSON.parse(res.body.toString('utf8')) as RtError;
  return typeof parsed?.message === 'string' ? { message: parsed.message } : undefined;
}
