import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import type { TicketRef } from '../../api/types.ts';
import { parseRef } from '../../cli/args.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { IOStreams } from '../../io/iostreams.ts';

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  ref: TicketRef;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('unread')
    .description('Mark the latest message from someone else unread again, to come back to it')
    .argument('<id>', 'ticket reference (a number on tix serve)')
    .action(async (id: string) => runF({ io: f.io, backend: () => f.backend('readState'), ref: parseRef(f.providerInfo(), id) }));
  return examples(cmd, ['tix ticket unread 42']);
}

export async function run(o: Options): Promise<void> {
  const backend = await o.backend();
  const messageId = await need(backend, 'readState').markUnread(o.ref);
  const shown = backend.provider.showRef(o.ref);
  o.io.err(
    messageId === null
      ? `${shown} has no message from someone else to mark unread\n`
      : `✓ ${shown}: message ${messageId} is unread again\n`,
  );
}
