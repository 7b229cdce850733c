import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import { usageError } from '../../core/errors.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { RequestType } from '../../core/catalog.ts';
import type { Env, IOStreams } from '../../io/iostreams.ts';
import { jsonFields, pick, printJson, printRows, type JsonOption } from '../../io/output.ts';
import { label } from '../ticket/form.ts';

export const TYPE_FIELDS = ['id', 'category', 'label', 'labelFr', 'description', 'example', 'irreversible', 'fields'] as const;

export interface Options {
  io: IOStreams;
  env: Env;
  backend: () => Promise<Backend>;
  category?: string;
  json: JsonOption;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('list')
    .alias('ls')
    .description('List the request types, by category')
    .option('--category <category>', 'only this category')
    .option('--json [fields]', `print JSON (fields: ${TYPE_FIELDS.join(', ')})`)
    .action(async (opts: { category?: string; json?: JsonOption }) =>
      runF({ io: f.io, env: f.env, backend: () => f.backend('requestTypes'), category: opts.category, json: opts.json }),
    );
  return examples(cmd, ['tix type list', 'tix type list --category security', 'tix type list --json id,category']);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, TYPE_FIELDS);
  const catalog = await need(await o.backend(), 'requestTypes').catalog();
  if (o.category && !catalog.categories.some((c) => c.id === o.category)) {
    throw usageError(`--category: unknown "${o.category}"; one of ${catalog.categories.map((c) => c.id).join(', ')}`);
  }
  const types = catalog.types.filter((t) => !o.category || t.category === o.category);
  if (fields)
    return printJson(
      o.io,
      types.map((t) => pick(t, fields)),
    );
  await printRows<RequestType>(o.io, types, [
    { header: 'type', value: (t) => t.id },
    { header: 'category', value: (t) => t.category },
    { header: 'label', value: (t) => `${label(t, o.env)}${t.irreversible && o.io.isStdoutTTY ? ' (irreversible)' : ''}`, flexible: true },
    {
      header: 'required fields',
      value: (t) =>
        t.fields
          .filter((f) => f.required)
          .map((f) => f.id)
          .join(','),
      flexible: true,
    },
  ]);
}
