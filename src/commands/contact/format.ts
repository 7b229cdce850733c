// What the contact commands share: columns, one-line descriptions, plans, and the flags that name each field.
// Light on purpose: the phone library loads only in the commands that check a phone number.
import { fieldsError, TixError, type FieldProblem } from '../../core/errors.ts';
import type { Contact, ContactDraft, ContactPlan } from '../../api/types.ts';
import type { ContactFieldNames } from '../../core/contact-input.ts';
import { contactTypes, type ContactType } from '../../core/contacts.ts';
import type { Locale, LocalText } from '../../core/i18n.ts';
import { problem } from '../../core/messages.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { formatTime, type Column } from '../../io/output.ts';
import { t } from './messages.ts';

export const CONTACT_FIELDS = ['id', 'type', 'name', 'emails', 'phone', 'createdAt', 'updatedAt'] as const;

/** A type as people call it: the id in English ("technical"), the help centre's name in French ("Technique"). */
export function typeName(l: Locale, type: string): string {
  return (contactTypes as readonly string[]).includes(type) ? t(l, `type.${type as ContactType}`) : type;
}

/** The types a flag accepts, for help and errors: the ids, with their French names in French. */
export function typeList(l: Locale): string {
  return contactTypes.map((type) => (l === 'en' ? type : `${type} (${typeName(l, type)})`)).join(', ');
}

export function contactColumns(io: IOStreams): Column<Contact>[] {
  const l = io.locale;
  // piped rows are for programs: the type's id whatever the language
  const tty = io.isStdoutTTY;
  return [
    { header: t(l, 'column.id'), value: (c) => String(c.id) },
    { header: t(l, 'column.type'), value: (c) => (tty ? typeName(l, c.type) : c.type) },
    { header: t(l, 'column.name'), value: (c) => c.name, shrink: 1 },
    { header: t(l, 'column.emails'), value: (c) => c.emails.join(tty ? ', ' : ','), shrink: 1 },
    { header: t(l, 'column.phone'), value: (c) => c.phone ?? '' },
    { header: t(l, 'column.updated'), value: (c) => formatTime(io, c.updatedAt) },
  ];
}

/** `#3 technical "Ops team" <ops@example.com> +33612345678`, for status lines, prompts and plans. */
export function describeContact(c: ContactDraft & { id?: number | null }, l: Locale = 'en'): string {
  const id = c.id ? `${t(l, 'describe.id', { id: String(c.id) })} ` : '';
  const name = t(l, 'describe.name', { name: c.name });
  return `${id}${typeName(l, c.type)} ${name} ${c.emails.map((e) => `<${e}>`).join(', ')}${c.phone ? ` ${c.phone}` : ''}`;
}

/** The same, read in whatever language the message is shown in. */
export const contactText =
  (c: ContactDraft & { id?: number | null }): LocalText =>
  (l) =>
    describeContact(c, l);

/** `--email a@x.fr,b@x.fr` and `--email a@x.fr --email b@x.fr` mean the same. */
export function splitList(values: string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** How the CLI names a contact's fields in problems. */
export const flagNames: ContactFieldNames = { type: '--type', name: '--name', emails: '--email', email: () => '--email', phone: '--phone' };

const FLAGS: Array<[RegExp, string]> = [
  [/^type$/, '--type'],
  [/^name$/, '--name'],
  [/^phone$/, '--phone'],
  [/^emails(\[\d+\])?$/, '--email'],
  [/^addEmails(\[\d+\])?$/, '--add-email'],
  [/^removeEmails(\[\d+\])?$/, '--remove-email'],
  [/^company$/, '--company'],
];

/**
 * A refusal from the server told in the CLI's terms and the reader's language: problems by field (what only
 * the server can know, e.g. the last address) with the flags' names, and the known conflicts rendered from
 * their data. The JSON error line keeps the server's English and its codes.
 */
export async function inFlagTerms<T>(intro: LocalText, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (!(err instanceof TixError)) throw err;
    const known = knownConflict(err);
    if (known) throw known;
    if (err.exitCode !== 2 || !err.fields?.length) throw err;
    const problems: FieldProblem[] = err.fields.map((f) => {
      const field = FLAGS.find(([re]) => re.test(f.field))?.[1] ?? f.field;
      const text = serverProblemText(f);
      return text ? problem(field, inEnglishAsSent(f.message, text)) : { field, message: f.message };
    });
    throw fieldsError(problems, intro);
  }
}

