import type { Command } from 'commander';
import { preferenceKeys, preferenceValue, type ConfigData, type PreferenceKey } from '../../auth/config.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { jsonFields, printJson, printRows, type JsonOption } from '../../io/output.ts';

export interface Options {
  io: IOStreams;
  config: () => ConfigData;
  json: JsonOption;
}

const KEYS = preferenceKeys.map((k) => k.key);

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('list')
    .alias('ls')
    .description('List the preferences and their values (a default when unset)')
    .option('--json [fields]', `print JSON, one field per key, null when unset without a default (fields: ${KEYS.join(', ')})`)
    .action(async (opts: { json?: JsonOption }) => runF({ io: f.io, config: f.config, json: opts.json }));
  return examples(cmd, ['tix config list', 'tix config list --json color,output']);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, KEYS);
  const config = o.config();
  if (fields)
    return printJson(
      o.io,
      Object.fromEntries(fields.map((key) => [key, preferenceValue(config, preferenceKeys.find((k) => k.key === key)!) ?? null])),
    );
  const dim = (s: string) => (o.io.color && s ? `\u001b[2m${s}\u001b[22m` : s);
  await printRows<PreferenceKey>(
    o.io,
    [...preferenceKeys],
    [
      { header: 'key', value: (k) => k.key },
      {
        header: 'value',
        value: (k) => preferenceValue(config, k) ?? '',
        style: (text, k) => (config[k.field] === undefined ? dim(text) : text),
      }, // a default, dimmed
      ...(o.io.isStdoutTTY ? [{ header: 'meaning', value: (k: PreferenceKey) => k.description(o.io.locale), shrink: 1 }] : []),
    ],
  );
}
