import type { Command } from 'commander';
import { parseRef } from '../../cli/args.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { JsonOption } from '../../io/output.ts';
import { t } from '../notification/messages.ts';
import { run, SUBSCRIPTION_FIELDS } from './subscribe.ts';

export type { Options } from './subscribe.ts';

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('unsubscribe')
    .description(t(l, 'unsubscribe.description'))
    .argument('<id>', t(l, 'subscribe.id'))
    .option('--json [fields]', t(l, 'json', { fields: SUBSCRIPTION_FIELDS.join(', ') }))
    .action(async (id: string, opts: { json?: JsonOption }) =>
      runF({
        io: f.io,
        backend: () => f.backend('notifications'),
        ref: parseRef(f.providerInfo(), id),
        subscribed: false,
        json: opts.json,
      }),
    );
  return examples(cmd, ['tix ticket unsubscribe 42', 'tix notification list']);
}
