import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ProviderModule } from '../../src/api/backend.ts';
import type { HttpSettings } from '../../src/api/http.ts';
import type { Env } from '../../src/io/iostreams.ts';
import { distEntry, distProblem } from './dist.ts';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const tixBin = join(repoRoot, 'bin', 'tix.js');

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON */
  json(): any;
  /** the JSON error line printed on a non-terminal stderr */
  errorJson(): any;
}

export function tempDir(prefix = 'tix-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A clean environment: its own config dir and HOME, no colour, nothing inherited from the developer's shell. */
export function isolatedEnv(extra: Env = {}): Env {
  const home = tempDir('tix-home-');
  return { HOME: home, TIX_CONFIG_DIR: join(home, 'config'), PATH: process.env.PATH, LANG: 'C.UTF-8', ...extra };
}

function result(code: number, stdout: string, stderr: string): Result {
  return {
    code,
    stdout,
    stderr,
    json: () => JSON.parse(stdout),
    errorJson: () => {
      const line = stderr
        .trim()
        .split('\n')
        .reverse()
        .find((l) => l.startsWith('{"error"'));
      if (!line) throw new Error(`no JSON error line in stderr:\n${stderr}`);
      return JSON.parse(line).error;
    },
  };
}

// The commands under test are the built bundle's, as bin/tix.js runs them: dist/cli.js exports main() and
// createIOStreams() (src/cli/main.ts, bundled). Loaded natively by Node (see test/vitest.config.ts), once per
// test file, and only by files that call tix().
type Cli = typeof import('../../src/cli/main.ts');
let cli: Promise<Cli> | undefined;
function builtCli(): Promise<Cli> {
  cli ??= (async () => {
    const problem = distProblem();
    if (problem) throw new Error(problem);
    return (await import(pathToFileURL(distEntry).href)) as Cli;
  })();
  return cli;
}

/** Runs a command in-process through the bundle's main(), exactly as bin/tix.js does, with captured streams. */
export async function tix(
  args: string[],
  opts: {
    env?: Env;
    stdin?: string | Uint8Array;
    tty?: boolean;
    signal?: AbortSignal;
    http?: Partial<HttpSettings>;
    /** a provider that serves every profile (the in-memory helpdesk) */
    provider?: ProviderModule;
  } = {},
): Promise<Result> {
  let out = '';
  let err = '';
  const stdout = new Writable({
    write: (chunk, _enc, cb) => {
      out += chunk.toString();
      cb();
    },
  });
  const stderr = new Writable({
    write: (chunk, _enc, cb) => {
      err += chunk.toString();
      cb();
    },
  });
  const stdin = opts.stdin === undefined ? new PassThrough() : Readable.from([Buffer.from(opts.stdin)]);
  if (opts.stdin === undefined) (stdin as PassThrough).end();
  const { main, createIOStreams } = await builtCli();
  const env = opts.env ?? isolatedEnv();
  const tty = opts.tty ?? false;
  // On a terminal, prompts come from this test file's @inquirer/prompts: @inquirer/testing/vitest draws them on
  // its virtual screen when the file uses it. (The bundle's own copy is out of vitest's mocks' reach; the
  // bundled prompts run in a real terminal in test/cli/terminal.test.ts.)
  const prompts = tty ? () => import('@inquirer/prompts') : undefined;
  const io = createIOStreams({ stdin, stdout, stderr, tty: { stdin: tty, stdout: tty, stderr: tty }, prompts }, env);
  const code = await main(args, io, env, {
    http: { minRetryDelayMs: 5, maxRetryDelayMs: 50, ...opts.http },
    signal: opts.signal,
    provider: opts.provider,
  });
  return result(code, out, err);
}

/**
 * The error classes of the CLI that tix() runs (the bundle's), for test doubles of a provider: commands recognise
 * domain errors by class (see kernelErrors in src/cli/main.ts).
 */
export async function cliErrors(): Promise<Cli['kernelErrors']> {
  return (await builtCli()).kernelErrors;
}

/** Runs the real binary (bin/tix.js and the built bundle) as a child process. */
export function spawnTix(args: string[], opts: SpawnOptions = {}): Promise<Result> {
  return spawnProgram([process.execPath, tixBin, ...args], opts);
}

export interface SpawnOptions {
  env?: Env;
  stdin?: string;
  timeoutMs?: number;
  /** called with all the program wrote to stderr so far, each time it writes more */
  onStderr?: (all: string) => void;
}

/** Runs a program (the first word of `command`) with captured output; killed after `timeoutMs` (20 s). */
export function spawnProgram(command: string[], opts: SpawnOptions = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), { env: opts.env ?? isolatedEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => {
      err += d;
      opts.onStderr?.(err);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve(result(code ?? (signal ? 128 + 9 : 1), out, err));
    });
    child.stdin.end(opts.stdin ?? '');
  });
}
