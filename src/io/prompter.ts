import { cancelledError, usageError } from '../core/errors.ts';
import type { IOStreams } from './iostreams.ts';

// Prompts go to stderr so stdout stays clean for data. @inquirer/prompts loads only when a prompt is shown.

function context(io: IOStreams) {
  return { input: io.stdin, output: io.stderr, clearPromptOnDone: false };
}

function ensurePrompt(io: IOStreams, what: string): void {
  if (!io.canPrompt) throw usageError(`${what} is required (prompts are off: no terminal, or --no-input)`);
}

/** `prefill: 'editable'` puts the default on the line to be edited (or erased), rather than taken as is on Enter. */
export async function askText(
  io: IOStreams,
  message: string,
  opts: { default?: string; validate?: (v: string) => string | true; required?: boolean; prefill?: 'tab' | 'editable' } = {},
): Promise<string> {
  ensurePrompt(io, message);
  const { input } = await io.prompts();
  return input(
    { message, default: opts.default, required: opts.required ?? true, validate: opts.validate, prefill: opts.prefill },
    context(io),
  );
}

export async function askSecret(io: IOStreams, message: string): Promise<string> {
  ensurePrompt(io, message);
  const { password } = await io.prompts();
  return password({ message, mask: '*', validate: (v) => v.length > 0 || 'required' }, context(io));
}

export async function askChoice<T extends string>(
  io: IOStreams,
  message: string,
  choices: Array<{ value: T; name?: string; description?: string }>,
  def?: T,
): Promise<T> {
  ensurePrompt(io, message);
  const { select } = await io.prompts();
  return select<T>({ message, choices, default: def, pageSize: 12 }, context(io));
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
  return checkbox<T>({ message, choices, required: opts.required ?? false, pageSize: 12 }, context(io));
}

export async function askConfirm(io: IOStreams, message: string, def = false): Promise<boolean> {
  ensurePrompt(io, message);
  const { confirm } = await io.prompts();
  return confirm({ message, default: def }, context(io));
}

/** Asks for yes and treats anything else as a cancellation (exit 130). */
export async function confirmOrCancel(io: IOStreams, message: string): Promise<void> {
  if (!(await askConfirm(io, message, false))) throw cancelledError('cancelled; nothing was changed');
}