/** The server's words for a field it refused, in the reader's language when the field says which refusal it is. */
function serverProblemText(f: FieldProblem): LocalText | undefined {
  if (f.field === 'removeEmails') return t.text('server.lastEmail');
  if (f.field === 'company' && f.message.startsWith('is required for support agents')) return t.text('server.companyRequired');
  const notOurs = /^"(.+)" is not an address of this contact \((.*)\)$/.exec(f.message);
  if (/^removeEmails\[\d+\]$/.test(f.field) && notOurs) return t.text('server.notAnAddress', { email: notOurs[1]!, emails: notOurs[2]! });
  return undefined;
}

/** English readers (and the JSON error line) get the server's own words; others get ours. */
const inEnglishAsSent =
  (english: string, text: LocalText): LocalText =>
  (l) =>
    l === 'en' ? english : text(l);

function knownConflict(err: TixError): TixError | undefined {
  const d = err.data ?? {};
  let text: LocalText | undefined;
  if (err.code === 'plan_changed') text = t.text('server.planChanged');
  else if (err.code === 'contact_exists' && typeof d.name === 'string' && typeof d.type === 'string' && d.contactId !== undefined) {
    const type = d.type;
    text = (l) => t(l, 'server.exists', { type: typeName(l, type), name: String(d.name), id: String(d.contactId) });
  }
  if (!text) return undefined;
  return new TixError(err.exitCode, inEnglishAsSent(err.message, text), {
    code: err.code,
    hint: err.hint,
    status: err.status,
    data: err.data,
    cause: err,
  });
}

/** The plan of `tix contact apply`, one line a contact, for people (stderr). */
export function printPlan(io: IOStreams, plan: ContactPlan): void {
  const l = io.locale;
  const c = io.errColors;
  for (const a of plan.add) io.err(`${c.green(t(l, 'plan.add'))} ${describeContact(a, l)}\n`);
  for (const ch of plan.change) {
    const contact = `${t(l, 'describe.id', { id: String(ch.id) })} ${typeName(l, ch.after.type)} ${t(l, 'describe.name', { name: ch.after.name })}`;
    const differences = describeChanges(l, ch.before, ch.after).join(t(l, 'separator'));
    io.err(`${c.yellow(t(l, 'plan.change'))} ${t(l, 'plan.changeLine', { contact, differences })}\n`);
  }
  for (const r of plan.remove) io.err(`${c.red(t(l, 'plan.remove'))} ${describeContact(r, l)}\n`);
  if (plan.unchanged) io.err(`  ${t(l, 'plan.unchanged', { count: plan.unchanged })}\n`);
}

function describeChanges(l: Locale, before: ContactDraft, after: ContactDraft): string[] {
  const out: string[] = [];
  if (before.name !== after.name) out.push(t(l, 'plan.name', { before: before.name, after: after.name }));
  const added = after.emails.filter((e) => !before.emails.includes(e));
  const removed = before.emails.filter((e) => !after.emails.includes(e));
  if (added.length || removed.length) out.push([...added.map((e) => `+<${e}>`), ...removed.map((e) => `-<${e}>`)].join(' '));
  const none = t(l, 'none');
  if (before.phone !== after.phone) out.push(t(l, 'plan.phone', { before: before.phone ?? none, after: after.phone ?? none }));
  return out;
}

export function planSize(plan: ContactPlan): number {
  return plan.add.length + plan.change.length + plan.remove.length;
}
