// Everything the Zendesk provider says to people, in English, in one place: each refusal is a domain error with a
// stable code and its facts as data (what tools read), and these words (what people read).
import { unsupported } from '../../api/provider.ts';
import {
  authError,
  type ErrorDetails,
  IdempotencyConflictError,
  notFoundError,
  stateError,
  type TixError,
  transientError,
  UnsupportedError,
  usageError,
} from '../../core/errors.ts';
import { info } from './info.ts';

/** How the generic HTTP client names the helpdesk. */
export const wording = {
  server: {
    name: 'Zendesk',
    unreachableHint: "check the account's address given to --server (such as https://acme.zendesk.com) and the network",
  },
  /** the one category Zendesk's forms are filed under (they have none of their own) */
  category: { id: 'requests', label: { en: 'Requests', fr: 'Demandes' }, description: { en: "the account's ticket forms" } },
  /** the form of accounts without ticket forms */
  defaultForm: { id: 'request', label: { en: 'Submit a request', fr: 'Envoyer une demande' } },
  formDescription: (name: string) => `Zendesk ticket form "${name}"`,
  summaryHelp: 'the subject of the request',
  descriptionHelp: 'what happens, the steps, error messages: the first comment of the request',
  attachmentsHelp: 'files for the first comment (--attach FILE)',
};

/** The refusals and failures of the Zendesk provider. */
export const zendeskErrors = {
  notFound: (shown: string, details: ErrorDetails = {}) =>
    notFoundError(`request ${shown} was not found, or you cannot see it`, { ...details, code: 'not_found' }),

  /** Zendesk lets an end user mark a request solved only once an agent has it, and never a "problem". */
  notSolvable: (shown: string, ref: string, details: ErrorDetails = {}) =>
    stateError(
      `request ${shown} cannot be marked solved by you: Zendesk allows it only once an agent is assigned to the request, and never for a problem`,
      {
        ...details,
        code: 'not_solvable',
        hint: `tell support it is solved instead: tix ticket reply ${ref} --body "…"`,
        data: { ref, ...details.data },
      },
    ),

  closedNotSolvable: (shown: string, ref: string) =>
    stateError(`request ${shown} is closed: there is nothing left to solve`, {
      code: 'ticket_closed',
      hint: `file a follow-up that links to it: tix ticket create --follow-up ${ref}`,
      data: { ref },
    }),

  /** End users cannot close a request: Zendesk closes solved ones by itself. */
  cannotClose: (ref: string) =>
    new UnsupportedError(info, 'closing requests: Zendesk closes a solved request by itself, a few days after it is solved', {
      code: 'unsupported',
      hint: `mark it solved instead: tix ticket resolve ${ref}`,
      data: { action: 'close' },
    }),

  /** End users reopen a solved request by answering it; a closed one stays closed. */
  cannotReopen: (ref: string) =>
    new UnsupportedError(info, 'reopening requests: a reply reopens a solved request, and a closed one takes a follow-up instead', {
      code: 'unsupported',
      hint: `answer it: tix ticket reply ${ref} --body "…" (closed: tix ticket create --follow-up ${ref})`,
      data: { action: 'reopen' },
    }),

  /** Zendesk shows end users nobody's e-mail address but their own. */
  authorNotMe: (email: string) =>
    new UnsupportedError(info, "filtering by someone else's e-mail: Zendesk does not show end users other people's addresses", {
      code: 'unsupported',
      hint: 'your own requests: --mine',
      data: { author: email },
    }),

  noEstablishments: () => unsupported(info, 'organisation'),

  unknownType: (given: string, known: string[], flag = '--type') =>
    usageError(`${flag}: unknown request type "${given}"; one of ${known.join(', ')} (see tix type list)`, {
      code: 'unknown_type',
      fields: [{ field: flag, message: 'unknown type' }],
    }),

  badCursor: () => usageError('the page cursor is not one of this Zendesk listing; start again without it', { code: 'bad_cursor' }),

  idempotencyConflict: (key: string, details: ErrorDetails = {}) =>
    new IdempotencyConflictError(`the idempotency key ${key} was already used by Zendesk for a different request`, undefined, {
      ...details,
      hint: 'use a new --idempotency-key for a different request',
      data: { ...details.data, idempotencyKey: key },
    }),

  /** 401: the token is wrong, or it is an API token without its e-mail (or an OAuth token given one). */
  rejected: (err: TixError) =>
    authError(`Zendesk did not accept the credentials: ${err.message}`, {
      code: 'unauthorized',
      status: err.status,
      data: err.data,
      hint: 'log in again: an API token with its e-mail (tix auth login --provider zendesk --email E --with-token), or an OAuth token without --email',
    }),

  /** Zendesk's API answers only people who are logged in (`tix version --server` without a profile). */
  notLoggedIn: (server: string) =>
    authError(`Zendesk answers only people who are logged in: not logged in to ${server}`, {
      code: 'not_logged_in',
      hint: `run: tix auth login --provider zendesk --server ${server} --email E --with-token, or set TIX_TOKEN`,
    }),

  /** A create or a reply whose answer was lost, after looking for it and trying again. */
  outcomeUnknown: (what: 'create' | 'reply', checkHint: string, cause: unknown) =>
    transientError(
      what === 'create'
        ? 'Zendesk did not answer the request to file it; tix looked for the request and did not find it, so the outcome is unknown'
        : 'Zendesk did not answer the reply; tix looked for it among the comments and did not find it, so the outcome is unknown',
      { code: 'outcome_unknown', cause, hint: checkHint },
    ),

  checkCreate: 'check with: tix ticket list --mine --limit 5',
  checkReply: (ref: string) => `check with: tix ticket view ${ref}`,
};
