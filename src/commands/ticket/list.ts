import type { Command } from 'commander';
import type { Backend } from '../../api/backend.ts';
import { usageError } from '../../api/errors.ts';
import type { Ticket, TicketQuery } from '../../api/types.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import { parseDuration } from '../../core/duration.ts';
import { statuses, type Status } from '../../core/status.ts';
import type { Env, IOStreams } from '../../io/iostreams.ts';
import { jsonFields, pick, printRows, type JsonOption } from '../../io/output.ts';
import { ticketColumns, TICKET_FIELDS } from './format.ts';

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
  const cmd = parent
    .command('list')
    .alias('ls')
    .description('List tickets, newest activity first, with filters')
    .option('--status <status...>', `only these statuses (${statuses.join(', ')}); repeat or separate with commas`)
    .option('--type <type>', 'only this request type')
    .option('--category <category>', 'only this category')
    .option('--establishment <siret>', 'only this establishment')
    .option('--author <email>', 'only tickets opened by this person')
    .option('--mine', 'only tickets you opened')
    .option('--search <words>', 'keywords in summaries and messages (accents ignored)')
    .option('--unread', 'only tickets with messages you have not read')
    .option('--since <date>', 'activity since a date (YYYY-MM-DD, RFC 3339) or a duration ago (7d, 12h)')
    .option('--limit <n>', 'at most this many tickets', '30')
    .option('--all', 'every matching ticket, fetched page by page')
    .option('--json [fields]', `print JSON (fields: ${TICKET_FIELDS.join(', ')})`)
    .action(async (opts: { status?: string[]; type?: string; category?: string; establishment?: string; author?: string; mine?: boolean; search?: string; unread?: boolean; since?: string; limit: string; all?: boolean; json?: JsonOption }) => {
      if (opts.author && opts.mine) throw usageError('--author and --mine cannot be combined');
      const status = opts.status?.flatMap((s) => s.split(',')).map((s) => s.trim().toLowerCase()).filter(Boolean);
      const unknown = status?.filter((s) => !(statuses as readonly string[]).includes(s)) ?? [];
      if (unknown.length) throw usageError(`--status: unknown ${unknown.join(', ')}; one of ${statuses.join(', ')}`);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw usageError(`--limit: expected a positive number, got "${opts.limit}"`);
      await runF({
        io: f.io,
        env: f.env,
        backend: f.backend,
        query: { status: status as Status[] | undefined, type: opts.type, category: opts.category, establishment: opts.establishment, author: opts.author, mine: opts.mine, search: opts.search, unread: opts.unread, since: opts.since === undefined ? undefined : parseSince(opts.since) },
        limit,
        all: Boolean(opts.all),
        json: opts.json,
      });
    });
  return examples(cmd, [
    'tix ticket list',
    'tix ticket list --status open,answered --mine',
    'tix ticket list --search "cloture paie" --since 30d',
    'tix ticket list --establishment 81234567600025 --type incident --json id,status,summary',
    'tix ticket list --all | cut -f1,2',
  ]);
}

/** "7d" is seven days ago; dates and times pass through for the server to check. */
export function parseSince(text: string, now = Date.now()): string {
  const ms = /^\d+(\.\d+)?\s*[smhdwy]$/i.test(text.trim()) ? parseDuration(text) : undefined;
  if (ms !== undefined) return new Date(now - ms).toISOString();
  if (Number.isNaN(Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text))) {
    throw usageError(`--since: expected a date (2026-11-01), a time (2026-11-01T09:00:00Z) or a duration ago (7d), got "${text}"`);
  }
  return text;
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, TICKET_FIELDS);
  const backend = await o.backend();
  const wanted = o.all ? Number.POSITIVE_INFINITY : o.limit;
  const columns = ticketColumns(o.io, o.env);
  const streaming = !o.io.isStdoutTTY || fields !== undefined;
  const kept: Ticket[] = [];
  let printed = 0;
  let cursor: string | undefined;
  if (fields) o.io.out('[');
  // Pages are printed as they arrive when piped or as JSON, so `--all` over thousands of tickets starts
  // answering at once and holds one page in memory.
  do {
    const page = await backend.listTickets({ ...o.query, limit: Math.min(PAGE, wanted - printed), cursor });
    const items = page.items.slice(0, wanted - printed);
    if (fields) {
      for (const t of items) o.io.out(`${printed++ === 0 ? '\n' : ',\n'}${JSON.stringify(pick(t, fields), null, 2).replace(/^/gm, '  ')}`);
    } else if (streaming) {
      await printRows(o.io, items, columns);
      printed += items.length;
    } else {
      kept.push(...items);
      printed += items.length;
      if (o.all && page.nextCursor && o.io.isStderrTTY) o.io.err(`\rfetched ${printed} tickets…`);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor && printed < wanted);
  if (fields) return o.io.out(printed ? '\n]\n' : ']\n');
  if (!streaming) {
    if (o.all && o.io.isStderrTTY) o.io.err('\r\u001b[K');
    if (kept.length === 0) return o.io.err('No tickets match.\n');
    await printRows(o.io, kept, columns);
    if (cursor && !o.all) o.io.err(`Showing the ${kept.length} most recent; more with --limit N or --all\n`);
  }
}
