import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './cli.ts';

export const tmuxAvailable = spawnSync('tmux', ['-V']).status === 0;

export interface Terminal {
  /** what the terminal shows now */
  screen(): string;
  /** everything the command wrote, the lines scrolled off the top included */
  history(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** tmux key names: Enter, Down, C-c, or literal text with type() */
  keys(...keys: string[]): void;
  type(text: string): void;
  /** the command's exit code once it has ended */
  exitCode(timeoutMs?: number): Promise<number>;
  close(): void;
}

/**
 * Runs a command in a real terminal: a detached tmux session on its own server socket, 120x40. The command's
 * exit code is written to a file when it ends, and the pane stays open so its last screen can be read.
 */
export function openTerminal(command: string[], env: Record<string, string | undefined>): Terminal {
  const dir = tempDir('tix-tmux-');
  const socket = `tix-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const script = join(dir, 'run.sh');
  const exitFile = join(dir, 'exit');
  const exports = Object.entries(env)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `export ${k}=${shellQuote(v!)}`)
    .join('\n');
  // Ctrl-C outside a prompt reaches the whole foreground group, this script too: it must outlive the command
  // (a trap, not an ignore, which the command would inherit) to write the command's exit code
  writeFileSync(
    script,
    `#!/bin/sh\n${exports}\ntrap : INT\n${command.map(shellQuote).join(' ')}\necho $? > ${shellQuote(exitFile)}\nsleep 600\n`,
    {
      mode: 0o755,
    },
  );
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  tmux('new-session', '-d', '-x', '120', '-y', '40', script);
  const screen = () => tmux('capture-pane', '-p');
  return {
    screen,
    history: () => tmux('capture-pane', '-p', '-S', '-'),
    waitFor: async (pattern, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const text = screen();
        if (pattern.test(text)) return text;
        if (Date.now() > deadline) throw new Error(`the terminal never showed ${pattern}; it shows:\n${text}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    keys: (...keys) => void tmux('send-keys', ...keys),
    type: (text) => void tmux('send-keys', '-l', text),
    exitCode: async (timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        try {
          return Number(readFileSync(exitFile, 'utf8').trim());
        } catch {
          if (Date.now() > deadline) throw new Error(`the command did not end; the terminal shows:\n${screen()}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    },
    close: () => {
      try {
        tmux('kill-server');
      } catch {
        /* already gone */
      }
    },
  };
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
