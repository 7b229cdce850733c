import type { Command } from 'commander';
import { labelled } from '../../core/i18n.ts';
import { type Backend, need } from '../../api/backend.ts';
import type { Page, Ticket, TicketQuery } from '../../api/types.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import { usageError } from '../../core/errors.ts';
import { normalizeDigits } from '../../core/identifiers.ts';
import { problemText } from '../../core/messages.ts';
import { ERASE_LINE } from '../../io/color.ts';
import type { Env, IOStreams } from '../../io/iostreams.ts';
import { drained, flushed, indentedJson, jsonFields, pick, printRows, type JsonOption } from '../../io/output.ts';
import { addFilterOptions, findEstablishment, queryFromFlags, type FilterFlags } from './filters.ts';
import { ticketColumns, TICKET_FIELDS } from './format.ts';
import { t } from './messages.ts';
import { STREAM_PAGE, ticketPages } from './pages.ts';

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

/** Tickets per request for a screenful (STREAM_PAGE when every ticket is wanted). */
const PAGE = 100;

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent.command('list').alias('ls').description(t(l, 'list.description'));
  addFilterOptions(cmd, l)
    .option('--unread', t(l, 'list.unread'))
    .option('--limit <n>', t(l, 'list.limit'), '30')
    .option('--all', t(l, 'list.all'))
    .option('--json [fields]', t(l, 'json', { fields: TICKET_FIELDS.join(', ') }))
    .option('--ndjson [fields]', t(l, 'list.ndjson'))
    .action(async (opts: FilterFlags & { unread?: boolean; limit: string; all?: boolean; json?: JsonOption; ndjson?: JsonOption }) => {
      const query = queryFromFlags(opts, f.providerInfo());
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw usageError(t.text('list.badLimit', { value: opts.limit }));
      if (opts.json !== undefined && opts.ndjson !== undefined) throw usageError(t.text('list.jsonOrNdjson'));
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
    'tix ticket list --establishment Lille --type incident --json id,status,summary',
    'tix ticket list --all | cut -f1,2',
    "tix ticket list --all --ndjson id,status,unread | jq -c 'select(.unread > 0)'",
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
  if ('problem' in found)
    throw usageError((l) => labelled(l, found.problem.field, problemText(found.problem, l)), { fields: [found.problem] });
  return { ...query, establishment: found.establishment.siret };
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, TICKET_FIELDS);
  const lineFields = jsonFields(o.ndjson, TICKET_FIELDS);
  const backend = await o.backend();
  const tickets = need(backend, 'tickets');
  if (o.query.unread) need(backend, 'readState');
  const query = await establishmentQuery(backend, o.query);
  const wanted = o.all ? Number.POSITIVE_INFINITY : o.limit;
  const columns = ticketColumns(o.io, backend.provider);
  const streaming = !o.io.isStdoutTTY || fields !== undefined || lineFields !== undefined;
  const kept: Ticket[] = [];
  let printed = 0;
  let cut: Page<Ticket>['cut'];
  let more = false;
  // JSON opens once the first page has come: an error before it (a revoked token) leaves stdout empty, and
  // one after it closes the array, so stdout always holds valid JSON
  let opened = false;
  // Pages are printed as they arrive when piped or as JSON, so `--all` over thousands of tickets starts
  // answering at once and holds a few pages in memory, whatever the listing's length.
  try {
    for await (const page of ticketPages(tickets, query, { wanted, pageSize: o.all ? STREAM_PAGE : PAGE })) {
      const items = page.items.slice(0, wanted - printed);
      more = Boolean(page.nextCursor);
      cut = page.cut;
      if (lineFields) {
        let text = '';
        for (const x of items) text = flushed(o.io, `${text}${JSON.stringify(pick(x, lineFields))}\n`);
        o.io.out(text);
        printed += items.length;
      } else if (fields) {
        let text = opened ? '' : '[';
        opened = true;
        for (const x of items) text = flushed(o.io, `${text}${printed++ === 0 ? '\n' : ',\n'}${indentedJson(pick(x, fields), '  ')}`);
        o.io.out(text);
      } else if (streaming) {
        await printRows(o.io, items, columns);
        printed += items.length;
      } else {
        kept.push(...items);
        printed += items.length;
        if (o.all && page.nextCursor && o.io.isStderrTTY) o.io.err(`\r${t(o.io.locale, 'list.fetched', { count: printed })}`);
      }
      await drained(o.io);
    }
  } finally {
    if (opened) o.io.out(printed ? '\n]\n' : ']\n');
    if (!streaming && o.all && o.io.isStderrTTY) o.io.err(ERASE_LINE);
  }
  // the helpdesk stopped before the matches did: said on stderr, for people and (as a JSON line) for tools
  const stoppedShort = cut && !more && printed < wanted ? cut : undefined;
  if (fields) {
    if (stoppedShort) warnCut(o.io, backend, stoppedShort);
    return;
  }
  if (!streaming) {
    if (kept.length === 0) return o.io.err(`${t(o.io.locale, 'list.none')}\n`);
    await printRows(o.io, kept, columns);
    if (more && !o.all) o.io.err(`${t(o.io.locale, 'list.more', { count: kept.length })}\n`);
  }
  if (stoppedShort) warnCut(o.io, backend, stoppedShort);
}

function warnCut(io: IOStreams, backend: Backend, cut: NonNullable<Page<Ticket>['cut']>): void {
  const params = { total: cut.total, provider: backend.provider.displayName, reachable: cut.reachable };
  io.err(`! ${t(io.locale, 'list.cut', params)}\n`);
  // the JSON line is for programs: its message stays in English
  if (!io.isStderrTTY)
    io.err(
      `${JSON.stringify({ warning: { code: 'search_cut', message: t('en', 'list.cut', params), total: cut.total, reachable: cut.reachable } })}\n`,
    );
}
