import { chmodSync, mkdirSync, readFileSync, renameSync, type Stats, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { usageError } from '../core/errors.ts';
import type { LocalText } from '../core/i18n.ts';
import type { Readable } from 'node:stream';
import type { IOStreams } from './iostreams.ts';
import { t } from './messages.ts';

// One way to read what a user hands in by name: a file path, or `-` for standard input. Every command that
// takes a file (--description-file, --body-file, --from-json, --input, -f) goes through here, so a missing
// file, a directory or a non-UTF-8 file gets the same clear message naming the flag.

/** The bytes of a file, or of standard input for `-`. */
export async function readInputBytes(io: IOStreams, source: string, flag: string): Promise<Buffer> {
  if (source === '-') return readAllBytes(io.stdin);
  try {
    return readFileSync(source);
  } catch (err) {
    throw usageError(t.text('file.unreadable', { flag, problem: fsProblem(err, source) }));
  }
}

/** The UTF-8 text of a file, or of standard input for `-`; anything else is refused, not mangled. */
export async function readInputText(io: IOStreams, source: string, flag: string): Promise<string> {
  if (source === '-') return readAll(io.stdin);
  return decodeText(await readInputBytes(io, source, flag), `${flag}: ${source}`);
}

/** Why a file cannot be read, in words: "there is no file nope.txt", not ENOENT. */
export function fsProblem(err: unknown, path: string): LocalText {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return t.text('file.missing', { path });
  if (code === 'EISDIR') return t.text('file.directory', { path });
  if (code === 'EACCES' || code === 'EPERM') return t.text('file.denied', { path });
  return t.text('file.other', { path, reason: code ?? (err as Error).message });
}

/**
 * Creates the directory a command writes into (`--output DIR`), with its parents; why it cannot, in words
 * naming the flag: "afile is a file", not ENOTDIR.
 */
export function makeDirectory(path: string, flag: string): void {
  try {
    // one level at a time from the nearest part that exists: Node's recursive mkdir never returns where a
    // filesystem answers "no such file" to making a directory (/proc)
    const missing: string[] = [];
    let part = resolve(path);
    for (; !statOrNothing(part) && dirname(part) !== part; part = dirname(part)) missing.unshift(part);
    for (const level of missing) mkdirSync(level);
    const made = statOrNothing(resolve(path));
    if (made && !made.isDirectory()) throw Object.assign(new Error(`${path} is a file`), { code: 'EEXIST' });
  } catch (err) {
    throw usageError(t.text('dir.cannotCreate', { flag, path, problem: directoryProblem(err, path) }));
  }
}

function directoryProblem(err: unknown, path: string): LocalText {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    // the nearest part of the path that exists is a file where a directory should be
    for (let part = path; ; part = dirname(part)) {
      const found = statOrNothing(part);
      if (found && !found.isDirectory()) return t.text('dir.fileInTheWay', { file: part });
      if (found || dirname(part) === part) break;
    }
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return t.text('dir.denied');
  if (code === 'ENOENT') {
    // the part that exists refuses new directories (a /proc, a /sys)
    let part = resolve(path);
    while (!statOrNothing(part) && dirname(part) !== part) part = dirname(part);
    return t.text('dir.notHere', { parent: part });
  }
  return t.text('dir.other', { reason: code ?? (err as Error).message });
}

function statOrNothing(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Reads all of a stream (standard input) as bytes. */
export async function readAllBytes(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** Reads all of stdin as UTF-8 (for --password-stdin, --body-file -, --from-json -). */
export async function readAll(stream: Readable): Promise<string> {
  return decodeText(await readAllBytes(stream), t.text('stdin'));
}

/**
 * Text a user hands in (a file, standard input) as UTF-8, strictly: a lossy decode would send replacement
 * characters to the server in their place, and the server refuses invalid UTF-8 from any other client.
 */
export function decodeText(bytes: Uint8Array, source: string | LocalText): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw usageError(t.text('notUtf8', { source }));
  }
}

/**
 * Writes a file only its owner can read (0600, in a 0700 directory made if needed): a fresh temporary file, then
 * renamed over the old one, so there is never a moment with a readable or half-written file.
 */
export function writePrivateFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600, flag: 'wx' });
  try {
    chmodSync(tmp, 0o600); // in case a umask or an odd filesystem widened it
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw err;
  }
}
