import type { Command } from 'commander';
import type { Backend } from '../../api/backend.ts';
import { parseId } from '../../cli/args.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { StatusAction } from '../../core/status.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { jsonFields, pick, printJson, type JsonOption } from '../../io/output.ts';
import { TICKET_FIELDS } from './format.ts';

// resolve, close and reopen differ only in their verb: one file registers the three.

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  id: number;
  action: StatusAction;
  json: JsonOption;
}

const descriptions: Record<StatusAction, string> = {
  resolve: 'Mark a ticket resolved (it closes by itself after a while; a reply reopens it)',
  close: 'Close a ticket for good (support agents)',
  reopen: 'Reopen a resolved ticket (agents may also reopen a closed one)',
};

export function register(parent: Command, f: Factory, action: StatusAction, runF = run): Command {
  const cmd = parent
    .command(action)
    .description(descriptions[action])
    .argument('<id>', 'ticket number')
    .option('--json [fields]', `print the ticket as JSON (fields: ${TICKET_FIELDS.join(', ')})`)
    .action(async (id: string, opts: { json?: JsonOption }) =>
      runF({ io: f.io, backend: f.backend, id: parseId(id, 'ticket number'), action, json: opts.json }),
    );
  return examples(cmd, [`tix ticket ${action} 42`]);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, TICKET_FIELDS);
  const ticket = await (await o.backend()).changeStatus(o.id, o.action);
  if (fields) return printJson(o.io, pick(ticket, fields));
  o.io.err(`✓ #${ticket.id} is now ${ticket.status}\n`);
}
