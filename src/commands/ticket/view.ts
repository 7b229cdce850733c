import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import type { TicketRef } from '../../api/types.ts';
import { parseRef } from '../../cli/args.ts';
import { usageError } from '../../core/errors.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { Env, IOStreams } from '../../io/iostreams.ts';
import { jsonFields, pick, printJson, type JsonOption } from '../../io/output.ts';
import { renderTicket, TICKET_VIEW_FIELDS } from './format.ts';
import { page } from '../../io/pager.ts';

export interface Options {
  io: IOStreams;
  env: Env;
  backend: () => Promise<Backend>;
  ref: TicketRef;
  json: JsonOption;
  /** false with --no-mark-read: never mark anything read, whatever the organisation setting */
  markRead: boolean;
  pager?: string;
  /** open the ticket's page in the browser instead */
  web?: boolean;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('view')
    .alias('show')
    .description('Show a ticket: status, establishment, creator, form values, then the conversation')
    .argument('<id>', 'ticket reference (a number on tix serve)')
    .option('--no-mark-read', 'never mark the messages read, even when the organisation marks them read on opening')
    .option('--json [fields]', `print JSON (fields: ${TICKET_VIEW_FIELDS.join(', ')})`)
    .option('--web', "open the ticket's page in your browser (BROWSER, else the system's opener)")
    .action(async (id: string, opts: { json?: JsonOption; markRead: boolean; web?: boolean }) => {
      await runF({
        io: f.io,
        env: f.env,
        backend: () => f.backend('tickets'),
        ref: parseRef(f.providerInfo(), id),
        json: opts.json,
        markRead: opts.markRead,
        pager: f.config().pager,
        web: Boolean(opts.web),
      });
    });
  return examples(cmd, [
    'tix ticket view 42',
    'tix ticket view 42 --no-mark-read',
    'tix ticket view 42 --json messages',
    "tix ticket view 42 --json | jq '.messages[-1].body'",
    'tix ticket view 42 --web',
  ]);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, TICKET_VIEW_FIELDS);
  if (o.web) return openPage(o);
  const backend = await o.backend();
  // "auto": the organisation's mark-read setting decides (seed 002: manual by default, or on opening)
  const ticket = await need(backend, 'tickets').view(o.ref, { markRead: o.markRead ? 'auto' : 'never' });
  if (fields) return printJson(o.io, pick(ticket, fields));
  // labels for the form values; a ticket whose type left the catalog still shows, with raw field ids
  const type = await backend.requestTypes?.requestType(ticket.type).catch(() => undefined);
  await page(o.io, o.env, renderTicket(o.io, o.env, backend.provider, ticket, type), o.pager);
}

/** The ticket's page in the browser; the ticket is fetched first, so an unknown one fails here (exit 3). */
async function openPage(o: Options): Promise<void> {
  if (o.json !== undefined) throw usageError('--web and --json cannot be combined: --web opens the page, --json prints the ticket');
  const ticket = await need(await o.backend(), 'tickets').view(o.ref, { markRead: 'never' });
  const { openInBrowser } = await import('../../io/browser.ts');
  await openInBrowser(o.io, o.env, ticket.url);
}
