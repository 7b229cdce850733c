import { Option, type Command } from 'commander';
import { type Backend, need, type TicketsApi } from '../api/backend.ts';
import { usageError } from '../core/errors.ts';
import { labelled } from '../core/i18n.ts';
import type { InboxGroup, InboxGrouping, InboxSummary, Ticket } from '../api/types.ts';
import { completeWith, words } from '../cli/completion/hints.ts';
import type { Factory } from '../cli/factory.ts';
import { examples } from '../cli/help-text.ts';
import type { Env, IOStreams } from '../io/iostreams.ts';
import { drained, flushed, indentedJson, jsonFields, pick, printRows, type Column, type JsonOption } from '../io/output.ts';
import { ticketColumns, TICKET_FIELDS } from './ticket/format.ts';
import { t } from './ticket/messages.ts';
import { STREAM_PAGE, ticketPages } from './ticket/pages.ts';

export type GroupBy = InboxGrouping;

export interface Options {
  io: IOStreams;
  env: Env;
  backend: () => Promise<Backend>;
  by?: GroupBy;
  /** `--json` (every ticket field) or `--json id,status` (those fields of each ticket in `items`) */
  json: JsonOption;
  /** tickets shown, in all or per group; undefined: the server's default (30, or 10 per group) */
  limit?: number;
  /** every ticket with unread messages, page after page */
  all: boolean;
}

/** The most `--limit` asks for: the server's largest page (`--all` reads the rest in pages of STREAM_PAGE). */
const PAGE = 1000;

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('inbox')
    .description(t(l, 'inbox.description'))
    .addOption(completeWith(new Option('--by <group>', t(l, 'inbox.by')), words(['establishment', 'type'])))
    .option('--limit <n>', t(l, 'inbox.limit'))
    .option('--all', t(l, 'inbox.all'))
    .option('--json [fields]', t(l, 'inbox.json', { fields: TICKET_FIELDS.join(', ') }))
    .action(async (opts: { by?: string; json?: JsonOption; limit?: string; all?: boolean }) => {
      if (opts.by !== undefined && opts.by !== 'establishment' && opts.by !== 'type')
        throw usageError(t.text('inbox.badBy', { value: opts.by }));
      const limit = opts.limit === undefined ? undefined : Number(opts.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > PAGE))
        throw usageError(t.text('inbox.badLimit', { max: PAGE, value: String(opts.limit) }));
      // an unknown field is refused before anything is asked of the server
      jsonFields(opts.json, TICKET_FIELDS);
      await runF({
        io: f.io,
        env: f.env,
        backend: () => f.backend('tickets', 'readState'),
        by: opts.by as GroupBy | undefined,
        json: opts.json,
        limit,
        all: Boolean(opts.all),
      });
    });
  return examples(cmd, [
    'tix inbox',
    'tix inbox --by establishment',
    'tix inbox --json | jq .total.messages',
    'tix inbox --json id,summary,unread',
    'tix inbox --all | cut -f1',
  ]);
}

/** A group of the inbox as the command walks it; ungrouped, the whole inbox is one group without a key. */
interface Section {
  group?: InboxGroup;
  items: Ticket[];
  nextCursor: string | null;
}

function sections(inbox: InboxSummary): Section[] {
  if (!inbox.groups) return [{ items: inbox.items, nextCursor: inbox.nextCursor }];
  return inbox.groups.map((g) => ({ group: g, items: g.items, nextCursor: g.nextCursor }));
}

/**
 * The tickets of a section, page by page: the ones the inbox answer holds, then, with `all`, the rest from the
 * ticket list (same filters, the cursor the server gave). The next pages are asked for while one is printed.
 */
async function* pages(tickets: TicketsApi, by: GroupBy | undefined, section: Section, all: boolean): AsyncGenerator<Ticket[]> {
  const filter = section.group ? (by === 'establishment' ? { establishment: section.group.key } : { type: section.group.key }) : {};
  const rest =
    all && section.nextCursor
      ? ticketPages(
          tickets,
          { ...filter, unread: true },
          { wanted: Number.POSITIVE_INFINITY, pageSize: STREAM_PAGE, cursor: section.nextCursor },
        )
      : undefined;
  const first = rest?.next();
  first?.catch(() => {});
  yield section.items;
  if (!rest || !first) return;
  for (let page = await first; !page.done; page = await rest.next()) yield page.value.items;
}

