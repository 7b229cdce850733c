import { Option, type Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import { fieldsError, type FieldProblem } from '../../core/errors.ts';
import type { ContactDraft } from '../../api/types.ts';
import { collect } from '../../cli/args.ts';
import { completeWith, words } from '../../cli/completion/hints.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import { contactTypes } from '../../core/contacts.ts';
import { problem } from '../../core/messages.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { jsonFields, pick, printJson, type JsonOption } from '../../io/output.ts';
import { CONTACT_FIELDS, describeContact, flagNames, inFlagTerms, splitList, typeList } from './format.ts';
import { t } from './messages.ts';

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  type?: string;
  name?: string;
  emails: string[];
  phone?: string;
  json: JsonOption;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('add')
    .alias('create')
    .description(t(l, 'add.description'))
    .addOption(completeWith(new Option('--type <type>', t(l, 'add.type', { types: typeList(l) })), words(contactTypes)))
    .option('--name <name>', t(l, 'add.name'))
    .option('--email <address>', t(l, 'add.email'), collect, [])
    .option('--phone <number>', t(l, 'add.phone'))
    .option('--json [fields]', t(l, 'add.json', { fields: CONTACT_FIELDS.join(', ') }))
    .action(async (opts: { type?: string; name?: string; email: string[]; phone?: string; json?: JsonOption }) => {
      await runF({
        io: f.io,
        backend: () => f.backend('contacts'),
        type: opts.type,
        name: opts.name,
        emails: opts.email,
        phone: opts.phone,
        json: opts.json,
      });
    });
  return examples(cmd, [
    'tix contact add',
    'tix contact add --type technical --name "Ops team" --email ops@example.com --email oncall@example.com --phone "+33 6 12 34 56 78"',
    'tix contact add --type accounting --name Compta --email compta@example.com --json id',
  ]);
}

const FLAG_ORDER = ['--type', '--name', '--email', '--phone'];

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, CONTACT_FIELDS);
  const { checkContactInput } = await import('../../core/contact-input.ts');
  const emails = splitList(o.emails);
  const given = { type: o.type?.trim().toLowerCase(), name: o.name, emails: emails.length ? emails : undefined, phone: o.phone };
  const { value, problems } = checkContactInput(given, flagNames);
  // Values given as flags are checked first, terminal or not; without a terminal every missing one is listed too.
  if (!o.io.canPrompt) problems.push(...missing(given));
  if (problems.length)
    throw fieldsError(
      problems.sort((a, b) => FLAG_ORDER.indexOf(a.field) - FLAG_ORDER.indexOf(b.field)),
      t.text('add.cannot'),
    );
  const contact = missing(given).length ? await ask(o.io, value, o.phone === undefined) : (value as ContactDraft);

  const created = await inFlagTerms(t.text('add.cannot'), need(await o.backend(), 'contacts').create(contact));
  if (fields) return printJson(o.io, pick(created, fields));
  o.io.err(`${t(o.io.locale, 'add.done', { contact: describeContact(created, o.io.locale) })}\n`);
}

function missing(given: { type?: string; name?: string; emails?: string[] }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (given.type === undefined) problems.push(problem('--type', (l) => t(l, 'add.missingType', { types: typeList(l) })));
  if (given.name === undefined) problems.push(problem('--name', t.text('add.missingName')));
  if (given.emails === undefined) problems.push(problem('--email', t.text('add.missingEmail')));
  return problems;
}

/** Asks for what the flags did not give; the phone too (optional) unless --phone was given. */
async function ask(io: IOStreams, value: Partial<ContactDraft>, askForPhone: boolean): Promise<ContactDraft> {
  const { askEmails, askName, askPhone, askType } = await import('./prompts.ts');
  const type = value.type ?? (await askType(io));
  const name = value.name ?? (await askName(io));
  const emails = value.emails ?? (await askEmails(io));
  const phone = askForPhone ? await askPhone(io) : (value.phone ?? null);
  return { type, name, emails, phone };
}
