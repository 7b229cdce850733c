import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import type { TicketRef } from '../../api/types.ts';
import { parseRef } from '../../cli/args.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { t } from './messages.ts';

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  ref: TicketRef;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('unread')
    .description(t(l, 'unread.description'))
    .argument('<id>', t(l, 'arg.ref'))
    .action(async (id: string) => runF({ io: f.io, backend: () => f.backend('readState'), ref: parseRef(f.providerInfo(), id) }));
  return examples(cmd, ['tix ticket unread 42']);
}

export async function run(o: Options): Promise<void> {
  const backend = await o.backend();
  const messageId = await need(backend, 'readState').markUnread(o.ref);
  const ref = backend.provider.showRef(o.ref);
  const l = o.io.locale;
  o.io.err(messageId === null ? `${t(l, 'unread.nothing', { ref })}\n` : `✓ ${t(l, 'unread.done', { ref, message: messageId })}\n`);
}
