// Opening a page in the user's browser (`--web`): the BROWSER command when set, else the platform's opener.
import { ExitCode, TixError } from '../core/errors.ts';
import type { LocalText } from '../core/i18n.ts';
import { splitCommand } from './editor.ts';
import type { Env, IOStreams } from './iostreams.ts';
import { t } from './messages.ts';

export interface BrowserCommand {
  command: string;
  args: string[];
  /**
   * BROWSER may be a terminal browser (w3m, lynx): it runs in the foreground on this terminal and tix waits
   * for it. The platform's opener hands the URL to the desktop and is not waited for.
   */
  foreground: boolean;
}

/**
 * The command that opens `url`. BROWSER is a command line (quotes group words; no shell runs it): the URL
 * replaces a `%s` in it, or is added as the last argument.
 */
export function browserCommand(url: string, env: Env, platform: NodeJS.Platform): BrowserCommand {
  const configured = env.BROWSER?.trim();
  if (configured) {
    const words = splitCommand(configured);
    const substituted = words.some((w) => w.includes('%s'));
    const [command, ...args] = substituted ? words.map((w) => w.replaceAll('%s', url)) : [...words, url];
    return { command: command!, args, foreground: true };
  }
  if (platform === 'darwin') return { command: 'open', args: [url], foreground: false };
  // `start` is a cmd.exe built-in; its first quoted argument is a window title, and ^ escapes cmd's & | < >
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url.replace(/[&|<>^]/g, '^$&')], foreground: false };
  return { command: 'xdg-open', args: [url], foreground: false };
}

/**
 * Opens `url`, saying so on stderr (with the URL, so it can be opened by hand). `onFailure: 'warn'` turns a
 * failure into a warning: after `ticket create --web` the ticket is filed, which is what matters.
 */
export async function openInBrowser(
  io: IOStreams,
  env: Env,
  url: string,
  options: { onFailure?: 'throw' | 'warn'; platform?: NodeJS.Platform } = {},
): Promise<void> {
  const cmd = browserCommand(url, env, options.platform ?? process.platform);
  io.err(`${t(io.locale, 'browser.opening', { url })}\n`);
  try {
    await run(cmd, env);
  } catch (err) {
    const reason = err instanceof LaunchFailure ? err.text : () => (err as Error).message;
    const message = t.text('browser.failed', { reason });
    const hint = t.text(env.BROWSER?.trim() ? 'browser.checkVariable' : 'browser.setVariable', { url });
    if (options.onFailure === 'warn') {
      io.err(`! ${t(io.locale, 'browser.warning', { message: message(io.locale), hint: hint(io.locale) })}\n`);
      return;
    }
    throw new TixError(ExitCode.failure, message, { code: 'browser_failed', hint });
  }
}

/** Why the browser did not start, in words people read in their language. */
class LaunchFailure extends Error {
  readonly text: LocalText;
  constructor(text: LocalText) {
    super(text('en'));
    this.text = text;
  }
}

function run(cmd: BrowserCommand, env: Env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = process.getBuiltinModule('node:child_process').spawn(cmd.command, cmd.args, {
      env,
      stdio: cmd.foreground ? 'inherit' : 'ignore',
      detached: !cmd.foreground,
      windowsHide: true,
    });
    child.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new LaunchFailure(
          err.code === 'ENOENT'
            ? t.text('browser.notFound', { command: cmd.command })
            : t.text('browser.error', { command: cmd.command, reason: err.message }),
        ),
      ),
    );
    if (cmd.foreground) {
      child.once('exit', (code, signal) =>
        code === 0
          ? resolve()
          : reject(
              new LaunchFailure(
                signal
                  ? t.text('browser.signal', { command: cmd.command, signal })
                  : t.text('browser.exitCode', { command: cmd.command, code: code ?? 0 }),
              ),
            ),
      );
    } else {
      child.once('spawn', () => {
        child.unref();
        resolve();
      });
    }
  });
}
