import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import type { TicketRef } from '../../api/types.ts';
import { parseRef } from '../../cli/args.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import { ExitCode, TixError, usageError } from '../../core/errors.ts';
import { safeFilename } from '../../core/filenames.ts';
import { formatBytes } from '../../core/i18n.ts';
import { makeDirectory } from '../../io/files.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { t } from './messages.ts';

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  ref: TicketRef;
  output: string;
  clobber: boolean;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('download')
    .description(t(l, 'download.description'))
    .argument('<id>', t(l, 'arg.ref'))
    .option('--output <dir>', t(l, 'download.output'), '.')
    .option('--clobber', t(l, 'download.clobber'))
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
  const l = o.io.locale;
  if (files.length === 0) return o.io.err(`${t(l, 'download.none', { ref: backend.provider.showRef(o.ref) })}\n`);
  makeDirectory(o.output, '--output');
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
      throw new TixError(ExitCode.transient, t.text('download.checksum', { name: a.name }), { code: 'checksum_mismatch' });
    }
    const path = join(o.output, name);
    try {
      writeFileSync(path, file.data, { flag: o.clobber ? 'w' : 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw usageError(t.text('download.exists', { path }));
      throw err;
    }
    o.io.out(`${path}\n`);
    o.io.err(`✓ ${name} (${formatBytes(l, a.size)})\n`);
  }
}
