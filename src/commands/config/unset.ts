import type { Command } from 'commander';
import { findPreference, updateConfig } from '../../auth/config.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { Env, IOStreams } from '../../io/iostreams.ts';
import { keyArgument } from './keys.ts';
import { t } from './messages.ts';

export interface Options {
  io: IOStreams;
  env: Env;
  key: string;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('unset')
    .description(t(f.io.locale, 'unset.description'))
    .addArgument(keyArgument(f.io.locale))
    .action(async (key: string) => runF({ io: f.io, env: f.env, key }));
  return examples(cmd, ['tix config unset pager']);
}

export async function run(o: Options): Promise<void> {
  const key = findPreference(o.key);
  await updateConfig(o.env, (conf) => conf.delete(key.field));
  const l = o.io.locale;
  o.io.err(`${key.default ? t(l, 'unset.doneDefault', { key: key.key, default: key.default }) : t(l, 'unset.done', { key: key.key })}\n`);
}
