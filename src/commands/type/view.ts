import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import type { FieldSpec } from '../../core/catalog.ts';
import type { Env, IOStreams } from '../../io/iostreams.ts';
import { jsonFields, pick, printJson, printRows, type JsonOption } from '../../io/output.ts';
import { flagFor, label } from '../ticket/form.ts';
import { TYPE_FIELDS } from './list.ts';

export interface Options {
  io: IOStreams;
  env: Env;
  backend: () => Promise<Backend>;
  id: string;
  json: JsonOption;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('view')
    .alias('show')
    .description("Show a request type's form: every field, its kind, whether it is required, and its flag")
    .argument('<type>', 'request type, e.g. incident')
    .option('--json [fields]', `print the type and its form schema as JSON (fields: ${TYPE_FIELDS.join(', ')})`)
    .action(async (id: string, opts: { json?: JsonOption }) =>
      runF({ io: f.io, env: f.env, backend: () => f.backend('requestTypes'), id, json: opts.json }),
    );
  return examples(cmd, ['tix type view incident', 'tix type view user-deletion --json fields']);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, TYPE_FIELDS);
  const type = await need(await o.backend(), 'requestTypes').requestType(o.id);
  if (fields) return printJson(o.io, pick(type, fields));
  if (o.io.isStdoutTTY) {
    o.io.out(`${type.id}: ${label(type, o.env)} (${type.category})\n${type.description}\n`);
    if (type.example) o.io.out(`Example: "${type.example}"\n`);
    if (type.irreversible) o.io.out('Irreversible: the request must be acknowledged explicitly.\n');
    o.io.out('\n');
  }
  await printRows<FieldSpec>(o.io, type.fields, [
    { header: 'field', value: (f) => f.id },
    { header: 'kind', value: kindText },
    { header: 'required', value: (f) => (f.required ? 'yes' : 'no') },
    { header: 'flag', value: (f) => flagFor(f), flexible: true },
    { header: 'label', value: (f) => label(f, o.env), flexible: true },
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
