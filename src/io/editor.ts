import { usageError } from '../core/errors.ts';
import type { Env, IOStreams } from './iostreams.ts';

const COMMENT = '#';

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

/**
 * Opens the user's editor on a temporary file (0600, removed afterwards) and returns what they wrote, minus
 * the lines starting with "#" (the instructions shown under the text, as git does).
 */
export async function editText(
  io: IOStreams,
  env: Env,
  opts: { initial?: string; instructions: string; configured?: string; what: string },
): Promise<string> {
  if (!io.canPrompt) throw usageError(`${opts.what} is required (no terminal to open an editor on, or --no-input)`);
  const { ExternalEditor } = await import('@inquirer/external-editor');
  const template = `${opts.initial ?? ''}\n\n${opts.instructions
    .split('\n')
    .map((l) => `${COMMENT} ${l}`)
    .join('\n')}\n`;
  const editor = new ExternalEditor(template, { postfix: '.md', mode: 0o600 });
  const [bin, ...args] = splitCommand(editorCommand(env, opts.configured));
  editor.editor = { bin: bin!, args };
  try {
    const text = await editor.runAsync(); // removes its temporary file whatever happens
    if (editor.lastExitStatus !== 0) throw usageError(`the editor (${bin}) exited with status ${editor.lastExitStatus}; nothing was sent`);
    return text
      .split('\n')
      .filter((l) => !l.startsWith(COMMENT))
      .join('\n')
      .trim();
  } catch (err) {
    if ((err as Error).name === 'LaunchEditorError')
      throw usageError(`cannot start the editor "${bin}": set EDITOR or VISUAL (or tix config set editor CMD)`, { cause: err });
    throw err;
  }
}
