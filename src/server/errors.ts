import type { FieldProblem } from '../core/errors.ts';

/** An error a route turns into `{"error": {code, message, fields?}}` with its HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields?: FieldProblem[];
  readonly headers?: Record<string, string>;
  /** extra facts for the envelope, e.g. the ticket an idempotency key already belongs to */
  readonly data?: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { fields?: FieldProblem[]; headers?: Record<string, string>; data?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = extra.fields;
    this.headers = extra.headers;
    this.data = extra.data;
  }
}

// Another establishment's data is answered exactly like data that does not exist (404, never 403), so ids
// cannot be probed.
/** `found` names what was looked for ({resource: 'contact', id}), so clients word the answer in their user's language. */
export const notFound = (what = 'not found', found?: { resource: string; id: string | number }) =>
  new ApiError(404, 'not_found', what, found ? { data: found } : {});
/**
 * A 401 says how to authenticate, as HTTP requires (RFC 9110 §11.6.1, RFC 6750 §3): with a bearer token, and
 * whether the one sent was refused.
 */
export const unauthorized = (
  message = 'authentication required: send Authorization: Bearer <token>',
  tokenRefused = false,
  /** why, for clients that word it themselves (in their user's language): missing, credentials (a wrong password), invalid, revoked, expired */
  reason: 'missing' | 'credentials' | 'invalid' | 'revoked' | 'expired' = tokenRefused ? 'invalid' : 'missing',
) =>
  new ApiError(401, 'unauthorized', message, {
    headers: { 'www-authenticate': `Bearer realm="tix"${tokenRefused ? ', error="invalid_token"' : ''}` },
    data: { reason },
  });
/**
 * `reason` says which refusal it is (admin_only, agents_read_only, pat_tokens, missing_scope…), with what the
 * wording needs (`details`: the scopes a token lacks), for clients that word it themselves.
 */
export const forbidden = (message: string, reason?: string, details: Record<string, unknown> = {}) =>
  new ApiError(403, 'forbidden', message, reason ? { data: { reason, ...details } } : {});
export const conflict = (code: string, message: string) => new ApiError(409, code, message);
export const invalid = (fields: FieldProblem[], message?: string) =>
  new ApiError(
    422,
    'invalid_fields',
    message ?? `invalid ${fields.map((f) => f.field).join(', ')}: ${fields.map((f) => f.message).join('; ')}`,
    { fields },
  );

/** 10485760 → "10 MiB", for limits in messages. */
export function byteSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

export const bodyTooLarge = (limit: number) =>
  new ApiError(413, 'body_too_large', `the request body is larger than the ${byteSize(limit)} this endpoint accepts`);
