// Jira Service Management's part of HTTP: the site's address (REST paths are written in full, as Atlassian's
// documents write them, so `tix api /rest/servicedeskapi/request` works as the docs say), its two ways to
// authenticate, and its error answers.
import type { Connection } from '../../api/backend.ts';
import { type ErrorEnvelope, HttpClient, type RawResponse } from '../../api/http.ts';
import { authError } from '../../core/errors.ts';
import { say } from './messages.ts';
import type { JsmError } from './wire.ts';

/** How the token travels: Cloud's API tokens as Basic with the e-mail, Data Center's personal access tokens as Bearer. */
export type JsmAuth = 'basic' | 'bearer';

/** The profile's choice, else what the credential says: an e-mail with the token means Cloud's Basic. */
export function authScheme(c: Pick<Connection, 'credential' | 'settings'>): JsmAuth {
  const chosen = c.settings?.auth;
  if (chosen === 'basic' || chosen === 'bearer') return chosen;
  return c.credential?.email ? 'basic' : 'bearer';
}

export function jsmHttp(c: Connection): HttpClient {
  let authorization: string | undefined;
  if (c.credential) {
    if (authScheme(c) === 'bearer') authorization = `Bearer ${c.credential.token}`;
    else if (!c.credential.email) throw authError(say.basicNeedsEmail(), { code: 'email_required', hint: say.basicNeedsEmailHint() });
    else authorization = `Basic ${Buffer.from(`${c.credential.email}:${c.credential.token}`).toString('base64')}`;
  }
  return new HttpClient({
    ...c.http,
    server: c.server,
    authorization,
    wording: { name: 'Jira Service Management', unreachableHint: say.unreachableHint() },
    parseError: jsmErrorEnvelope,
  });
}

/** `{"errorMessage": "…", "i18nErrorMessage": {"i18nKey": "…"}}`; Jira platform answers `{"errorMessages": […], "errors": {…}}`. */
export function jsmErrorEnvelope(res: RawResponse): ErrorEnvelope | undefined {
  const parsed = JSON.parse(res.body.toString('utf8')) as JsmError;
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const messages = [parsed.errorMessage, ...(parsed.errorMessages ?? []), ...Object.values(parsed.errors ?? {})].filter(
    (m): m is string => typeof m === 'string' && m !== '',
  );
  if (messages.length === 0) return undefined;
  const fields = Object.entries(parsed.errors ?? {}).map(([field, message]) => ({ field, message: String(message) }));
  return {
    message: messages.join('; '),
    ...(fields.length ? { fields } : {}),
    ...(parsed.i18nErrorMessage?.i18nKey ? { data: { jsmError: parsed.i18nErrorMessage.i18nKey } } : {}),
  };
}
