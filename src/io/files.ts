import { readFileSync } from 'node:fs';
import { decodeText, readAll, readAllBytes, type IOStreams } from './iostreams.ts';
import { usageError } from '../core/errors.ts';

// One way to read what a user hands in by name: a file path, or `-` for standard input. Every command that
// takes a file (--description-file, --body-file, --from-json, --input, -f) goes through here, so a missing
// file, a directory or a non-UTF-8 file gets the same clear message naming the flag.

/** The bytes of a file, or of standard input for `-`. */
export async function readInputBytes(io: IOStreams, source: string, flag: string): Promise<Buffer> {
  if (source === '-') return readAllBytes(io.stdin);
  try {
    return readFileSync(source);
  } catch (err) {
    throw usageError(`${flag}: cannot read ${source} (${describeFsError(err)})`);
  }
}

/** The UTF-8 text of a file, or of standard input for `-`; anything else is refused, not mangled. */
export async function readInputText(io: IOStreams, source: string, flag: string): Promise<string> {
  if (source === '-') return readAll(io.stdin);
  return decodeText(await readInputBytes(io, source, flag), `${flag}: ${source}`);
}

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? (err as Error).message;
}
