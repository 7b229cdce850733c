import { Option, type Command } from 'commander';
import { type Backend, need } from '../api/backend.ts';
import { usageError } from '../core/errors.ts';
import type { Ticket } from '../api/types.ts';
import { completeWith, words } from '../cli/completion/hints.ts';
import type { Factory } from '../cli/factory.ts';
import { examples } from '../cli/help-text.ts';
import type { Env, IOStreams } from '../io/iostreams.ts';
import { printJson, printRows, type Column } from '../io/output.ts';
import { style, ticketColumns } from './ticket/format.ts';

export type GroupBy = 'establishment' | 'type';

export interface Options {
  io: IOStreams;
  env: Env;
  backend: () => Promise<Backend>;
  by?: GroupBy;
  json: boolean;
}

export interface InboxGroup {
  key: string;
  name: string;
  tickets: number;
  messages: number;
  /** the tickets' ids, as in items */
  ids: Array<Ticket['id']>;
}

export interface Inbox {
  total: { tickets: number; messages: number };
  items: Ticket[];
  groups?: InboxGroup[];
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('inbox')
    .description('Tickets with messages you have not read, newest first, with counts (grouped with --by)')
    .addOption(completeWith(new Option('--by <group>', 'group by establishment or type'), words(['establishment', 'type'])))
    .option('--json', 'print JSON: { total, items, groups }')
    .action(async (opts: { by?: string; json?: boolean }) => {
      if (opts.by !== undefined && opts.by !== 'establishment' && opts.by !== 'type')
        throw usageError(`--by: expected establishment or type, got "${opts.by}"`);
      await runF({
        io: f.io,
        env: f.env,
        backend: () => f.backend('tickets', 'readState'),
        by: opts.by as GroupBy | undefined,
        json: Boolean(opts.json),
      });
    });
  return examples(cmd, ['tix inbox', 'tix inbox --by establishment', 'tix inbox --json | jq .total.messages']);
}

/** Every ticket holding unread messages (all pages), grouped and counted. */
export async function loadInbox(backend: Backend, by?: GroupBy): Promise<Inbox> {
  const tickets = need(backend, 'tickets');
  need(backend, 'readState');
  const items: Ticket[] = [];
  let cursor: string | undefined;
  do {
    const page = await tickets.list({ unread: true, limit: 100, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const inbox: Inbox = { total: { tickets: items.length, messages: items.reduce((n, t) => n + t.unread, 0) }, items };
  if (by) {
    const groups = new Map<string, InboxGroup>();
    for (const t of items) {
      const [key, name] = by === 'establishment' ? [t.establishment?.siret ?? '', t.establishment?.name ?? ''] : [t.type, t.type];
      const g = groups.get(key) ?? { key, name, tickets: 0, messages: 0, ids: [] };
      g.tickets += 1;
      g.messages += t.unread;
      g.ids.push(t.id);
      groups.set(key, g);
    }
    // busiest group first
    inbox.groups = [...groups.values()].sort((a, b) => b.messages - a.messages || a.name.localeCompare(b.name));
  }
  return inbox;
}

export async function run(o: Options): Promise<void> {
  const backend = await o.backend();
  const inbox = await loadInbox(backend, o.by);
  if (o.json) return printJson(o.io, inbox);
  const counts = (tickets: number, messages: number) =>
    `${tickets} ticket${tickets === 1 ? '' : 's'}, ${messages} unread message${messages === 1 ? '' : 's'}`;
  // the ticket list's columns, with the unread count second
  const list = ticketColumns(o.io, o.env, backend.provider);
  const col = (header: string) => list.find((c) => c.header === header)!;
  const columns: Column<Ticket>[] = [
    col('id'),
    { header: 'unread', value: (t) => String(t.unread), style: (s) => style.yellow(s) },
    ...['status', 'type', 'summary', 'establishment', 'updated'].map(col),
  ];
  if (!o.io.isStdoutTTY) {
    // piped: one row per ticket, the group key first when grouped
    const byId = new Map(inbox.items.map((t) => [t.id, t]));
    if (!inbox.groups) return printRows(o.io, inbox.items, columns);
    for (const g of inbox.groups)
      await printRows(
        o.io,
        g.ids.map((id) => byId.get(id)!),
        [{ header: 'group', value: () => g.key }, ...columns],
      );
    return;
  }
  if (inbox.total.tickets === 0) return o.io.err('Inbox zero: no unread messages.\n');
  const bold = o.io.color ? style.bold : (s: string) => s;
  o.io.out(`${bold('Inbox')}: ${counts(inbox.total.tickets, inbox.total.messages)}\n`);
  if (!inbox.groups) {
    o.io.out('\n');
    return printRows(o.io, inbox.items, columns);
  }
  const byId = new Map(inbox.items.map((t) => [t.id, t]));
  for (const g of inbox.groups) {
    o.io.out(`\n${bold(g.name)}${o.by === 'establishment' ? ` (${g.key})` : ''}: ${counts(g.tickets, g.messages)}\n`);
    await printRows(
      o.io,
      g.ids.map((id) => byId.get(id)!),
      columns.filter((c) => c.header !== o.by),
    );
  }
}
