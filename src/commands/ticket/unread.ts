import type { Command } from 'commander';
import type { Backend } from '../../api/backend.ts';
import { parseId } from '../../cli/args.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { IOStreams } from '../../io/iostreams.ts';

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  id: number;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('unread')
    .description('Mark the latest message from someone else unread again, to come back to it')
    .argument('<id>', 'ticket number')
    .action(async (id: string) => runF({ io: f.io, backend: f.backend, id: parseId(id, 'ticket number') }));
  return examples(cmd, ['tix ticket unread 42']);
}

export async function run(o: Options): Promise<void> {
  const messageId = await (await o.backend()).markUnread(o.id);
  o.io.err(
    messageId === null
      ? `#${o.id} has no message from someone else to mark unread\n`
      : `✓ #${o.id}: message ${messageId} is unread again\n`,
  );
}
