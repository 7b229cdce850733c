import { ExitCode } from '../core/errors.ts';
import { createIOStreams, type Env, type IOStreams, type StreamsInit } from '../io/iostreams.ts';
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
    // the one renderer of errors, in the reader's language (src/cli/report.ts)
    const { reportError } = await import('./report.ts');
    return reportError(io, env, err);
  }
}

export { createIOStreams, type StreamsInit };
/**
 * The kernel's errors, for a provider that lives outside this bundle (the tests' in-memory helpdesk): the
 * commands recognise domain errors by class, so such a provider must throw these very classes.
 */
export * as kernelErrors from '../core/errors.ts';
