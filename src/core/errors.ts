import type { LocalText } from './i18n.ts';

// The one table of exit codes. `tix help exit-codes` prints it and test/core/errors.test.ts pins it:
// scripts rely on these numbers, so changing one is a breaking change.
// 7 (unsupported) was chosen once, when providers came: it was the one free number among the small codes, so
// every "cannot work" reason stays below 10, and it is apart from 2 (the command line is right; the helpdesk
// is not able), 4 (no login or permission would help) and 5 (no other state of the ticket would help).
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  notFound: 3,
  auth: 4,
  state: 5,
  transient: 6,
  unsupported: 7,
  waitTimeout: 8,
  cancelled: 130,
} as const;
export type ExitCodeName = keyof typeof ExitCode;

export const exitCodeMeanings: ReadonlyArray<{ code: number; name: ExitCodeName; meaning: string }> = [
  { code: 0, name: 'ok', meaning: 'success, including "no results"' },
  { code: 1, name: 'failure', meaning: 'unexpected failure (server error after retries, a bug)' },
  { code: 2, name: 'usage', meaning: 'usage: bad flag or value, missing required input when prompts are off' },
  { code: 3, name: 'notFound', meaning: 'not found, or not visible to you' },
  { code: 4, name: 'auth', meaning: 'not logged in, token rejected, or not permitted' },
  { code: 5, name: 'state', meaning: 'refused by state: reply to a closed ticket, conflicting idempotency key' },
  {
    code: 6,
    name: 'transient',
    meaning:
      'transient: network unreachable, timeout, 429/503 after retries, or a write whose outcome is unknown; safe to retry later with the same idempotency key',
  },
  {
    code: 7,
    name: 'unsupported',
    meaning: "the profile's provider cannot do this (e.g. contacts on Request Tracker); the message names the provider",
  },
  { code: 8, name: 'waitTimeout', meaning: 'waited and nothing happened (watch timed out)' },
  { code: 130, name: 'cancelled', meaning: 'cancelled (Ctrl-C, declined prompt)' },
];

export interface FieldProblem {
  field: string;
  /** English: the server's answer, the JSON error line */
  message: string;
  /** the same in the reader's language, when the CLI made the problem (core/messages.ts problem()) */
  text?: LocalText;
}

export interface ErrorDetails {
  /** stable machine-readable code, e.g. `ticket_closed` */
  code?: string;
  /** one line that says what to do next (a LocalText is read in the person's language) */
  hint?: string | LocalText;
  fields?: FieldProblem[];
  status?: number;
  cause?: unknown;
  /** extra machine-readable facts for the JSON error line */
  data?: Record<string, unknown>;
}

/**
 * Every error the CLI expects carries its exit code; anything else is a bug (exit 1). Its message and hint are
 * English (the JSON error line, logs); an error the CLI makes also carries them as LocalText, so the person at
 * the terminal reads them in their language (src/cli/report.ts renders them, and the codes of the others).
 */
export class TixError extends Error {
  readonly exitCode: number;
  readonly code: string;
  readonly hint?: string;
  readonly fields?: FieldProblem[];
  readonly status?: number;
  readonly data?: Record<string, unknown>;
  /** the message in the reader's language */
  readonly text?: LocalText;
  /** the hint in the reader's language */
  readonly hintText?: LocalText;

