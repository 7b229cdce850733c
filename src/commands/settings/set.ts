import { Argument, type Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import type { Settings } from '../../api/types.ts';
import { usageError } from '../../core/errors.ts';
import { completeWith, words } from '../../cli/completion/hints.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { settingKeys } from './list.ts';

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  key: string;
  value: string;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('set')
    .description("Change an organisation setting (the company's administrators)")
    .addArgument(completeWith(new Argument('<setting>', settingKeys.map((k) => k.name).join(', ')), words(settingKeys.map((k) => k.name))))
    .addArgument(
      completeWith(new Argument('<value>', 'the new value'), {
        kind: 'keyed',
        on: 1,
        cases: Object.fromEntries(settingKeys.map((k) => [k.name, words(k.values)])),
      }),
    )
    .action(async (key: string, value: string) => runF({ io: f.io, backend: () => f.backend('settings'), key, value }));
  return examples(cmd, ['tix settings set mark-read on-open', 'tix settings set mark-read manual', 'tix settings set language fr']);
}

export async function run(o: Options): Promise<void> {
  const setting = settingKeys.find((k) => k.name === o.key);
  if (!setting) throw usageError(`unknown setting "${o.key}"; settings: ${settingKeys.map((k) => k.name).join(', ')}`);
  if (!(setting.values as readonly string[]).includes(o.value))
    throw usageError(`${setting.name}: expected ${setting.values.join(' or ')}, got "${o.value}"`);
  const settings = await need(await o.backend(), 'settings').update({ [setting.field]: o.value } as Partial<
    Pick<Settings, 'markRead' | 'language'>
  >);
  o.io.err(`✓ ${setting.name} is now ${settings[setting.field]} for ${settings.company.name}\n`);
}
