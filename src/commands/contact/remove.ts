import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import { usageError } from '../../core/errors.ts';
import { parseId } from '../../cli/args.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { describeContact } from './format.ts';
import { confirmOrCancel } from '../../io/prompter.ts';
import { t } from './messages.ts';

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  id: number;
  yes: boolean;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('remove')
    .alias('rm')
    .description(t(l, 'remove.description'))
    .argument('<id>', t(l, 'arg.id'))
    .option('-y, --yes', t(l, 'remove.yes'))
    .action(async (id: string, opts: { yes?: boolean }) =>
      runF({ io: f.io, backend: () => f.backend('contacts'), id: parseId(id, t.text('arg.idWhat')), yes: Boolean(opts.yes) }),
    );
  return examples(cmd, ['tix contact remove 3', 'tix contact remove 3 --yes']);
}

export async function run(o: Options): Promise<void> {
  if (!o.yes && !o.io.canPrompt) {
    throw usageError(t.text('remove.needsYes', { id: String(o.id) }), { hint: `tix contact remove ${o.id} --yes` });
  }
  const l = o.io.locale;
  const api = need(await o.backend(), 'contacts');
  let what = t(l, 'describe.id', { id: String(o.id) });
  if (!o.yes) {
    // show what goes before asking (and say "not found" before asking anything)
    what = describeContact(await api.get(o.id), l);
    await confirmOrCancel(o.io, t(l, 'remove.confirm', { contact: what }));
  }
  await api.remove(o.id);
  o.io.err(`${t(l, 'remove.done', { contact: what })}\n`);
}
