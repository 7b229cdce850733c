import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import type { TicketRef } from '../../api/types.ts';
import { parseRef } from '../../cli/args.ts';
import { TixError, usageError } from '../../core/errors.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import { safeFilename } from '../../core/filenames.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { humanSize } from './format.ts';

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  ref: TicketRef;
  output: string;
  clobber: boolean;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('download')
    .description("Save a ticket's attachments")
    .argument('<id>', 'ticket reference (a number on tix serve)')
    .option('--output <dir>', 'directory to save into (created if needed)', '.')
    .option('--clobber', 'overwrite files that already exist')
    .action(async (id: string, opts: { output: string; clobber?: boolean }) =>
      runF({
        io: f.io,
        backend: () => f.backend('tickets'),
        ref: parseRef(f.providerInfo(), id),
        output: opts.output,
        clobber: Boolean(opts.clobber),
      }),
    );
  return examples(cmd, ['tix ticket download 42', 'tix ticket download 42 --output ./evidence']);
}

export async function run(o: Options): Promise<void> {
  const { createHash } = await import('node:crypto');
  const backend = await o.backend();
  const tickets = need(backend, 'tickets');
  const ticket = await tickets.view(o.ref);
  const files = ticket.messages.flatMap((m) => m.attachments);
  if (files.length === 0) return o.io.err(`${backend.provider.showRef(o.ref)} has no attachments\n`);
  mkdirSync(o.output, { recursive: true });
  const used = new Set<string>();
  for (const a of files) {
    let name = safeFilename(a.name);
    // names come from the server and are treated as hostile; two attachments with one name are both kept
    for (let i = 1; used.has(name); i++) name = safeFilename(a.name).replace(/(\.[^.]*)?$/, ` (${i})$1`);
    used.add(name);
    const file = await tickets.download(o.ref, a.id);
    // checked against what the ticket announced, or what the download announced, when the helpdesk says
    const expected = a.sha256 ?? file.sha256;
    if (expected !== undefined && createHash('sha256').update(file.data).digest('hex') !== expected) {
      throw new TixError(6, `${a.name}: the download does not match its checksum; nothing was saved, try again`, {
        code: 'checksum_mismatch',
      });
    }
    const path = join(o.output, name);
    try {
      writeFileSync(path, file.data, { flag: o.clobber ? 'w' : 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST')
        throw usageError(`${path} already exists; use --clobber to overwrite it, or --output DIR`);
      throw err;
    }
    o.io.out(`${path}\n`);
    o.io.err(`✓ ${name} (${humanSize(a.size)})\n`);
  }
}