  constructor(exitCode: number, message: string | LocalText, details: ErrorDetails = {}) {
    super(typeof message === 'string' ? message : message('en'), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'TixError';
    this.exitCode = exitCode;
    this.code = details.code ?? defaultCode(exitCode);
    if (typeof message !== 'string') this.text = message;
    if (typeof details.hint === 'function') {
      this.hintText = details.hint;
      this.hint = details.hint('en');
    } else this.hint = details.hint;
    this.fields = details.fields;
    this.status = details.status;
    this.data = details.data;
  }
}

function defaultCode(exitCode: number): string {
  return exitCodeMeanings.find((e) => e.code === exitCode)?.name ?? 'failure';
}

export const usageError = (message: string | LocalText, details?: ErrorDetails) =>
  new TixError(ExitCode.usage, message, { code: 'usage', ...details });
export const notFoundError = (message: string | LocalText, details?: ErrorDetails) =>
  new TixError(ExitCode.notFound, message, { code: 'not_found', ...details });
export const authError = (message: string | LocalText, details?: ErrorDetails) =>
  new TixError(ExitCode.auth, message, { code: 'unauthorized', ...details });
export const stateError = (message: string | LocalText, details?: ErrorDetails) =>
  new TixError(ExitCode.state, message, { code: 'conflict', ...details });
export const transientError = (message: string | LocalText, details?: ErrorDetails) =>
  new TixError(ExitCode.transient, message, { code: 'transient', ...details });
export const cancelledError = (message: string | LocalText = 'cancelled', details?: ErrorDetails) =>
  new TixError(ExitCode.cancelled, message, { code: 'cancelled', ...details });

// Domain errors: what providers throw, whatever their helpdesk answered on the wire, so that commands decide
// on meanings (a closed ticket, a key already used) and never on one helpdesk's error codes.

/**
 * A reply (or an action) refused because the ticket is closed; the way on is a follow-up ticket. `followUps`
 * are the follow-ups already filed (their references, and as shown: `#4`), when the provider knows them: the
 * way on is then one of those.
 */
export class TicketClosedError extends TixError {
  constructor(shownRef: string, ref: string, details: ErrorDetails & { followUps?: Array<{ ref: string; shown: string }> } = {}) {
    const { followUps, ...rest } = details;
    const existing = followUps?.length ? followUps : undefined;
    super(ExitCode.state, `ticket ${shownRef} is closed and takes no more replies`, {
      code: 'ticket_closed',
      hint: existing
        ? `it was followed up by ${existing.map((f) => f.shown).join(', ')}: reply there (tix ticket reply ${existing.at(-1)!.ref})`
        : `file a follow-up that links to it: tix ticket create --follow-up ${ref}`,
      ...rest,
      data: {
        ref,
        shownRef,
        ...(existing ? { followUps: existing.map((f) => f.ref), shownFollowUps: existing.map((f) => f.shown) } : {}),
        ...rest.data,
      },
    });
    this.name = 'TicketClosedError';
  }
}

/** The idempotency key was used before for a different request; `existing` is the ticket it filed, when known. */
export class IdempotencyConflictError extends TixError {
  readonly existing?: string;
  constructor(message: string, existing: string | undefined, details: ErrorDetails = {}) {
    super(ExitCode.state, message, {
      code: 'idempotency_conflict',
      ...details,
      ...(existing === undefined ? {} : { data: { existing, ...details.data } }),
    });
    this.name = 'IdempotencyConflictError';
    this.existing = existing;
  }
}

/** The profile's provider cannot do this at all: no flag, login or retry would help. */
export class UnsupportedError extends TixError {
  readonly provider: string;
  constructor(provider: { name: string; displayName: string }, what: string, details: ErrorDetails = {}) {
    super(ExitCode.unsupported, `${provider.displayName} (provider ${provider.name}) does not support ${what}`, {
      code: 'unsupported',
      ...details,
      data: { provider: provider.name, providerName: provider.displayName, what, ...details.data },
    });
    this.name = 'UnsupportedError';
    this.provider = provider.name;
  }
}

/** Lists every missing or invalid field at once, so a script author fixes them in one go. */
export function fieldsError(problems: FieldProblem[], intro: string | LocalText = 'invalid input', details: ErrorDetails = {}): TixError {
  const introText = typeof intro === 'string' ? () => intro : intro;
  const text: LocalText = (locale) =>
    `${introText(locale)}:\n${problems.map((p) => `  ${p.field}: ${p.text?.(locale) ?? p.message}`).join('\n')}`;
  return usageError(text, { code: 'invalid_fields', fields: problems, ...details });
}
