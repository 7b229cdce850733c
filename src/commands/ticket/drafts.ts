// A request that was answered but not filed (the person said No at the end, the network failed, Ctrl-C while it
// was being sent) is kept as a draft that `tix ticket create --recover` reopens. One draft per server, in the
// config dir (drafts/), mode 0600 in a 0700 directory: it holds what the person typed and the idempotency key of
// a send that may have reached the helpdesk, never a token or a password.
import { readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { NewTicket } from '../../api/types.ts';
import { configDir } from '../../auth/config.ts';
import { usageError } from '../../core/errors.ts';
import { writePrivateFile } from '../../io/files.ts';
import type { Env } from '../../io/iostreams.ts';
import { t } from './messages.ts';

export interface SavedDraft {
  /** the server the request was for: a draft is only reopened there */
  server: string;
  savedAt: string;
  type: string;
  /** the establishment's SIRET */
  establishment?: string;
  fields: NewTicket['fields'];
  /** file paths, as they were given */
  attach: string[];
  followUpOf?: string;
  /** the key of a send whose outcome is unknown: reused as long as the request is the same, so it cannot be filed twice */
  idempotencyKey?: string;
}

/** drafts/<host>_<port>-<hash>.json: readable at a glance, and distinct for each server URL. */
export function draftPath(env: Env, server: string): string {
  let host = 'server';
  try {
    const url = new URL(server);
    host = `${url.hostname}${url.port ? `_${url.port}` : ''}`.replace(/[^\w.-]/g, '_');
  } catch {
    /* not a URL: the hash alone tells servers apart */
  }
  // node:crypto is taken here, not imported: loading it (and its argon2) costs every command ~10 ms at start-up
  const hash = process.getBuiltinModule('node:crypto').createHash('sha256').update(server).digest('hex').slice(0, 10);
  return join(configDir(env), 'drafts', `${host}-${hash}.json`);
}

export function saveDraft(env: Env, draft: SavedDraft): string {
  const path = draftPath(env, draft.server);
  writePrivateFile(path, `${JSON.stringify(draft, null, 2)}\n`);
  return path;
}

/** The draft kept for this server, if any; a damaged file is named, with the way out. */
export function loadDraft(env: Env, server: string): SavedDraft | undefined {
  const path = draftPath(env, server);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw usageError(t.text('draft.unreadable', { path, reason: (err as Error).message }));
  }
  try {
    const draft = JSON.parse(text) as SavedDraft;
    if (typeof draft.type !== 'string' || typeof draft.fields !== 'object' || draft.fields === null) throw new Error('not a draft');
    return { ...draft, attach: Array.isArray(draft.attach) ? draft.attach : [] };
  } catch (err) {
    throw usageError(t.text('draft.unreadable', { path, reason: (err as Error).message }));
  }
}

export function clearDraft(env: Env, server: string): void {
  try {
    unlinkSync(draftPath(env, server));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** The same request as the draft's (what would be filed), whatever the key. */
export function sameRequest(draft: SavedDraft, request: NewTicket, attach: string[]): boolean {
  const canonical = (x: object) => JSON.stringify(x, Object.keys(x).sort());
  return (
    draft.type === request.type &&
    (draft.establishment ?? null) === (request.establishment ?? null) &&
    String(draft.followUpOf ?? '') === String(request.followUpOf ?? '') &&
    canonical(draft.fields) === canonical(request.fields) &&
    draft.attach.join('\n') === attach.join('\n')
  );
}
