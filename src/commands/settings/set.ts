import { Argument, type Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import type { Settings } from '../../api/types.ts';
import { usageError } from '../../core/errors.ts';
import { formatList } from '../../core/i18n.ts';
import { completeWith, words } from '../../cli/completion/hints.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { settingKeys } from './list.ts';
import { t } from './messages.ts';

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  key: string;
  value: string;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const names = settingKeys.map((k) => k.name);
  const cmd = parent
    .command('set')
    .description(t(l, 'set.description'))
    .addArgument(completeWith(new Argument('<setting>', t(l, 'set.setting', { settings: names.join(', ') })), words(names)))
    .addArgument(
      completeWith(new Argument('<value>', t(l, 'set.value')), {
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
  if (!setting) throw usageError(t.text('set.unknown', { key: o.key, settings: settingKeys.map((k) => k.name).join(', ') }));
  if (!(setting.values as readonly string[]).includes(o.value))
    throw usageError((l) =>
      t(l, 'set.badValue', { setting: setting.name, values: formatList(l, setting.values, 'disjunction'), value: o.value }),
    );
  const settings = await need(await o.backend(), 'settings').update({ [setting.field]: o.value } as Partial<
    Pick<Settings, 'markRead' | 'language'>
  >);
  o.io.err(
    `${t(o.io.locale, 'set.done', { setting: setting.name, value: String(settings[setting.field]), company: settings.company.name })}\n`,
  );
}
