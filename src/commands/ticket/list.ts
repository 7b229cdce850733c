import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import type { Ticket, TicketQuery } from '../../api/types.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import { usageError } from '../../core/errors.ts';
import { normalizeDigits } from '../../core/identifiers.ts';
import { problemText } from '../../core/messages.ts';
import { ERASE_LINE } from '../../io/color.ts';
import type { Env, IOStreams } from '../../io/iostreams.ts';
import { jsonFields, pick, printRows, type JsonOption } from '../../io/output.ts';
import { addFilterOptions, findEstablishment, queryFromFlags, type FilterFlags } from './filters.ts';
import { ticketColumns, TICKET_FIELDS } from './format.ts';
import { t } from './messages.ts';

export interface Options {
  io: IOStreams;
  env: Env;
  backend: () => Promise<Backend>;
  query: TicketQuery;
  limit: number;
  all: boolean;
  json: JsonOption;
}

const PAGE = 100;

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent.command('list').alias('ls').description(t(l, 'list.description'));
  addFilterOptions(cmd, l)
    .option('--unread', t(l, 'list.unread'))
    .option('--limit <n>', t(l, 'list.limit'), '30')
    .option('--all', t(l, 'list.all'))
    .option('--json [fields]', t(l, 'json', { fields: TICKET_FIELDS.join(', ') }))
    .action(async (opts: FilterFlags & { unread?: boolean; limit: string; all?: boolean; json?: JsonOption }) => {
      const query = queryFromFlags(opts, f.providerInfo());
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw usageError(t.text('list.badLimit', { value: opts.limit }));
      await runF({
        io: f.io,
        env: f.env,
        backend: () => f.backend('tickets', ...(opts.unread ? (['readState'] as const) : [])),
        query: { ...query, unread: opts.unread },
        limit,
        all: Boolean(opts.all),
        json: opts.json,
      });
    });
  return examples(cmd, [
    'tix ticket list',
    'tix ticket list --status open,answered --mine',
    'tix ticket list --search "cloture paie" --since 30d',
    'tix ticket list --establishment Lille --type incident --json id,status,summary',
    'tix ticket list --all | cut -f1,2',
  ]);
}

/**
 * `--establishment` by name ("Lille"): the one of the user's establishments it names, asked of the helpdesk
 * once; a SIRET goes as it is.
 */
export async function establishmentQuery(backend: Backend, query: TicketQuery): Promise<TicketQuery> {
  const given = query.establishment;
  if (given === undefined || /^\d+$/.test(normalizeDigits(given))) return query;
  const found = findEstablishment((await backend.me()).establishments, given);
  if ('problem' in found) throw usageError((l) => `${found.problem.field}: ${problemText(found.problem, l)}`, { fields: [found.problem] });
  return { ...query, establishment: found.establishment.siret };
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, TICKET_FIELDS);
  const backend = await o.backend();
  const tickets = need(backend, 'tickets');
  if (o.query.unread) need(backend, 'readState');
  const query = await establishmentQuery(backend, o.query);
  const wanted = o.all ? Number.POSITIVE_INFINITY : o.limit;
  const columns = ticketColumns(o.io, backend.provider);
  const streaming = !o.io.isStdoutTTY || fields !== undefined;
  const kept: Ticket[] = [];
  let printed = 0;
  let cursor: string | undefined;
  // JSON opens once the first page has come: an error before it (a revoked token) leaves stdout empty, and
  // one after it closes the array, so stdout always holds valid JSON
  let opened = false;
  try {
    // Pages are printed as they arrive when piped or as JSON, so `--all` over thousands of tickets starts
    // answering at once and holds one page in memory.
    do {
      const page = await tickets.list({ ...query, limit: Math.min(PAGE, wanted - printed), cursor });
      const items = page.items.slice(0, wanted - printed);
      if (fields) {
        let text = opened ? '' : '[';
        opened = true;
        for (const x of items) text += `${printed++ === 0 ? '\n' : ',\n'}${JSON.stringify(pick(x, fields), null, 2).replace(/^/gm, '  ')}`;
        o.io.out(text);
      } else if (streaming) {
        await printRows(o.io, items, columns);
        printed += items.length;
      } else {
        kept.push(...items);
        printed += items.length;
        if (o.all && page.nextCursor && o.io.isStderrTTY) o.io.err(`\r${t(o.io.locale, 'list.fetched', { count: printed })}`);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor && printed < wanted);
  } finally {
    if (opened) o.io.out(printed ? '\n]\n' : ']\n');
    if (!streaming && o.all && o.io.isStderrTTY) o.io.err(ERASE_LINE);
  }
  if (!streaming) {
    if (kept.length === 0) return o.io.err(`${t(o.io.locale, 'list.none')}\n`);
    await printRows(o.io, kept, columns);
    if (cursor && !o.all) o.io.err(`${t(o.io.locale, 'list.more', { count: kept.length })}\n`);
  }
}
