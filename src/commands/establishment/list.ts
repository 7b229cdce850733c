import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import type { Establishment } from '../../api/types.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { jsonFields, pick, printJson, printRows, type JsonOption } from '../../io/output.ts';
import { t } from './messages.ts';

export const ESTABLISHMENT_FIELDS = ['siret', 'siren', 'name'] as const;

export interface Options {
  io: IOStreams;
  json: JsonOption;
  backend: () => Promise<Backend>;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('list')
    .alias('ls')
    .description(t(f.io.locale, 'list.description'))
    .option('--json [fields]', t(f.io.locale, 'json', { fields: ESTABLISHMENT_FIELDS.join(', ') }))
    .action(async (opts: { json?: JsonOption }) => runF({ io: f.io, json: opts.json, backend: () => f.backend('organisation') }));
  return examples(cmd, ['tix establishment list', 'tix establishment list --json siret,name', 'tix establishment list | cut -f1']);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, ESTABLISHMENT_FIELDS);
  const list = await need(await o.backend(), 'organisation').establishments();
  if (fields)
    return printJson(
      o.io,
      list.map((e) => pick(e, fields)),
    );
  const l = o.io.locale;
  if (list.length === 0 && o.io.isStdoutTTY) return o.io.err(`${t(l, 'list.none')}\n`);
  await printRows<Establishment>(o.io, list, [
    { header: t(l, 'column.siret'), value: (e) => e.siret },
    { header: t(l, 'column.siren'), value: (e) => e.siren },
    { header: t(l, 'column.name'), value: (e) => e.name, shrink: 1 },
  ]);
}
