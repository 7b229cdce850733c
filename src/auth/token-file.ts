import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { usageError } from '../core/errors.ts';
import { writePrivateFile } from '../io/files.ts';
import { t } from './messages.ts';

// The plain-text fallback, used only after an explicit `--insecure-storage`: one JSON file, mode 0600, in the
// config dir but apart from config.json, so sharing a config never shares a token.

interface TokenFile {
  tokens: Record<string, { server: string; email: string; token: string }>;
}

export function tokenFilePath(dir: string): string {
  return join(dir, 'credentials.json');
}

function read(dir: string): TokenFile {
  const path = tokenFilePath(dir);
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as TokenFile;
    return { tokens: data.tokens ?? {} };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { tokens: {} };
    throw usageError(t.text('credentials.unreadable', { path, reason: (err as Error).message }));
  }
}

/** Written through a fresh 0600 temp file then renamed: there is never a moment with a readable or half-written file. */
function write(dir: string, data: TokenFile): void {
  writePrivateFile(tokenFilePath(dir), `${JSON.stringify(data, null, 2)}\n`);
}

export function fileTokenGet(dir: string, profile: string): { server: string; email: string; token: string } | undefined {
  return read(dir).tokens[profile];
}

export function fileTokenSet(dir: string, profile: string, entry: { server: string; email: string; token: string }): void {
  const data = read(dir);
  data.tokens[profile] = entry;
  write(dir, data);
}

export function fileTokenDelete(dir: string, profile: string): boolean {
  const data = read(dir);
  if (!data.tokens[profile]) return false;
  delete data.tokens[profile];
  write(dir, data);
  return true;
}
