// Zendesk's own part of HTTP: its API under the account's address, its two ways to authenticate, its error
// bodies, and how messages name it.
import type { Connection } from '../../api/backend.ts';
import { type ErrorEnvelope, HttpClient, type RawResponse } from '../../api/http.ts';
import type { FieldProblem } from '../../core/errors.ts';
import { API_TOKEN_SEPARATOR } from './info.ts';
import { wording } from './messages.ts';
import type { ZdError } from './wire.ts';

/** The account's address, e.g. https://acme.zendesk.com: API paths (/api/v2/…) and attachment URLs live under it. */
export function zendeskHttp(c: Connection): HttpClient {
  return new HttpClient({
    ...c.http,
    server: c.server,
    authorization: c.credential ? authorization(c.credential.token) : undefined,
    wording: wording.server,
    parseError: zendeskErrorEnvelope,
  });
}

/**
 * `email/token:API_TOKEN` (what `tix auth login --email E --with-token` keeps, and what Zendesk's own examples
 * pass to curl -u) goes as Basic; anything else is an OAuth access token, sent as Bearer. Zendesk refuses
 * passwords on the API of current accounts, so there is no third way.
 */
export function authorization(token: string): string {
  return token.includes(API_TOKEN_SEPARATOR) ? `Basic ${Buffer.from(token, 'utf8').toString('base64')}` : `Bearer ${token}`;
}

/** Zendesk's error bodies, whichever of its three shapes: the name as code, the description and details as words. */
export function zendeskErrorEnvelope(res: RawResponse): ErrorEnvelope | undefined {
  const body = JSON.parse(res.body.toString('utf8')) as ZdError;
  if (typeof body !== 'object' || body === null) return undefined;
  if (Array.isArray(body.errors) && body.errors.length > 0) {
    const first = body.errors[0]!;
    return {
      code: stableCode(first.code, res.status),
      message: body.errors.map((e) => e.detail ?? e.title ?? e.code).join('; '),
      data: { zendeskError: first.code },
    };
  }
  const name = typeof body.error === 'string' ? body.error : body.error?.title;
  const said = typeof body.error === 'object' ? body.error?.message : undefined;
  const fields: FieldProblem[] = Object.entries(body.details ?? {}).flatMap(([field, problems]) =>
    (Array.isArray(problems) ? problems : []).map((p) => ({ field, message: p.description ?? p.error ?? 'invalid' })),
  );
  const description = body.description ?? said;
  const message = [description ?? name, ...fields.map((f) => f.message)].filter(Boolean).join(': ');
  if (!message) return undefined;
  return {
    code: stableCode(name, res.status),
    message,
    fields: fields.length ? fields : undefined,
    data: name ? { zendeskError: name } : undefined,
  };
}

/** Error codes are tix's (stable, snake_case); Zendesk's own name travels on as `zendeskError`. */
const codes: Record<string, string> = {
  RecordNotFound: 'not_found',
  InvalidEndpoint: 'not_found',
  RecordInvalid: 'invalid_fields',
  "Couldn't authenticate you": 'unauthorized',
  Forbidden: 'forbidden',
  APIRateLimitExceeded: 'rate_limited',
  IdempotentRequestError: 'idempotency_conflict',
  InsufficientResourceError: 'search_cap',
};

function stableCode(name: string | undefined, status: number): string | undefined {
  if (name && codes[name]) return codes[name];
  if (status === 401) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 422) return 'invalid_fields';
  return name && /^[A-Za-z]+$/.test(name) ? name.replace(/(?<=[a-z])([A-Z])/g, '_$1').toLowerCase() : undefined;
}
