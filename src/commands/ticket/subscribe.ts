import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import type { NotificationReason, TicketRef, TicketSubscription } from '../../api/types.ts';
import { parseRef } from '../../cli/args.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { jsonFields, pick, printJson, type JsonOption } from '../../io/output.ts';
import { t } from '../notification/messages.ts';

// `tix ticket subscribe` and `tix ticket unsubscribe` (unsubscribe.ts) differ only in the word they send.

export const SUBSCRIPTION_FIELDS = ['ticketId', 'subscribed', 'receives', 'reason', 'level'] as const;

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  ref: TicketRef;
  subscribed: boolean;
  json: JsonOption;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('subscribe')
    .description(t(l, 'subscribe.description'))
    .argument('<id>', t(l, 'subscribe.id'))
    .option('--json [fields]', t(l, 'json', { fields: SUBSCRIPTION_FIELDS.join(', ') }))
    .action(async (id: string, opts: { json?: JsonOption }) =>
      runF({
        io: f.io,
        backend: () => f.backend('notifications'),
        ref: parseRef(f.providerInfo(), id),
        subscribed: true,
        json: opts.json,
      }),
    );
  return examples(cmd, ['tix ticket subscribe 42', 'tix ticket unsubscribe 42']);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, SUBSCRIPTION_FIELDS);
  const backend = await o.backend();
  const result: TicketSubscription = await need(backend, 'notifications').subscribe(o.ref, o.subscribed);
  if (fields) return printJson(o.io, pick(result, fields));
  const l = o.io.locale;
  const ticket = backend.provider.showRef(o.ref);
  if (!o.subscribed) return o.io.err(`${t(l, 'subscribe.off', { ticket, ref: o.ref })}\n`);
  if (result.receives) {
    const reason: NotificationReason = result.reason!;
    return o.io.err(`${t(l, 'subscribe.on', { ticket, reason: t(l, `reason.${reason}`) })}\n`);
  }
  o.io.err(`${t(l, 'subscribe.silent', { ticket, level: result.level })}\n`);
}
