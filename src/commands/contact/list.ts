import { Option, type Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import { usageError } from '../../core/errors.ts';
import { completeWith, words } from '../../cli/completion/hints.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import { contactTypeProblem, contactTypes } from '../../core/contacts.ts';
import { normalizeDigits, sirenProblem } from '../../core/identifiers.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { jsonFields, pick, printJson, printRows, type JsonOption } from '../../io/output.ts';
import { CONTACT_FIELDS, contactColumns, inFlagTerms, typeList, typeName } from './format.ts';
import { t } from './messages.ts';

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  type?: string;
  /** SIREN: support agents read any company's contacts */
  company?: string;
  json: JsonOption;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('list')
    .alias('ls')
    .description(t(l, 'list.description'))
    .addOption(completeWith(new Option('--type <type>', t(l, 'list.type', { types: typeList(l) })), words(contactTypes)))
    .option('--company <siren>', t(l, 'list.company'))
    .option('--json [fields]', t(l, 'json', { fields: CONTACT_FIELDS.join(', ') }))
    .action(async (opts: { type?: string; company?: string; json?: JsonOption }) =>
      runF({ io: f.io, backend: () => f.backend('contacts'), type: opts.type, company: opts.company, json: opts.json }),
    );
  return examples(cmd, [
    'tix contact list',
    'tix contact list --type technical --json name,emails',
    t(l, 'list.exampleAgents'),
    'tix contact list --company 812345676',
    'tix contact list | cut -f2,4',
  ]);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, CONTACT_FIELDS);
  const type = o.type?.trim().toLowerCase();
  if (type !== undefined && contactTypeProblem(type))
    throw usageError((l) => t(l, 'flagProblem', { flag: '--type', problem: contactTypeProblem(type, l)! }));
  const company = o.company === undefined ? undefined : normalizeDigits(o.company);
  if (company !== undefined && sirenProblem(company))
    throw usageError((l) => t(l, 'flagProblem', { flag: '--company', problem: sirenProblem(company, l)! }));
  const contacts = await inFlagTerms(t.text('list.cannot'), need(await o.backend(), 'contacts').list({ type, company }));
  if (fields)
    return printJson(
      o.io,
      contacts.map((c) => pick(c, fields)),
    );
  const l = o.io.locale;
  if (contacts.length === 0 && o.io.isStdoutTTY)
    return o.io.err(`${type ? t(l, 'list.noneOfType', { type: typeName(l, type) }) : t(l, 'list.none')}\n`);
  await printRows(o.io, contacts, contactColumns(o.io));
}
