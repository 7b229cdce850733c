import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import type { TicketQuery, TicketRef } from '../../api/types.ts';
import { parseId, parseRef } from '../../cli/args.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import { usageError } from '../../core/errors.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { jsonFields, printJson, type JsonOption } from '../../io/output.ts';
import { addFilterOptions, queryFromFlags, type FilterFlags } from './filters.ts';
import { establishmentQuery } from './list.ts';
import { t } from './messages.ts';

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  /** one ticket, or every ticket matching `query` */
  target: { ref: TicketRef; messageId?: number } | { query: TicketQuery };
  json: JsonOption;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent.command('read').description(t(l, 'read.description')).argument('[id]', t(l, 'arg.ref'));
  addFilterOptions(cmd.option('--message <id>', t(l, 'read.message')).option('--all', t(l, 'read.all')), l)
    .option('--json [fields]', t(l, 'json', { fields: 'tickets, messages' }))
    .action(async (id: string | undefined, opts: FilterFlags & { message?: string; all?: boolean; json?: JsonOption }) => {
      const filtered = ['status', 'type', 'category', 'establishment', 'author', 'mine', 'search', 'since'].some(
        (k) => opts[k as keyof FilterFlags] !== undefined,
      );
      if (id !== undefined && opts.all) throw usageError(t.text('read.idAndAll'));
      if (id === undefined && !opts.all) throw usageError(t.text('read.idOrAll'));
      if (id !== undefined && filtered) throw usageError(t.text('read.filtersWithAll'));
      if (opts.all && opts.message) throw usageError(t.text('read.messageWithAll'));
      const info = f.providerInfo();
      const target =
        id !== undefined
          ? { ref: parseRef(info, id), messageId: opts.message === undefined ? undefined : parseId(opts.message, t.text('read.messageId')) }
          : { query: queryFromFlags(opts, info) };
      await runF({ io: f.io, backend: () => f.backend('readState'), target, json: opts.json });
    });
  return examples(cmd, [
    'tix ticket read 42',
    'tix ticket read 42 --message 317',
    'tix ticket read --all',
    'tix ticket read --all --establishment 81234567600025 --status resolved,closed',
  ]);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, ['tickets', 'messages']);
  const backend = await o.backend();
  const readState = need(backend, 'readState');
  const result =
    'ref' in o.target
      ? { tickets: 1, messages: await readState.markRead(o.target.ref, o.target.messageId) }
      : await readState.readAll(await establishmentQuery(backend, o.target.query));
  if (fields) return printJson(o.io, Object.fromEntries(fields.map((k) => [k, result[k as keyof typeof result]])));
  const l = o.io.locale;
  const messages = t(l, 'read.messages', { count: result.messages });
  o.io.err(
    `✓ ${
      'ref' in o.target
        ? t(l, 'read.doneOne', { ref: backend.provider.showRef(o.target.ref), messages })
        : t(l, 'read.doneAll', { messages, tickets: t(l, 'read.tickets', { count: result.tickets }) })
    }\n`,
  );
}
