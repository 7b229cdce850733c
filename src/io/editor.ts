import { usageError } from '../core/errors.ts';
import type { LocalText } from '../core/i18n.ts';
import type { Env, IOStreams } from './iostreams.ts';
import { t } from './messages.ts';

/**
 * Everything from this line down is tix's instructions, dropped when the editor closes; everything above it is
 * kept as written, lines starting with "#" included (a reply may well begin with "#2 is the same problem").
 * Like git's scissors line, it cannot be mistaken for text: nobody writes it by chance.
 */
export const SCISSORS = '# ------------------------ >8 ------------------------';

/** The editor command: tix config's editor, then $VISUAL, then $EDITOR, then vi. */
export function editorCommand(env: Env, configured?: string): string {
  return configured || env.VISUAL || env.EDITOR || 'vi';
}

/** Splits a command line such as `code --wait` or `"/opt/My Editor/bin/ed" -n` into program and arguments. */
export function splitCommand(command: string): string[] {
  const parts: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(command); m; m = re.exec(command)) parts.push(m[1] ?? m[2] ?? m[3]!);
  return parts;
}

/** The file the editor opens: the text, then the scissors line and the instructions under it. */
export function editorTemplate(io: IOStreams, initial: string, instructions: string): string {
  const below = [t(io.locale, 'editor.scissors'), ...instructions.split('\n')].map((l) => `# ${l}`.trimEnd());
  return `${initial}\n\n${SCISSORS}\n${below.join('\n')}\n`;
}

/**
 * What the person wrote: everything above the scissors line, as it is. Without the line (deleted in the
 * editor), the instructions tix wrote are taken off the end, and nothing else.
 */
export function editedText(text: string, template: string): string {
  const lines = text.split('\n');
  const cut = lines.indexOf(SCISSORS);
  if (cut >= 0) return lines.slice(0, cut).join('\n').trim();
  const ours = template.split('\n').slice(template.split('\n').indexOf(SCISSORS) + 1);
  while (lines.length > 0 && (lines.at(-1)!.trim() === '' || ours.includes(lines.at(-1)!))) lines.pop();
  return lines.join('\n').trim();
}

/**
 * Opens the user's editor on a temporary file (0600, removed afterwards) and returns what they wrote: the text
 * above the scissors line, with the instructions under it dropped.
 */
export async function editText(
  io: IOStreams,
  env: Env,
  opts: { initial?: string; instructions: string; configured?: string; what: string | LocalText },
): Promise<string> {
  if (!io.canPrompt) throw usageError(t.text('editor.noTerminal', { what: opts.what }));
  const { ExternalEditor } = await import('@inquirer/external-editor');
  const template = editorTemplate(io, opts.initial ?? '', opts.instructions);
  const editor = new ExternalEditor(template, { postfix: '.md', mode: 0o600 });
  const [bin, ...args] = splitCommand(editorCommand(env, opts.configured));
  editor.editor = { bin: bin!, args };
  try {
    const text = await editor.runAsync(); // removes its temporary file whatever happens
    if (editor.lastExitStatus !== 0) throw usageError(t.text('editor.failed', { bin: bin!, status: editor.lastExitStatus }));
    return editedText(text, template);
  } catch (err) {
    if ((err as Error).name === 'LaunchEditorError') throw usageError(t.text('editor.cannotStart', { bin: bin! }), { cause: err });
    throw err;
  }
}
