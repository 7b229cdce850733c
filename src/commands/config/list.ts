import type { Command } from 'commander';
import { preferenceKeys, preferenceValue, type ConfigData, type PreferenceKey } from '../../auth/config.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { jsonFields, printJson, printRows, type JsonOption } from '../../io/output.ts';
import { t } from './messages.ts';

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
    .description(t(f.io.locale, 'list.description'))
    .option('--json [fields]', t(f.io.locale, 'list.json', { fields: KEYS.join(', ') }))
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
  const l = o.io.locale;
  await printRows<PreferenceKey>(
    o.io,
    [...preferenceKeys],
    [
      { header: t(l, 'column.key'), value: (k) => k.key },
      {
        header: t(l, 'column.value'),
        value: (k) => preferenceValue(config, k) ?? '',
        style: (text, k) => (config[k.field] === undefined ? o.io.colors.dim(text) : text),
      }, // a default, dimmed
      ...(o.io.isStdoutTTY ? [{ header: t(l, 'column.meaning'), value: (k: PreferenceKey) => k.description(l), shrink: 1 }] : []),
    ],
  );
}
