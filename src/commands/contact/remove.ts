import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import { usageError } from '../../core/errors.ts';
import { parseId } from '../../cli/args.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { describeContact } from './format.ts';
import { confirmOrCancel } from '../../io/prompter.ts';

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  id: number;
  yes: boolean;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('remove')
    .alias('rm')
    .description('Remove a contact (administrators): asks to confirm on a terminal, needs --yes otherwise')
    .argument('<id>', 'contact id, from tix contact list')
    .option('-y, --yes', 'remove without asking')
    .action(async (id: string, opts: { yes?: boolean }) =>
      runF({ io: f.io, backend: () => f.backend('contacts'), id: parseId(id, 'contact id'), yes: Boolean(opts.yes) }),
    );
  return examples(cmd, ['tix contact remove 3', 'tix contact remove 3 --yes']);
}

export async function run(o: Options): Promise<void> {
  if (!o.yes && !o.io.canPrompt) {
    throw usageError(`removing contact #${o.id} needs --yes when there is no terminal to confirm on; nothing was removed`, {
      hint: `tix contact remove ${o.id} --yes`,
    });
  }
  const api = need(await o.backend(), 'contacts');
  let what = `#${o.id}`;
  if (!o.yes) {
    // show what goes before asking (and say "not found" before asking anything)
    what = describeContact(await api.get(o.id));
    await confirmOrCancel(o.io, `Remove contact ${what}? The change takes effect at once.`);
  }
  await api.remove(o.id);
  o.io.err(`✓ Removed contact ${what}\n`);
}
