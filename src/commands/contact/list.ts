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
import { CONTACT_FIELDS, contactColumns, inFlagTerms } from './format.ts';

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  type?: string;
  /** SIREN: support agents read any company's contacts */
  company?: string;
  json: JsonOption;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('list')
    .alias('ls')
    .description("List the company's contacts, by type")
    .addOption(completeWith(new Option('--type <type>', `only this type: ${contactTypes.join(', ')}`), words(contactTypes)))
    .option('--company <siren>', "the company's SIREN (support agents; administrators see their own company)")
    .option('--json [fields]', `print JSON (fields: ${CONTACT_FIELDS.join(', ')})`)
    .action(async (opts: { type?: string; company?: string; json?: JsonOption }) =>
      runF({ io: f.io, backend: () => f.backend('contacts'), type: opts.type, company: opts.company, json: opts.json }),
    );
  return examples(cmd, [
    'tix contact list',
    'tix contact list --type technical --json name,emails',
    '# support agents name the company:',
    'tix contact list --company 812345676',
    'tix contact list | cut -f2,4',
  ]);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, CONTACT_FIELDS);
  const type = o.type?.trim().toLowerCase();
  const typeProblem = type === undefined ? undefined : contactTypeProblem(type);
  if (typeProblem) throw usageError(`--type: ${typeProblem}`);
  const company = o.company === undefined ? undefined : normalizeDigits(o.company);
  const sirenIssue = company === undefined ? undefined : sirenProblem(company);
  if (sirenIssue) throw usageError(`--company: ${sirenIssue}`);
  const contacts = await inFlagTerms('cannot list the contacts', need(await o.backend(), 'contacts').list({ type, company }));
  if (fields)
    return printJson(
      o.io,
      contacts.map((c) => pick(c, fields)),
    );
  if (contacts.length === 0 && o.io.isStdoutTTY) return o.io.err(`No ${type ? `${type} ` : ''}contacts. Add one with: tix contact add\n`);
  await printRows(o.io, contacts, contactColumns(o.io));
}
