// How an error reaches people and tools: the one renderer that turns an error into the reader's language.
//
// People read `error:` and `hint:` lines (on stderr, in their language, coloured on a terminal). Tools read,
// when stderr is not a terminal, one more line: the error as JSON, always in English and with stable fields
// (`code`, `message`, `exitCode`, `hint`, `fields`, and the error's data). So a CI log gets the readable
// lines first, then the JSON line for whatever parses the log; a French developer reading the same log
// locally reads French above the English JSON. The two say the same thing on purpose: the text is for
// people, the line for programs, and neither has to be parsed out of the other.
import { cancelledError, ExitCode, type FieldProblem, TixError } from '../core/errors.ts';
import { formatList, labelled, type Locale, type LocalText, pickText } from '../core/i18n.ts';
import { problemText } from '../core/messages.ts';
import { truthy, type Env, type IOStreams } from '../io/iostreams.ts';
import { t } from './messages.ts';

/** Prints an error for people (and, when stderr is not a terminal, one JSON line for tools); returns the exit code. */
export function reportError(io: IOStreams, env: Env, err: unknown): number {
  if (isCommanderError(err)) {
    // help and --version end here too, successfully; commander already printed its own message (program.ts
    // translates it on the way out)
    if (['commander.helpDisplayed', 'commander.version', 'commander.help', 'commander.executeSubCommandAsync'].includes(err.code))
      return ExitCode.ok;
    if (!io.isStderrTTY)
      jsonLine(io, {
        code: err.code.replace(/^commander\./, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
        message: err.message.replace(/^error: /, ''),
        exitCode: ExitCode.usage,
      });
    return ExitCode.usage;
  }
  // Ctrl-C at a prompt: the same report as any other cancellation
  const error = isPromptCancel(err) ? cancelledError(t.text('error.cancelled')) : forTheSession(err, env);
  const tixError = error instanceof TixError ? error : undefined;
  const exitCode = tixError?.exitCode ?? ExitCode.failure;
  const message = error instanceof Error ? error.message : String(error);
  const locale = io.locale;
  const c = io.errColors;
  const text = tixError ? withUnnamedFields(tixError, errorText(tixError, locale), locale) : t(locale, 'error.unexpected', { message });
  io.err(`${c.red(t(locale, 'error.label'))} ${text}\n`);
  const hint = tixError && hintText(tixError, locale);
  if (hint) io.err(`${c.dim(t(locale, 'error.hintLabel'))} ${hint}\n`);
  if (!tixError) io.err(truthy(env.TIX_DEBUG) && error instanceof Error ? `${error.stack}\n` : `${t(locale, 'error.bug')}\n`);
  if (!io.isStderrTTY) {
    jsonLine(io, {
      code: tixError?.code ?? 'internal',
      message,
      exitCode,
      ...(tixError?.hint ? { hint: tixError.hint } : {}),
      ...(tixError?.fields ? { fields: tixError.fields } : {}),
      ...(tixError?.status ? { status: tixError.status } : {}),
      ...(tixError?.data ?? {}),
    });
  }
  return exitCode;
}

/**
 * A token from TIX_TOKEN that the helpdesk refuses cannot be fixed by logging in (the variable still wins): the
 * error says which variable it is and how to replace the token, in every language and in the JSON line.
 */
function forTheSession(err: unknown, env: Env): unknown {
  if (!(err instanceof TixError) || err.exitCode !== ExitCode.auth || err.code !== 'unauthorized' || !env.TIX_TOKEN?.trim()) return err;
  const reason = err.data?.reason;
  if (reason === 'credentials') return err;
  const key =
    reason === 'revoked' ? 'unauthorized.env.revoked' : reason === 'expired' ? 'unauthorized.env.expired' : 'unauthorized.env.invalid';
  const server = String(err.data?.server ?? env.TIX_SERVER ?? 'the server');
  return new TixError(ExitCode.auth, t.text(key, { server }), {
    code: 'unauthorized',
    hint: t.text('hint.unauthorized.env'),
    status: err.status,
    data: { ...err.data, tokenSource: 'env' },
    cause: err,
  });
}

/** The message in the reader's language: the error's own text, else its code rendered with its data, else its English. */
export function errorText(err: TixError, locale: Locale): string {
  if (err.text) return err.text(locale);
  if (locale === 'en') return err.message;
  return byCode(err, locale) ?? err.message;
}

function hintText(err: TixError, locale: Locale): string | undefined {
  if (err.hintText) return err.hintText(locale);
  if (!err.hint) return undefined;
  if (locale === 'en') return err.hint;
  return hintByCode(err, locale) ?? err.hint;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);

/** Known codes, rendered from their data; undefined when the data does not say enough. */
function byCode(err: TixError, l: Locale): string | undefined {
  const d = err.data ?? {};
  // a 429 or 503 after the retries, and a server failure: the helpdesk's words inside ours
  if (typeof d.busyMessage === 'string')
    return str(d.retryAfter)
      ? t(l, 'code.busy.retryAfter', { message: d.busyMessage, seconds: Number(d.retryAfter) })
      : t(l, 'code.busy', { message: d.busyMessage });
  if (typeof d.serverMessage === 'string') return t(l, 'code.server_error', { status: err.status ?? 500, message: d.serverMessage });
  switch (err.code) {
    case 'ticket_closed':
      return str(d.shownRef) && t(l, 'code.ticket_closed', { shownRef: str(d.shownRef)! });
    case 'idempotency_conflict':
      return str(d.existing)
        ? t(l, 'code.idempotency_conflict.existing', { existing: str(d.existing)! })
        : t(l, 'code.idempotency_conflict');
    case 'unsupported': {
      const capability = str(d.capability);
      if (!capability || !str(d.provider)) return undefined;
      return t(l, 'code.unsupported', {
        providerName: str(d.providerName) ?? str(d.provider)!,
        provider: str(d.provider)!,
        capability: capabilityText(capability, l) ?? str(d.what) ?? capability,
      });
    }
    case 'unknown_provider':
      return str(d.where) && Array.isArray(d.providers)
        ? t(l, 'unknownProvider', { where: str(d.where)!, value: String(d.value), providers: d.providers.join(', ') })
        : undefined;
    case 'provider_unavailable':
      return (
        str(d.provider) &&
        t(l, 'code.provider_unavailable', { provider: str(d.provider)!, providerName: str(d.providerName) ?? str(d.provider)! })
      );
    case 'unreachable':
      return str(d.server) && t(l, 'code.unreachable', { server: str(d.server)!, network: networkText(str(d.network), l) });
    case 'outcome_unknown':
      return str(d.server) && t(l, 'code.outcome_unknown', { server: str(d.server)!, network: networkText(str(d.network), l) });
    case 'too_many_attempts':
      return str(d.retryAfter) && t(l, 'code.too_many_attempts', { seconds: Number(d.retryAfter) });
    case 'redirect':
      return str(d.server) && t(l, 'code.redirect', { status: err.status ?? 300, server: str(d.server)! });
    case 'unauthorized': {
      const reason = str(d.reason);
      return reason && ['credentials', 'missing', 'invalid', 'revoked', 'expired'].includes(reason)
        ? t(l, `unauthorized.${reason}` as 'unauthorized.invalid')
        : undefined;
    }
    case 'forbidden': {
      const reason = str(d.reason);
      if (reason === 'missing_scope' && Array.isArray(d.scopes)) {
        const scopes = d.scopes.map(String);
        return t(l, 'forbidden.missing_scope', {
          scopes: formatList(l, scopes, 'disjunction'),
          flags: scopes.map((s) => `--scope ${s}`).join(' '),
        });
      }
      return reason && ['no_establishment', 'admin_only', 'agents_read_only', 'pat_tokens', 'read_only_session', 'close'].includes(reason)
        ? t(l, `forbidden.${reason}` as 'forbidden.admin_only')
        : undefined;
    }
    case 'not_found': {
      const resource = str(d.resource);
      const id = str(d.id);
      if (!resource || id === undefined) return undefined;
      if (!['ticket', 'contact', 'token', 'attachment', 'requestType', 'company', 'establishment'].includes(resource)) return undefined;
      return t(l, `notFound.${resource}` as 'notFound.ticket', { id: resource === 'ticket' ? (str(d.shownRef) ?? `#${id}`) : id });
    }
    case 'invalid_state': {
      const action = str(d.action);
      const status = str(d.status);
      if (!action || !status || !['resolve', 'reopen', 'close'].includes(action) || str(d.id) === undefined) return undefined;
      if (action === 'reopen' && status === 'closed' && d.by === 'customer') return t(l, 'state.reopen.closed', { id: str(d.id)! });
      return t(l, `state.${action}` as 'state.resolve', { id: str(d.id)!, status });
    }
    case 'invalid_fields':
      return err.fields?.length ? fieldsText(t(l, 'code.invalid_fields'), err.fields, l) : undefined;
    case 'body_too_large':
      return t(l, 'code.body_too_large');
  }
  return undefined;
}

function hintByCode(err: TixError, l: Locale): string | undefined {
  const d = err.data ?? {};
  if (typeof d.busyMessage === 'string') return t(l, d.write ? 'hint.busy.write' : 'hint.busy');
  switch (err.code) {
    case 'ticket_closed': {
      const followUps = Array.isArray(d.followUps) ? d.followUps.map(String) : [];
      const shown = Array.isArray(d.shownFollowUps) ? d.shownFollowUps.map(String) : followUps;
      if (followUps.length) return t(l, 'hint.ticket_closed.followedUp', { followUps: shown.join(', '), last: followUps.at(-1)! });
      return str(d.ref) && t(l, 'hint.ticket_closed', { ref: str(d.ref)! });
    }
    case 'unsupported':
      return t(l, 'hint.unsupported');
    case 'unreachable':
      return d.write ? t(l, 'hint.unreachable.write') : t(l, 'hint.unreachable');
    case 'outcome_unknown':
      if (str(d.idempotencyKey)) return t(l, 'hint.outcome_unknown.key', { idempotencyKey: str(d.idempotencyKey)! });
      if (str(d.check)) return t(l, 'hint.outcome_unknown.check', { command: str(d.check)! });
      return t(l, 'hint.outcome_unknown');
    case 'too_many_attempts':
      return t(l, 'hint.too_many_attempts');
    case 'redirect':
      return t(l, 'hint.redirect');
    case 'unauthorized':
      return t(l, 'hint.unauthorized');
  }
  return undefined;
}

/**
 * A usage error that names one problem (`--type: unknown request type`) but carries others in its fields: the
 * others are listed under the text, so that people read every problem the JSON line gives programs.
 */
function withUnnamedFields(err: TixError, text: string, locale: Locale): string {
  if (err.code !== 'usage' || !err.fields?.length) return text;
  const named = (field: string) => text.includes(`${field}:`) || text.includes(`${field} :`);
  const others = err.fields.filter((p) => !named(p.field));
  return others.length ? `${text}\n${others.map((p) => `  ${p.field}: ${problemText(p, locale)}`).join('\n')}` : text;
}

/** A field list under an intro, each problem in the reader's language when the CLI made it. */
export function fieldsText(intro: string, fields: FieldProblem[], locale: Locale): string {
  return [labelled(locale, intro, '').trimEnd(), ...fields.map((p) => `  ${labelled(locale, p.field, problemText(p, locale))}`)].join('\n');
}

function networkText(code: string | undefined, l: Locale): string {
  const known = [
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ENETUNREACH',
    'EHOSTUNREACH',
    'CONNECT_TIMEOUT',
    'RESPONSE_TIMEOUT',
    'ECONNRESET',
    'EPIPE',
  ];
  return code && known.includes(code) ? t(l, `network.${code}` as 'network.EPIPE') : (code ?? '');
}

/** How messages name what a helpdesk can do ("account contacts"), in the reader's language. */
export function capabilityText(capability: string, l: Locale): string | undefined {
  const known = ['tickets', 'requestTypes', 'readState', 'contacts', 'tokens', 'settings', 'organisation'];
  return known.includes(capability) ? t(l, `capability.${capability}` as 'capability.tickets') : undefined;
}

function jsonLine(io: IOStreams, error: Record<string, unknown>): void {
  io.err(`${JSON.stringify({ error })}\n`);
}

function isCommanderError(err: unknown): err is Error & { code: string; exitCode: number } {
  return (
    err instanceof Error &&
    typeof (err as { code?: unknown }).code === 'string' &&
    (err as unknown as { code: string }).code.startsWith('commander.')
  );
}

/** Ctrl-C (or an abort) at a question of the prompt library. */
export function isPromptCancel(err: unknown): boolean {
  return err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError');
}

/** Words of data (a provider's Localized, or plain text) as LocalText, for errors made from them. */
export function localizedText(text: Parameters<typeof pickText>[0]): LocalText {
  return (l) => pickText(text, l);
}
