import { Argument, type Command } from 'commander';
import { findPreference, preferenceKeys, updateConfig, type ConfigData } from '../../auth/config.ts';
import { usageError } from '../../core/errors.ts';
import { completeWith, words, type Values } from '../../cli/completion/hints.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { Env, IOStreams } from '../../io/iostreams.ts';
import { keyArgument } from './keys.ts';
import { problem } from '../../core/messages.ts';
import { t } from './messages.ts';

export interface Options {
  io: IOStreams;
  env: Env;
  config: () => ConfigData;
  key: string;
  value: string;
}

// VALUE completes according to KEY: colour and output modes, or the saved profiles.
const valueCompletion: Values = {
  kind: 'keyed',
  on: 1,
  cases: Object.fromEntries(
    preferenceKeys.flatMap(
      (k): Array<[string, Values]> =>
        k.values ? [[k.key, words(k.values)]] : k.key === 'profile' ? [[k.key, { kind: 'dynamic', what: 'profiles' }]] : [],
    ),
  ),
};

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('set')
    .description(t(f.io.locale, 'set.description'))
    .addArgument(keyArgument(f.io.locale))
    .addArgument(completeWith(new Argument('<value>', t(f.io.locale, 'value')), valueCompletion))
    .action(async (key: string, value: string) => runF({ io: f.io, env: f.env, config: f.config, key, value }));
  return examples(cmd, [
    'tix config set editor "code --wait"',
    'tix config set color never',
    'tix config set output json',
    'tix config set profile work',
  ]);
}

export async function run(o: Options): Promise<void> {
  const key = findPreference(o.key);
  if (key.values && !key.values.includes(o.value)) {
    const values = key.values.join(', ');
    throw usageError(t.text('set.badValue', { key: key.key, value: o.value, values }), {
      code: 'invalid_value',
      fields: [problem(key.key, t.text('set.oneOf', { values }))],
    });
  }
  if (o.value.trim() === '') throw usageError(t.text('set.empty', { key: key.key }), { code: 'invalid_value' });
  const config = o.config();
  await updateConfig(o.env, (conf) => conf.set(key.field, o.value));
  const l = o.io.locale;
  o.io.err(`${t(l, 'set.done', { key: key.key, value: o.value })}\n`);
  if (key.key === 'profile' && !config.profiles?.[o.value]) o.io.err(`${t(l, 'set.noProfile', { profile: o.value })}\n`);
}
