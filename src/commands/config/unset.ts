import type { Command } from 'commander';
import { findPreference, updateConfig } from '../../auth/config.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { Env, IOStreams } from '../../io/iostreams.ts';
import { keyArgument } from './keys.ts';

export interface Options {
  io: IOStreams;
  env: Env;
  key: string;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('unset')
    .description('Remove a preference from config.json: its default applies again')
    .addArgument(keyArgument())
    .action(async (key: string) => runF({ io: f.io, env: f.env, key }));
  return examples(cmd, ['tix config unset pager']);
}

export async function run(o: Options): Promise<void> {
  const key = findPreference(o.key);
  await updateConfig(o.env, (conf) => conf.delete(key.field));
  o.io.err(`✓ Unset ${key.key}${key.default ? ` (now ${key.default}, the default)` : ''}\n`);
}
