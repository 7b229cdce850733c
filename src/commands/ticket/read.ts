import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import type { TicketQuery, TicketRef } from '../../api/types.ts';
import { parseId, parseRef } from '../../cli/args.ts';
import { usageError } from '../../core/errors.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { jsonFields, printJson, type JsonOption } from '../../io/output.ts';
import { addFilterOptions, queryFromFlags, type FilterFlags } from './filters.ts';

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  /** one ticket, or every ticket matching `query` */
  target: { ref: TicketRef; messageId?: number } | { query: TicketQuery };
  json: JsonOption;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('read')
    .description('Mark messages read: one ticket (up to a message), or every ticket matching filters with --all')
    .argument('[id]', 'ticket reference (a number on tix serve)');
  addFilterOptions(
    cmd
      .option('--message <id>', 'only up to this message (from ticket view --json)')
      .option('--all', 'every ticket with unread messages matching the filters'),
  )
    .option('--json [fields]', 'print JSON (fields: tickets, messages)')
    .action(async (id: string | undefined, opts: FilterFlags & { message?: string; all?: boolean; json?: JsonOption }) => {
      const filtered = ['status', 'type', 'category', 'establishment', 'author', 'mine', 'search', 'since'].some(
        (k) => opts[k as keyof FilterFlags] !== undefined,
      );
      if (id !== undefined && opts.all) throw usageError('give a ticket number or --all, not both');
      if (id === undefined && !opts.all) throw usageError('give a ticket number, or --all (with filters) to clear many tickets at once');
      if (id !== undefined && filtered) throw usageError('filters go with --all; for one ticket give only its number');
      if (opts.all && opts.message) throw usageError('--message goes with a ticket number, not --all');
      const info = f.providerInfo();
      const target =
        id !== undefined
          ? { ref: parseRef(info, id), messageId: opts.message === undefined ? undefined : parseId(opts.message, 'message id') }
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
      : await readState.readAll(o.target.query);
  if (fields) return printJson(o.io, Object.fromEntries(fields.map((k) => [k, result[k as keyof typeof result]])));
  o.io.err(
    'ref' in o.target
      ? `✓ ${backend.provider.showRef(o.target.ref)}: ${result.messages} message${result.messages === 1 ? '' : 's'} marked read\n`
      : `✓ ${result.messages} message${result.messages === 1 ? '' : 's'} marked read in ${result.tickets} ticket${result.tickets === 1 ? '' : 's'}\n`,
  );
}