export async function run(o: Options): Promise<void> {
  const backend = await o.backend();
  const tickets = need(backend, 'tickets');
  // one request: the counts (computed by the helpdesk) and the newest tickets of each group
  const inbox = await need(backend, 'readState').inbox({ by: o.by, limit: o.limit });
  const fields = jsonFields(o.json, TICKET_FIELDS);
  if (fields) return printInboxJson(o, tickets, inbox, fields);
  const l = o.io.locale;
  const counts = (tickets: number, messages: number) =>
    t(l, 'inbox.counts', { tickets: t(l, 'inbox.tickets', { count: tickets }), messages: t(l, 'inbox.messages', { count: messages }) });
  // the ticket list's columns (id, status, type, summary, establishment, creator, updated), with the unread count second
  const [id, status, type, summary, establishment, , updated] = ticketColumns(o.io, backend.provider);
  const unread: Column<Ticket> = { header: t(l, 'column.unread'), value: (x) => String(x.unread), style: (s) => o.io.colors.yellow(s) };
  const named = { id, unread, status, type, summary, establishment, updated } as Record<string, Column<Ticket>>;
  // grouped, the group's own column would repeat the group's name (or SIRET) on every row
  const columns = Object.entries(named)
    .filter(([name]) => name !== o.by)
    .map(([, c]) => c);
  let shown = 0;
  let hidden = 0;
  if (!o.io.isStdoutTTY) {
    // piped: one row per ticket, the group key first when grouped, printed page by page
    for (const section of sections(inbox)) {
      const cols = section.group ? [{ header: 'group', value: () => section.group!.key }, ...columns] : columns;
      for await (const items of pages(tickets, o.by, section, o.all)) {
        await printRows(o.io, items, cols);
        await drained(o.io);
      }
    }
    return;
  }
  if (inbox.total.tickets === 0) return o.io.err(`${t(l, 'inbox.zero')}\n`);
  const bold = o.io.colors.bold;
  o.io.out(`${labelled(l, bold(t(l, 'inbox.title')), counts(inbox.total.tickets, inbox.total.messages))}\n`);
  for (const section of sections(inbox)) {
    const g = section.group;
    o.io.out(
      g ? `\n${labelled(l, `${bold(g.name)}${o.by === 'establishment' ? ` (${g.key})` : ''}`, counts(g.tickets, g.messages))}\n` : '\n',
    );
    // a table lines its columns up over all its rows: on a terminal the section is printed at once
    const rows: Ticket[] = [];
    for await (const items of pages(tickets, o.by, section, o.all)) rows.push(...items);
    await printRows(o.io, rows, columns);
    shown += rows.length;
    hidden += (g?.tickets ?? inbox.total.tickets) - rows.length;
  }
  if (hidden > 0) o.io.err(`${t(l, 'inbox.more', { shown, total: inbox.total.tickets })}\n`);
}

/**
 * `{ total, items, groups: [{ key, name, tickets, messages, ids }] }`: the tickets shown (every one with `--all`),
 * group after group, each with the fields asked for. Written as it arrives, so `--all` holds one page of tickets
 * in memory (and the ids).
 */
async function printInboxJson(o: Options, tickets: TicketsApi, inbox: InboxSummary, fields: string[]): Promise<void> {
  o.io.out(`{\n  "total": ${JSON.stringify(inbox.total)},\n  "items": [`);
  let first = true;
  const groups: Array<Omit<InboxGroup, 'items' | 'nextCursor'> & { ids: Array<Ticket['id']> }> = [];
  for (const section of sections(inbox)) {
    const ids: Array<Ticket['id']> = [];
    for await (const items of pages(tickets, o.by, section, o.all)) {
      let text = '';
      for (const t of items) {
        text = flushed(o.io, `${text}${first ? '\n' : ',\n'}${indentedJson(pick(t, fields), '    ')}`);
        first = false;
        ids.push(t.id);
      }
      o.io.out(text);
      await drained(o.io);
    }
    const g = section.group;
    if (g) groups.push({ key: g.key, name: g.name, tickets: g.tickets, messages: g.messages, ids });
  }
  o.io.out(first ? ']' : '\n  ]');
  if (inbox.groups) o.io.out(`,\n  "groups": ${JSON.stringify(groups, null, 2).replace(/\n/g, '\n  ')}`);
  o.io.out('\n}\n');
}
