import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import { usageError } from '../../core/errors.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { RequestType } from '../../core/catalog.ts';
import { pickText } from '../../core/i18n.ts';
import type { Env, IOStreams } from '../../io/iostreams.ts';
import { jsonFields, pick, printJson, printRows, type JsonOption } from '../../io/output.ts';
import { label } from '../ticket/form.ts';
import { t } from './messages.ts';

export const TYPE_FIELDS = ['id', 'category', 'label', 'description', 'example', 'irreversible', 'fields'] as const;

export interface Options {
  io: IOStreams;
  env: Env;
  backend: () => Promise<Backend>;
  category?: string;
  json: JsonOption;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('list')
    .alias('ls')
    .description(t(l, 'list.description'))
    .option('--category <category>', t(l, 'list.category'))
    .option('--json [fields]', t(l, 'json', { fields: TYPE_FIELDS.join(', ') }))
    .action(async (opts: { category?: string; json?: JsonOption }) =>
      runF({ io: f.io, env: f.env, backend: () => f.backend('requestTypes'), category: opts.category, json: opts.json }),
    );
  return examples(cmd, ['tix type list', 'tix type list --category security', 'tix type list --json id,category']);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, TYPE_FIELDS);
  const catalog = await need(await o.backend(), 'requestTypes').catalog();
  if (o.category && !catalog.categories.some((c) => c.id === o.category)) {
    throw usageError(t.text('list.unknownCategory', { value: o.category, categories: catalog.categories.map((c) => c.id).join(', ') }));
  }
  const types = catalog.types.filter((t) => !o.category || t.category === o.category);
  if (fields)
    return printJson(
      o.io,
      types.map((t) => pick(t, fields)),
    );
  const l = o.io.locale;
  // piped rows are for programs: the English label, whatever the reader's language
  const tty = o.io.isStdoutTTY;
  await printRows<RequestType>(o.io, types, [
    { header: t(l, 'column.type'), value: (x) => x.id },
    { header: t(l, 'column.category'), value: (x) => x.category },
    {
      header: t(l, 'column.label'),
      value: (x) => (tty ? `${label(x, o.io)}${x.irreversible ? ` (${t(l, 'irreversible')})` : ''}` : pickText(x.label, 'en')),
      shrink: 1,
    },
    {
      header: t(l, 'column.required'),
      value: (x) =>
        x.fields
          .filter((f) => f.required)
          .map((f) => f.id)
          .join(','),
      shrink: 1,
    },
  ]);
}
