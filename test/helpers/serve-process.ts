import { spawn } from 'node:child_process';
import { tixBin } from './cli.ts';

export interface ServeProcess {
  url: string;
  port: number;
  pid: number;
  /** everything the server wrote to stderr so far (its request log with --log) */
  stderr(): string;
  /** resolves as soon as the server writes a line matching `pattern` from now on (false after `timeoutMs`) */
  next(pattern: RegExp, timeoutMs: number): Promise<boolean>;
  /** sends a signal and waits for the process to end; resolves with its exit code or signal */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/**
 * `tix serve` as a real process (the built bin/tix.js), started with `args` after `serve`; resolves once it
 * prints its "listening on" line. A server that exits first rejects with what it printed.
 */
export function startServe(args: string[], env: Record<string, string | undefined>): Promise<ServeProcess> {
  const child = spawn(process.execPath, [tixBin, 'serve', ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let ended: Promise<number | string> | undefined;
  const watchers = new Set<(chunk: string) => void>();
  const exit = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code ?? 1)));
  return new Promise((resolve, reject) => {
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      const before = stderr;
      stderr += d;
      for (const w of watchers) w(d);
      const m = /listening on (http:\/\/\S+)/.exec(stderr);
      if (m && !/listening on http:\/\//.test(before)) {
        resolve({
          url: m[1]!,
          port: Number(new URL(m[1]!).port),
          pid: child.pid!,
          stderr: () => stderr,
          next: (pattern, timeoutMs) =>
            new Promise((found) => {
              const timer = setTimeout(() => done(false), timeoutMs);
              const watch = (chunk: string) => chunk.split('\n').some((line) => pattern.test(line)) && done(true);
              const done = (result: boolean) => {
                clearTimeout(timer);
                watchers.delete(watch);
                found(result);
              };
              watchers.add(watch);
            }),
          stop: (signal = 'SIGTERM') => {
            if (!ended) {
              child.kill(signal);
              ended = exit;
            }
            return ended;
          },
        });
      }
    });
    void exit.then((code) => reject(new Error(`tix serve exited (${code}) before listening:\n${stderr}`)));
  });
}
