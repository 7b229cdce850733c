import { ExitCode, TixError } from '../core/errors.ts';
import { createIOStreams, truthy, type Env, type IOStreams, type StreamsInit } from '../io/iostreams.ts';
import { VERSION } from '../version.ts';
import type { FactoryOverrides } from './factory.ts';

/**
 * Runs one tix command and returns its exit code. Never calls process.exit and never touches process.*:
 * `bin/tix.js` passes the real streams and sets the exit code; tests pass buffers.
 */
export async function main(argv: string[], io: IOStreams, env: Env, overrides: FactoryOverrides = {}): Promise<number> {
  // `tix --version` answers before the command tree (and commander) is even loaded: it is the one call
  // scripts make in a loop to check for tix, and it should cost no more than starting Node.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    io.out(`${VERSION}\n`);
    return ExitCode.ok;
  }
  try {
    // everything a command needs is one chunk away: loading many small chunks costs more than their size
    const { buildProgram, createFactory } = await import('./program.ts');
    const program = buildProgram(createFactory(io, env, overrides), argv);
    await program.parseAsync(argv, { from: 'user' });
    return ExitCode.ok;
  } catch (err) {
    return reportError(io, env, err);
  }
}

export { createIOStreams, type StreamsInit };
/**
 * The kernel's errors, for a provider that lives outside this bundle (the tests' in-memory helpdesk): the
 * commands recognise domain errors by class, so such a provider must throw these very classes.
 */
export * as kernelErrors from '../core/errors.ts';

/** Prints an error for people (and, when stderr is not a terminal, one JSON line for tools); returns the exit code. */
export function reportError(io: IOStreams, env: Env, err: unknown): number {
  if (isCommanderError(err)) {
    // help and --version end here too, successfully; commander already printed its own usage message
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
  if (isPromptCancel(err)) {
    io.err('cancelled\n');
    if (!io.isStderrTTY) jsonLine(io, { code: 'cancelled', message: 'cancelled', exitCode: ExitCode.cancelled });
    return ExitCode.cancelled;
  }
  const tixError = err instanceof TixError ? err : undefined;
  const exitCode = tixError?.exitCode ?? ExitCode.failure;
  const message = err instanceof Error ? err.message : String(err);
  const red = (s: string) => (io.colorStderr ? `\u001b[31m${s}\u001b[39m` : s);
  const dim = (s: string) => (io.colorStderr ? `\u001b[2m${s}\u001b[22m` : s);
  io.err(`${red('error:')} ${tixError ? message : `unexpected: ${message}`}\n`);
  if (tixError?.hint) io.err(`${dim('hint:')} ${tixError.hint}\n`);
  if (!tixError)
    io.err(
      truthy(env.TIX_DEBUG) && err instanceof Error
        ? `${err.stack}\n`
        : 'this is a bug in tix; run again with TIX_DEBUG=1 for details and report it\n',
    );
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

function isPromptCancel(err: unknown): boolean {
  return err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError');
}
