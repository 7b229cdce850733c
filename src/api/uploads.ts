import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { IOStreams } from '../io/iostreams.ts';
import type { TicketsApi } from './backend.ts';

/** Uploads files one by one (each is checked locally before this) and returns their upload ids, in order. */
export async function uploadFiles(io: IOStreams, tickets: TicketsApi, paths: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const path of paths) {
    if (io.isStderrTTY) io.err(`uploading ${basename(path)}…\n`);
    ids.push((await tickets.upload(basename(path), readFileSync(path))).id);
  }
  return ids;
}
