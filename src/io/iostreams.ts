import type { Readable, Writable } from 'node:stream';
import { type Locale, resolveLocale } from '../core/i18n.ts';
import { ColorScheme } from './color.ts';

export type Env = Record<string, string | undefined>;

/**
 * Where a command reads and writes, and what the terminal can do. Commands never touch `process.*`:
 * tests hand in buffers, `bin/tix.js` hands in the real streams.
 */
export interface IOStreams {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean };
  isStdinTTY: boolean;
  isStdoutTTY: boolean;
  isStderrTTY: boolean;
  /** colour on stdout (tables, statuses) */
  color: boolean;
  /** colour on stderr (warnings, errors) */
  colorStderr: boolean;
  /** the styles for stdout, following `color` */
  colors: ColorScheme;
  /** the styles for stderr, following `colorStderr` */
  errColors: ColorScheme;
  /**
   * the language people read here (TIX_LANG › tix config lang › LC_ALL › LC_MESSAGES › LANG); what programs
   * read (JSON, tab-separated rows, exit codes, error codes) never depends on it
   */
  locale: Locale;
  /** the terminal shows OSC 8 hyperlinks (ticket numbers link to their ticket) */
  hyperlinks: boolean;
  /** prompts allowed: stdin and stderr are terminals and --no-input / TIX_NO_INPUT are not set */
  canPrompt: boolean;
  /** the prompt layer must not block for input; set by --no-input or TIX_NO_INPUT */
  noInput: boolean;
  columns: number;
  out(text: string): void;
  err(text: string): void;
  /** the prompt library (@inquirer/prompts, loaded on first prompt); tests hand in one drawn on a virtual screen */
  prompts(): Promise<PromptLibrary>;
}

export type PromptLibrary = Pick<typeof import('@inquirer/prompts'), 'input' | 'password' | 'select' | 'checkbox' | 'confirm'> & {
  /** file paths, Tab completing them (src/io/path-prompt.ts); a library without it asks with `input` */
  path?: typeof import('./path-prompt.ts').default;
};

export interface StreamsInit {
  /** a stream, or a function that makes it on first use (process.stdin costs a few ms to set up) */
  stdin: IOStreams['stdin'] | (() => IOStreams['stdin']);
  stdout: IOStreams['stdout'];
  stderr: IOStreams['stderr'];
  /** override TTY detection (tests, or `tix serve` children) */
  tty?: { stdin?: boolean; stdout?: boolean; stderr?: boolean };
  /** another prompt library than @inquirer/prompts (tests) */
  prompts?: () => Promise<PromptLibrary>;
}

/**
 * NO_COLOR wins over everything; CLICOLOR_FORCE / FORCE_COLOR force colour on pipes; then the `color`
 * preference of tix config (always / never); TERM=dumb disables it; otherwise colour on terminals only.
 */
export function colorWanted(isTTY: boolean, env: Env, preference: 'auto' | 'always' | 'never' = 'auto'): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.CLICOLOR_FORCE ?? env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  if (preference !== 'auto') return preference === 'always';
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

/**
 * OSC 8 hyperlinks, only in terminals known to show them (others would print the escape codes): iTerm2,
 * WezTerm, VS Code, Windows Terminal, kitty, GNOME/VTE ≥ 0.50, foot. FORCE_HYPERLINK=1 or 0 decides.
 */
export function hyperlinksWanted(env: Env): boolean {
  if (env.FORCE_HYPERLINK !== undefined) return truthy(env.FORCE_HYPERLINK);
  if (env.TMUX || env.TERM === 'dumb') return false;
  if (['iTerm.app', 'WezTerm', 'vscode'].includes(env.TERM_PROGRAM ?? '')) return true;
  if (env.WT_SESSION || env.KITTY_WINDOW_ID || env.DOMTERM || env.TERM === 'xterm-kitty' || env.TERM === 'foot') return true;
  return Number(env.VTE_VERSION ?? 0) >= 5000;
}

export function createIOStreams(init: StreamsInit, env: Env): IOStreams {
  const isStdinTTY = init.tty?.stdin ?? (typeof init.stdin === 'function' ? false : Boolean(init.stdin.isTTY));
  const isStdoutTTY = init.tty?.stdout ?? Boolean(init.stdout.isTTY);
  const isStderrTTY = init.tty?.stderr ?? Boolean(init.stderr.isTTY);
  const noInput = truthy(env.TIX_NO_INPUT);
  let stdin = typeof init.stdin === 'function' ? undefined : init.stdin;
  const io: IOStreams = {
    get stdin() {
      stdin ??= (init.stdin as () => IOStreams['stdin'])();
      return stdin;
    },
    stdout: init.stdout,
    stderr: init.stderr,
    isStdinTTY,
    isStdoutTTY,
    isStderrTTY,
    color: colorWanted(isStdoutTTY, env),
    colorStderr: colorWanted(isStderrTTY, env),
    colors: new ColorScheme(() => io.color),
    errColors: new ColorScheme(() => io.colorStderr),
    // tix config's `lang` comes in when the config file is read (src/cli/main.ts)
    locale: resolveLocale(env),
    hyperlinks: isStdoutTTY && hyperlinksWanted(env),
    noInput,
    canPrompt: isStdinTTY && isStderrTTY && !noInput,
    columns: init.stdout.columns ?? (Number(env.COLUMNS) || 100),
    out: (text) => void init.stdout.write(text),
    err: (text) => void init.stderr.write(text),
    prompts:
      init.prompts ??
      (async () => {
        const [library, path] = await Promise.all([import('@inquirer/prompts'), import('./path-prompt.ts')]);
        return { ...library, path: path.default };
      }),
  };
  return io;
}

export function truthy(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}
