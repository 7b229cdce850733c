// Every sentence the Request Tracker provider says to a person, in one place: each is a domain error with a
// stable code, its exit code and its facts as data (the CLI renders them; scripts read code and data). What RT
// answers (a status and `{"message"}`, or a 200 whose list of messages says "Permission Denied") becomes one of
// these here, and nowhere else.
import type { RawResponse } from '../../api/http.ts';
import { unsupported } from '../../api/provider.ts';
import {
  authError,
  IdempotencyConflictError,
  notFoundError,
  stateError,
  TicketClosedError,
  type TixError,
  transientError,
  UnsupportedError,
  usageError,
} from '../../core/errors.ts';
import { info } from './info.ts';

/** The custom field where tix records its idempotency keys (a ticket field, and a transaction field for replies). */
export const KEY_FIELD = 'Idempotency-Key';

const show = (ref: string) => info.showRef(ref);

export const rtErrors = {
  /** 401: no credential, a revoked token, a wrong password */
  credentialsRefused: (status: number) =>
    authError('Request Tracker refused the credentials (the auth token or the user name and password)', {
      code: 'unauthorized',
      status,
      hint: 'log in again: tix auth login --provider rt --server URL --with-token (or --email USER --password-stdin)',
    }),

  /** RT answers 403 for a ticket that exists but that you may not see: like tix serve, tix says "not found" */
  ticketNotFound: (ref: string, status?: number) =>
    notFoundError(`ticket ${show(ref)} not found, or not visible to you`, { code: 'not_found', status, data: { ticket: ref } }),

  attachmentNotFound: (ref: string, attachment: string, status?: number) =>
    notFoundError(`attachment ${attachment} of ticket ${show(ref)} not found, or not visible to you`, {
      code: 'not_found',
      status,
      data: { ticket: ref, attachment },
    }),

  /** a status change or a reply RT refused for lack of rights ("Permission Denied"), whatever HTTP status it came with */
  permissionDenied: (action: 'resolve' | 'reopen' | 'close' | 'reply', ref: string, status?: number) =>
    authError(`Request Tracker does not let you ${action} ticket ${show(ref)}: your RT rights do not allow it`, {
      code: 'permission_denied',
      status,
      hint:
        action === 'reply'
          ? 'only the requestors, their organisation and support may reply; ask the support team'
          : 'ask the support team, or your RT administrator for the right (ResolveTicket, ReopenTicket or ModifyTicket)',
      data: { ticket: ref, action },
    }),

  /** a status RT will not take from the ticket's current one (its lifecycle has no such transition) */
  statusRefused: (ref: string, wanted: string, rtMessage: string) =>
    stateError(`Request Tracker refused to set ticket ${show(ref)} to ${wanted}: ${rtMessage}`, {
      code: 'status_refused',
      data: { ticket: ref, status: wanted },
    }),

  createRefused: (queue: string, status: number) =>
    authError(`Request Tracker does not let you file tickets in the queue ${queue}`, {
      code: 'permission_denied',
      status,
      hint: 'tix type list shows the queues you can file in',
      data: { queue },
    }),

  unknownType: (type: string, known: string[]) =>
    usageError(`--type: no queue "${type}" that you can file in; one of ${known.join(', ') || '(none)'} (see tix type list)`, {
      code: 'unknown_type',
      data: { type },
    }),

  typeNotFound: (type: string, known: string[]) =>
    notFoundError(
      `no request type "${type}": Request Tracker's request types are the queues you can file in: ${known.join(', ') || '(none)'}`,
      {
        code: 'not_found',
        data: { type },
      },
    ),

  unknownCategory: (category: string, known: string) =>
    usageError(`--category: unknown "${category}"; Request Tracker's queues are all in the category ${known}`, {
      code: 'unknown_category',
      data: { category },
    }),

  /** --establishment: RT has no establishments */
  noEstablishments: () => unsupported(info, 'organisation'),

  notAToken: () =>
    usageError('--with-token: that is not a Request Tracker auth token (they look like 1-42-0123abcd…)', {
      code: 'bad_token',
      hint: "RT's web interface makes them: Logged in as… → Settings → Auth Tokens; or log in with --email USER --password-stdin",
    }),

  /** the server answered, but not as REST2: the address is not RT's web address */
  notRest2: (base: string, status: number) =>
    usageError(`no Request Tracker REST2 API at ${base} (the server answered ${status})`, {
      code: 'not_rest2',
      status,
      hint: "--server is RT's web address, the one you open in a browser (e.g. https://rt.example.com/rt); tix adds /REST/2.0",
    }),

  /** --idempotency-key on a queue where tix has nowhere to record it */
  keysUnavailable: (queue: string, what: 'ticket' | 'reply') =>
    new UnsupportedError(info, `--idempotency-key in the queue ${queue}`, {
      code: 'unsupported',
      hint: `RT has no idempotency keys of its own, and this queue has no "${KEY_FIELD}" ${what === 'ticket' ? 'ticket' : 'transaction'} custom field for tix to record them in: ask your RT administrator to add it (see the README), or leave --idempotency-key out`,
      data: { capability: 'idempotencyKeys', queue },
    }),

  idempotencyConflict: (key: string, existing: string, what: 'ticket' | 'reply') =>
    new IdempotencyConflictError(
      what === 'ticket'
        ? `the idempotency key ${key} already filed ticket ${show(existing)}, for another request`
        : `the idempotency key ${key} already posted another reply on ticket ${show(existing)}`,
      what === 'ticket' ? existing : undefined,
      { data: { idempotencyKey: key, ticket: existing } },
    ),

  /** a create or reply whose answer was lost, and which tix could not find since: it may still land */
  outcomeUnknown: (what: 'ticket' | 'reply', key: string, check: string, cause: unknown) =>
    transientError(
      `the answer of Request Tracker was lost and the ${what === 'ticket' ? 'ticket' : 'reply'} cannot be found yet: it may still be recorded`,
      {
        code: 'outcome_unknown',
        cause,
        hint: `check with: ${check}; running the same command again with --idempotency-key ${key} looks for it before sending again`,
        data: { idempotencyKey: key },
      },
    ),

  closed: (ref: string) => new TicketClosedError(show(ref), ref),

  /** a 200 whose messages RT did not explain: shown as RT said it */
  unexpected: (what: string, rtMessages: string[]): TixError =>
    stateError(`Request Tracker did not ${what}: ${rtMessages.join('; ') || 'no explanation'}`, { code: 'rt_refused' }),
};

/** What RT's answer says: `{"message"}`, or the messages of a 200. */
export function rtMessages(res: RawResponse): string[] {
  try {
    const body = JSON.parse(res.body.toString('utf8')) as unknown;
    if (Array.isArray(body)) return body.map(String);
    if (body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string')
      return [(body as { message: string }).message];
  } catch {
    /* not JSON */
  }
  return [];
}

/** RT's answer to a JSON request is JSON; an HTML page or an empty 404 comes from something else. */
export function isRtAnswer(res: RawResponse): boolean {
  return String(res.headers['content-type'] ?? '').includes('json');
}
