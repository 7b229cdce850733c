import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { FieldSpec } from '../../core/catalog.ts';
import type { Env, IOStreams } from '../../io/iostreams.ts';
import { jsonFields, pick, printJson, printRows, type JsonOption } from '../../io/output.ts';
import { flagFor, label } from '../ticket/form.ts';
import { TYPE_FIELDS } from './list.ts';
import { t } from './messages.ts';
import { labelled, pickText } from '../../core/i18n.ts';

export interface Options {
  io: IOStreams;
  env: Env;
  backend: () => Promise<Backend>;
  id: string;
  json: JsonOption;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('view')
    .alias('show')
    .description(t(l, 'view.description'))
    .argument('<type>', t(l, 'view.type'))
    .option('--json [fields]', t(l, 'view.json', { fields: TYPE_FIELDS.join(', ') }))
    .action(async (id: string, opts: { json?: JsonOption }) =>
      runF({ io: f.io, env: f.env, backend: () => f.backend('requestTypes'), id, json: opts.json }),
    );
  return examples(cmd, ['tix type view incident', 'tix type view user-deletion --json fields']);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, TYPE_FIELDS);
  const type = await need(await o.backend(), 'requestTypes').requestType(o.id);
  if (fields) return printJson(o.io, pick(type, fields));
  const l = o.io.locale;
  const tty = o.io.isStdoutTTY;
  if (tty) {
    o.io.out(`${labelled(l, type.id, label(type, o.io))} (${type.category})\n${pickText(type.description, l)}\n`);
    if (type.example) o.io.out(`${t(l, 'view.example', { example: pickText(type.example, l) })}\n`);
    if (type.irreversible) o.io.out(`${t(l, 'view.irreversible')}\n`);
    o.io.out('\n');
  }
  // piped rows are for programs: yes/no and the label in English, whatever the reader's language
  const rowLocale = tty ? l : 'en';
  await printRows<FieldSpec>(o.io, type.fields, [
    { header: t(l, 'column.field'), value: (f) => f.id },
    { header: t(l, 'column.kind'), value: kindText },
    { header: t(l, 'column.isRequired'), value: (f) => t(rowLocale, f.required ? 'yes' : 'no') },
    { header: t(l, 'column.flag'), value: (f) => flagFor(f), shrink: 1 },
    { header: t(l, 'column.label'), value: (f) => pickText(f.label, rowLocale), shrink: 1 },
  ]);
}

/** The kind with what it takes: the choices, the pattern, whole numbers. */
function kindText(f: FieldSpec): string {
  if (f.kind === 'choice') return `choice: ${f.choices?.map((c) => c.value).join('|')}`;
  if (f.kind === 'multichoice') return `multichoice: ${f.choices?.map((c) => c.value).join(',')}`;
  if (f.kind === 'number' && f.integer) return 'number: whole';
  if (f.pattern !== undefined) return `${f.kind}: ${f.pattern}`;
  return f.kind;
}
