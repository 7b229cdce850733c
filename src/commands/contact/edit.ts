import type { Command } from 'commander';
import { type Backend, need } from '../../api/backend.ts';
import { fieldsError, usageError } from '../../core/errors.ts';
import type { Contact, ContactPatch } from '../../api/types.ts';
import { collect, parseId } from '../../cli/args.ts';
import type { Factory } from '../../cli/factory.ts';
import { examples } from '../../cli/help-text.ts';
import { normaliseEmail } from '../../core/contacts.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { jsonFields, pick, printJson, type JsonOption } from '../../io/output.ts';
import { CONTACT_FIELDS, describeContact, flagNames, inFlagTerms, splitList } from './format.ts';
import { t } from './messages.ts';

export interface Options {
  io: IOStreams;
  backend: () => Promise<Backend>;
  id: number;
  name?: string;
  /** '' removes the phone, like --clear-phone */
  phone?: string;
  clearPhone: boolean;
  addEmails: string[];
  removeEmails: string[];
  json: JsonOption;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('edit')
    .description(t(l, 'edit.description'))
    .argument('<id>', t(l, 'arg.id'))
    .option('--name <name>', t(l, 'edit.name'))
    .option('--phone <number>', t(l, 'edit.phone'))
    .option('--clear-phone', t(l, 'edit.clearPhone'))
    .option('--add-email <address>', t(l, 'edit.addEmail'), collect, [])
    .option('--remove-email <address>', t(l, 'edit.removeEmail'), collect, [])
    .option('--json [fields]', t(l, 'edit.json', { fields: CONTACT_FIELDS.join(', ') }))
    .action(
      async (
        id: string,
        opts: { name?: string; phone?: string; clearPhone?: boolean; addEmail: string[]; removeEmail: string[]; json?: JsonOption },
      ) => {
        await runF({
          io: f.io,
          backend: () => f.backend('contacts'),
          id: parseId(id, t.text('arg.idWhat')),
          name: opts.name,
          phone: opts.phone,
          clearPhone: Boolean(opts.clearPhone),
          addEmails: opts.addEmail,
          removeEmails: opts.removeEmail,
          json: opts.json,
        });
      },
    );
  return examples(cmd, [
    'tix contact edit 3',
    'tix contact edit 3 --add-email oncall@example.com --remove-email old@example.com',
    'tix contact edit 3 --phone "+33 1 45 67 89 01"',
    'tix contact edit 3 --name "Ops and support" --clear-phone',
  ]);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, CONTACT_FIELDS);
  if (o.phone !== undefined && o.clearPhone) throw usageError(t.text('edit.phoneConflict'));
  const cannot = t.text('edit.cannot', { id: String(o.id) });
  const add = splitList(o.addEmails);
  const remove = splitList(o.removeEmails).map(normaliseEmail);
  const given = o.name !== undefined || o.phone !== undefined || o.clearPhone || add.length > 0 || remove.length > 0;
  let patch: ContactPatch;
  if (given) {
    const { checkContactInput } = await import('../../core/contact-input.ts');
    const { value, problems } = checkContactInput(
      { name: o.name, phone: o.clearPhone ? null : o.phone, emails: add.length ? add : undefined },
      { ...flagNames, emails: '--add-email', email: () => '--add-email' },
    );
    if (problems.length) throw fieldsError(problems, cannot);
    patch = {
      ...(value.name !== undefined ? { name: value.name } : {}),
      ...(value.phone !== undefined ? { phone: value.phone } : {}),
      ...(value.emails ? { addEmails: value.emails } : {}),
      ...(remove.length ? { removeEmails: remove } : {}),
    };
  } else {
    if (!o.io.canPrompt) {
      throw usageError(t.text('edit.nothingGiven'), { hint: t.text('edit.nothingGivenHint', { id: String(o.id) }) });
    }
    patch = await ask(o.io, await need(await o.backend(), 'contacts').get(o.id));
    if (Object.keys(patch).length === 0) return o.io.err(`${t(o.io.locale, 'edit.unchanged', { id: String(o.id) })}\n`);
  }
  const updated = await inFlagTerms(cannot, need(await o.backend(), 'contacts').update(o.id, patch));
  if (fields) return printJson(o.io, pick(updated, fields));
  o.io.err(`${t(o.io.locale, 'edit.done', { contact: describeContact(updated, o.io.locale) })}\n`);
}

/** Asks for each field with its current value on the line to edit; only what differs goes into the change. */
async function ask(io: IOStreams, c: Contact): Promise<ContactPatch> {
  const { askEmails, askName, askPhone } = await import('./prompts.ts');
  io.err(`${t(io.locale, 'edit.editing', { contact: describeContact(c, io.locale) })}\n`);
  const name = await askName(io, c.name);
  const emails = await askEmails(io, c.emails);
  const phone = await askPhone(io, c.phone);
  const patch: ContactPatch = {};
  if (name !== c.name) patch.name = name;
  if (phone !== c.phone) patch.phone = phone;
  const added = emails.filter((e) => !c.emails.includes(e));
  const removed = c.emails.filter((e) => !emails.includes(e));
  if (added.length) patch.addEmails = added;
  if (removed.length) patch.removeEmails = removed;
  return patch;
}
