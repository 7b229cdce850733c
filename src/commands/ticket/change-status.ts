import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import type { TicketRef } from '../../api/types.ts';
import { parseRef } from '../../cli/args.ts';
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
  ref: TicketRef;
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
    .argument('<id>', 'ticket reference (a number on tix serve)')
    .option('--json [fields]', `print the ticket as JSON (fields: ${TICKET_FIELDS.join(', ')})`)
    .action(async (id: string, opts: { json?: JsonOption }) =>
      runF({ io: f.io, backend: () => f.backend('tickets'), ref: parseRef(f.providerInfo(), id), action, json: opts.json }),
    );
  return examples(cmd, [`tix ticket ${action} 42`]);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, TICKET_FIELDS);
  const backend = await o.backend();
  const ticket = await need(backend, 'tickets').changeStatus(o.ref, o.action);
  if (fields) return printJson(o.io, pick(ticket, fields));
  o.io.err(`✓ ${backend.provider.showRef(ticket.ref)} is now ${ticket.status}\n`);
}
