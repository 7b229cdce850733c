import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import type { NotificationReason, TicketRef, TicketSubscription } from '../../api/types.ts';
import { parseRef } from '../../cli/args.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { jsonFields, pick, printJson, type JsonOption } from '../../io/output.ts';

// `tix ticket subscribe` and `tix ticket unsubscribe` (unsubscribe.ts) differ only in the word they send.

export const SUBSCRIPTION_FIELDS = ['ticketId', 'subscribed', 'receives', 'reason', 'level'] as const;

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  ref: TicketRef;
  subscribed: boolean;
  json: JsonOption;
}

const reasons: Record<NotificationReason, string> = {
  creator: 'you filed it',
  'on-behalf': 'it was filed on your behalf',
  subscriber: 'you subscribed to it',
  follower: 'you wrote on it',
  all: 'your level is all',
};

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('subscribe')
    .description("Receive a ticket's e-mail notifications, even one you never wrote on (with the level mine or all)")
    .argument('<id>', 'ticket reference (a number on tix serve)')
    .option('--json [fields]', `print JSON (fields: ${SUBSCRIPTION_FIELDS.join(', ')})`)
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
  const shown = backend.provider.showRef(o.ref);
  if (!o.subscribed) return o.io.err(`✓ unsubscribed: no more e-mail about ${shown} (tix ticket subscribe ${o.ref} to follow it again)\n`);
  if (result.receives) return o.io.err(`✓ subscribed: you receive e-mail about ${shown} (${reasons[result.reason!]})\n`);
  o.io.err(`✓ subscribed to ${shown}, but your level is ${result.level}: no e-mail until tix notification set mine\n`);
}
