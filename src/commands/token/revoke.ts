import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import { parseId } from '../../cli/args.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { IOStreams } from '../../io/iostreams.ts';

export interface Options {
  io: IOStreams;
  id: number;
  backend: () => Promise<Backend>;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('revoke')
    .description('Revoke one of your personal access tokens at once')
    .argument('<id>', 'token id, from tix token list')
    .action(async (id: string) => runF({ io: f.io, id: parseId(id, 'token id'), backend: () => f.backend('tokens') }));
  return examples(cmd, ['tix token revoke 3']);
}

export async function run(o: Options): Promise<void> {
  await need(await o.backend(), 'tokens').revoke(o.id);
  o.io.err(`✓ Revoked token ${o.id}\n`);
}
