import { cancelledError, usageError } from '../core/errors.ts';
import type { LocalText } from '../core/i18n.ts';
import type { IOStreams } from './iostreams.ts';
import { t } from './messages.ts';

// Prompts go to stderr so stdout stays clean for data. @inquirer/prompts loads only when a prompt is shown.
// Its own words (the yes/no hint, the keys under a menu) come in the reader's language through its theme.

/**
 * Shows one prompt. An answered prompt stays on the screen as the record of its answer; one interrupted by Ctrl-C
 * is erased, so no menu is left drawn above the error as if it still waited (and so is one whose answer the caller
 * shows better itself: `eraseIf`). The library reads `clearPromptOnDone` once the prompt has settled, after the
 * key that settled it has gone by our listener.
 */
async function ask<T>(
  io: IOStreams,
  show: (context: { input: IOStreams['stdin']; output: IOStreams['stderr']; readonly clearPromptOnDone: boolean }) => Promise<T>,
  eraseIf: () => boolean = () => false,
): Promise<T> {
  let interrupted = false;
  const onKey = (_text: unknown, key?: { ctrl?: boolean; name?: string }) => {
    if (key?.ctrl && key.name === 'c') interrupted = true;
  };
  const input = io.stdin;
  input.on('keypress', onKey);
  try {
    return await show({
      input,
      output: io.stderr,
      get clearPromptOnDone() {
        return interrupted || eraseIf();
      },
    });
  } finally {
    input.off('keypress', onKey);
  }
}

/**
 * The line an answered prompt leaves, for an answer given elsewhere (in the editor): the question, then what was
 * answered, styled as the prompt library styles its own.
 */
export function showAnswer(io: IOStreams, message: string, answer: string): void {
  const c = io.errColors;
  io.err(`${c.green('✔')} ${c.bold(message)}${answer ? ` ${c.cyan(answer)}` : ''}\n`);
}

/**
 * The prompts' own words and colours, in the reader's language and the stderr colour scheme. (Each prompt
 * of the library types its theme; this part is common to those that show keys.)
 */
function theme(io: IOStreams): never {
  const c = io.errColors;
  return {
    style: {
      keysHelpTip: (keys: Array<[key: string, action: string]>) =>
        keys.map(([key, action]) => `${c.bold(key)} ${c.dim(keyAction(io, action))}`).join(c.dim(' • ')),
    },
  } as never;
}

/** The prompt library's words for its keys ("navigate", "select"), in the reader's language when we know them. */
function keyAction(io: IOStreams, action: string): string {
  const known = { navigate: 'keys.navigate', select: 'keys.select' } as const;
  return action in known ? t(io.locale, known[action as keyof typeof known]) : action;
}

function ensurePrompt(io: IOStreams, what: string): void {
  if (!io.canPrompt) throw usageError(t.text('prompt.off', { what }));
}

/**
 * Asks for one line of text. `validate` answers true or the problem in the reader's language; an empty
 * answer to a required question says so in that language too. `prefill: 'editable'` puts the default on the
 * line to be edited (or erased), rather than taken as is on Enter.
 */
export async function askText(
  io: IOStreams,
  message: string,
  opts: {
    default?: string;
    validate?: (v: string) => string | true;
    required?: boolean;
    prefill?: 'tab' | 'editable';
    /** an empty answer erases the prompt: the caller asks another way (the editor) and shows that answer */
    eraseWhenEmpty?: boolean;
  } = {},
): Promise<string> {
  ensurePrompt(io, message);
  const { input } = await io.prompts();
  const required = opts.required ?? true;
  let answer = '';
  return ask(
    io,
    (context) =>
      input(
        {
          message,
          default: opts.default,
          validate: (v: string) => {
            answer = v;
            if (required && v.trim() === '' && !opts.default) return t(io.locale, 'prompt.required');
            return opts.validate?.(v) ?? true;
          },
          prefill: opts.prefill,
          theme: theme(io),
        },
        context,
      ),
    () => Boolean(opts.eraseWhenEmpty) && answer.trim() === '' && !opts.default,
  );
}

/**
 * Asks for file paths (comma-separated), Tab completing the one being typed. Validated as askText does.
 */
export async function askPath(
  io: IOStreams,
  message: string,
  opts: { validate?: (v: string) => string | true; required?: boolean; default?: string } = {},
): Promise<string> {
  ensurePrompt(io, message);
  const library = await io.prompts();
  const given = opts.default ? { default: opts.default } : {};
  const required = opts.required ?? true;
  const validate = (v: string) => {
    if (required && v.trim() === '') return t(io.locale, 'prompt.required');
    return opts.validate?.(v) ?? true;
  };
  // a library without it (tests' virtual screen) asks with its plain text prompt
  const path = 'path' in library ? library.path : undefined;
  return ask(io, (context) =>
    path
      ? path({ message, validate, theme: theme(io), ...given }, context)
      : library.input(
          { message, validate, theme: theme(io), ...given, ...(opts.default ? { prefill: 'editable' as const } : {}) },
          context,
        ),
  );
}

/** A secret, masked as it is typed; no hint is left on the screen once it is given. */
export async function askSecret(io: IOStreams, message: string): Promise<string> {
  ensurePrompt(io, message);
  const { password } = await io.prompts();
  return ask(io, (context) =>
    password(
      {
        message,
        mask: '*',
        // Ctrl-T would show the password in clear on a shared screen; without it, no key hint is drawn under the prompt
        toggleMask: false,
        validate: (v: string) => v.length > 0 || t(io.locale, 'prompt.required'),
        theme: theme(io),
      } as Parameters<typeof password>[0],
      context,
    ),
  );
}

export async function askChoice<T extends string>(
  io: IOStreams,
  message: string,
  choices: Array<{ value: T; name?: string; description?: string }>,
  def?: T,
): Promise<T> {
  ensurePrompt(io, message);
  const { select } = await io.prompts();
  return ask(io, (context) => select<T>({ message, choices, default: def, pageSize: 12, theme: theme(io) }, context));
}

/** Several of the choices (a checkbox list): space ticks, Enter accepts. */
export async function askChoices<T extends string>(
  io: IOStreams,
  message: string,
  choices: Array<{ value: T; name?: string }>,
  opts: { required?: boolean } = {},
): Promise<T[]> {
  ensurePrompt(io, message);
  const { checkbox } = await io.prompts();
  return ask(io, (context) => checkbox<T>({ message, choices, required: opts.required ?? false, pageSize: 12, theme: theme(io) }, context));
}

export async function askConfirm(io: IOStreams, message: string, def = false): Promise<boolean> {
  ensurePrompt(io, message);
  const { confirm } = await io.prompts();
  const yes = t(io.locale, 'answer.yes');
  const no = t(io.locale, 'answer.no');
  return ask(io, (context) =>
    confirm(
      {
        message,
        default: def,
        theme: { ...(theme(io) as object), keywords: { yes, no, error: () => t(io.locale, 'answer.invalid', { yes, no }) } },
      } as Parameters<typeof confirm>[0],
      context,
    ),
  );
}

/** Asks for yes and treats anything else as a cancellation (exit 130). */
export async function confirmOrCancel(
  io: IOStreams,
  message: string,
  cancelled: LocalText = t.text('prompt.nothingChanged'),
): Promise<void> {
  if (!(await askConfirm(io, message, false))) throw cancelledError(cancelled);
}
