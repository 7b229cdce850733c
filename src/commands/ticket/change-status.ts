import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import type { TicketRef } from '../../api/types.ts';
import { parseRef } from '../../cli/args.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { StatusAction } from '../../core/status.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { jsonFields, pick, printJson, type JsonOption } from '../../io/output.ts';
import { statusText, TICKET_FIELDS } from './format.ts';
import { t } from './messages.ts';

// resolve, close and reopen differ only in their verb: one file registers the three.

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  ref: TicketRef;
  action: StatusAction;
  json: JsonOption;
}

export function register(parent: Command, f: Factory, action: StatusAction, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command(action)
    .description(t(l, `status.${action}`))
    .argument('<id>', t(l, 'arg.ref'))
    .option('--json [fields]', t(l, 'json.ticket', { fields: TICKET_FIELDS.join(', ') }))
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
  o.io.err(
    `✓ ${t(o.io.locale, 'status.done', { ref: backend.provider.showRef(ticket.ref), status: statusText(o.io, backend.provider, ticket) })}\n`,
  );
}
