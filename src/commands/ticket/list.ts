import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import { usageError } from '../../core/errors.ts';
import type { Page, Ticket, TicketQuery } from '../../api/types.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { Env, IOStreams } from '../../io/iostreams.ts';
import { jsonFields, pick, printRows, type JsonOption } from '../../io/output.ts';
import { addFilterOptions, queryFromFlags, type FilterFlags } from './filters.ts';
import { ticketColumns, TICKET_FIELDS } from './format.ts';

export interface Options {
  io: IOStreams;
  env: Env;
  backend: () => Promise<Backend>;
  query: TicketQuery;
  limit: number;
  all: boolean;
  json: JsonOption;
  /** one compact JSON object per line (NDJSON), written page by page */
  ndjson?: JsonOption;
}

/** Tickets per request: a screenful, or the server's largest page when every ticket is wanted. */
const PAGE = 100;
const ALL_PAGE = 1000;

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent.command('list').alias('ls').description('List tickets, newest activity first, with filters');
  addFilterOptions(cmd)
    .option('--unread', 'only tickets with messages you have not read')
    .option('--limit <n>', 'at most this many tickets', '30')
    .option('--all', 'every matching ticket, fetched page by page')
    .option('--json [fields]', `print JSON (fields: ${TICKET_FIELDS.join(', ')})`)
    .option('--ndjson [fields]', 'print one JSON object per line, as pages arrive (same fields as --json)')
    .action(async (opts: FilterFlags & { unread?: boolean; limit: string; all?: boolean; json?: JsonOption; ndjson?: JsonOption }) => {
      const query = queryFromFlags(opts, f.providerInfo());
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw usageError(`--limit: expected a positive number, got "${opts.limit}"`);
      if (opts.json !== undefined && opts.ndjson !== undefined) throw usageError('--json and --ndjson: give one of them');
      await runF({
        io: f.io,
        env: f.env,
        backend: () => f.backend('tickets', ...(opts.unread ? (['readState'] as const) : [])),
        query: { ...query, unread: opts.unread },
        limit,
        all: Boolean(opts.all),
        json: opts.json,
        ndjson: opts.ndjson,
      });
    });
  return examples(cmd, [
    'tix ticket list',
    'tix ticket list --status open,answered --mine',
    'tix ticket list --search "cloture paie" --since 30d',
    'tix ticket list --establishment 81234567600025 --type incident --json id,status,summary',
    'tix ticket list --all | cut -f1,2',
    "tix ticket list --all --ndjson id,status,unread | jq -c 'select(.unread > 0)'",
  ]);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, TICKET_FIELDS);
  const lineFields = jsonFields(o.ndjson, TICKET_FIELDS);
  const backend = await o.backend();
  const tickets = need(backend, 'tickets');
  if (o.query.unread) need(backend, 'readState');
  const wanted = o.all ? Number.POSITIVE_INFINITY : o.limit;
  const columns = ticketColumns(o.io, o.env, backend.provider);
  const streaming = !o.io.isStdoutTTY || fields !== undefined || lineFields !== undefined;
  const kept: Ticket[] = [];
  let printed = 0;
  const pageSize = o.all ? ALL_PAGE : PAGE;
  const ask = (remaining: number, cursor?: string): Promise<Page<Ticket>> =>
    tickets.list({ ...o.query, limit: Math.min(pageSize, remaining), cursor });
  let cut: Page<Ticket>['cut'];
  if (fields) o.io.out('[');
  // Pages are printed as they arrive when piped or as JSON, so `--all` over thousands of tickets starts
  // answering at once and holds one page in memory; the next page is already asked for while one is printed.
  let next: Promise<Page<Ticket>> | undefined = ask(wanted);
  let more = false;
  while (next) {
    const page: Page<Ticket> = await next;
    const items = page.items.slice(0, wanted - printed);
    more = Boolean(page.nextCursor);
    cut = page.cut;
    const remaining = wanted - printed - items.length;
    next = page.nextCursor && remaining > 0 ? ask(remaining, page.nextCursor) : undefined;
    if (lineFields) {
      let text = '';
      for (const t of items) text += `${JSON.stringify(pick(t, lineFields))}\n`;
      o.io.out(text);
      printed += items.length;
    } else if (fields) {
      let text = '';
      for (const t of items) text += `${printed++ === 0 ? '\n' : ',\n'}${JSON.stringify(pick(t, fields), null, 2).replace(/^/gm, '  ')}`;
      o.io.out(text);
    } else if (streaming) {
      await printRows(o.io, items, columns);
      printed += items.length;
    } else {
      kept.push(...items);
      printed += items.length;
      if (o.all && page.nextCursor && o.io.isStderrTTY) o.io.err(`\rfetched ${printed} tickets…`);
    }
    if (o.io.stdout.writableNeedDrain) await new Promise((resolve) => o.io.stdout.once('drain', resolve));
  }
  // the helpdesk stopped before the matches did: said on stderr, for people and (as a JSON line) for tools
  const stoppedShort = cut && !more && printed < wanted ? cut : undefined;
  if (fields) {
    o.io.out(printed ? '\n]\n' : ']\n');
    if (stoppedShort) warnCut(o.io, backend, stoppedShort);
    return;
  }
  if (!streaming) {
    if (o.all && o.io.isStderrTTY) o.io.err('\r\u001b[K');
    if (kept.length === 0) return o.io.err('No tickets match.\n');
    await printRows(o.io, kept, columns);
    if (more && !o.all) o.io.err(`Showing the ${kept.length} most recent; more with --limit N or --all\n`);
  }
  if (stoppedShort) warnCut(o.io, backend, stoppedShort);
}

function warnCut(io: IOStreams, backend: Backend, cut: NonNullable<Page<Ticket>['cut']>): void {
  const message = `${cut.total} tickets match, but ${backend.provider.displayName} lets a search reach only the first ${cut.reachable}: narrow it down (more words, --status, --since)`;
  io.err(`! ${message}\n`);
  if (!io.isStderrTTY)
    io.err(`${JSON.stringify({ warning: { code: 'search_cut', message, total: cut.total, reachable: cut.reachable } })}\n`);
}
