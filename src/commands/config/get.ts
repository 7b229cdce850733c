import type { Command } from 'commander';
import { findPreference, preferenceValue, type ConfigData } from '../../auth/config.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { keyArgument } from './keys.ts';
import { t } from './messages.ts';

export interface Options {
  io: IOStreams;
  config: () => ConfigData;
  key: string;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('get')
    .description(t(f.io.locale, 'get.description'))
    .addArgument(keyArgument(f.io.locale))
    .action(async (key: string) => runF({ io: f.io, config: f.config, key }));
  return examples(cmd, ['tix config get color', 'editor=$(tix config get editor)']);
}

export async function run(o: Options): Promise<void> {
  const key = findPreference(o.key);
  const value = preferenceValue(o.config(), key);
  if (value !== undefined) o.io.out(`${value}\n`);
}
