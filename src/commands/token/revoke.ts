import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import { parseId } from '../../cli/args.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { t } from './messages.ts';

export interface Options {
  io: IOStreams;
  id: number;
  backend: () => Promise<Backend>;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('revoke')
    .description(t(l, 'revoke.description'))
    .argument('<id>', t(l, 'revoke.id'))
    .action(async (id: string) => runF({ io: f.io, id: parseId(id, t.text('revoke.idWhat')), backend: () => f.backend('tokens') }));
  return examples(cmd, ['tix token revoke 3']);
}

export async function run(o: Options): Promise<void> {
  await need(await o.backend(), 'tokens').revoke(o.id);
  o.io.err(`${t(o.io.locale, 'revoke.done', { id: String(o.id) })}\n`);
}
