// What the contact commands share: columns, one-line descriptions, plans, and the flags that name each field.
// Light on purpose: the phone library loads only in the commands that check a phone number.
import { fieldsError, TixError, type FieldProblem } from '../../core/errors.ts';
import type { Contact, ContactDraft, ContactPlan } from '../../api/types.ts';
import type { ContactFieldNames } from '../../core/contact-input.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { formatTime, type Column } from '../../io/output.ts';

export const CONTACT_FIELDS = ['id', 'type', 'name', 'emails', 'phone', 'createdAt', 'updatedAt'] as const;

export function contactColumns(io: IOStreams): Column<Contact>[] {
  return [
    { header: 'id', value: (c) => String(c.id) },
    { header: 'type', value: (c) => c.type },
    { header: 'name', value: (c) => c.name, shrink: 1 },
    { header: 'emails', value: (c) => c.emails.join(io.isStdoutTTY ? ', ' : ','), shrink: 1 },
    { header: 'phone', value: (c) => c.phone ?? '' },
    { header: 'updated', value: (c) => formatTime(io, c.updatedAt) },
  ];
}

/** `#3 technical "Ops team" <ops@example.com> +33612345678`, for status lines, prompts and plans. */
export function describeContact(c: ContactDraft & { id?: number | null }): string {
  const id = c.id ? `#${c.id} ` : '';
  return `${id}${c.type} "${c.name}" ${c.emails.map((e) => `<${e}>`).join(', ')}${c.phone ? ` ${c.phone}` : ''}`;
}

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

/** A refusal by field from the server (what only it can know, e.g. the last address), told with the flags' names. */
export async function inFlagTerms<T>(intro: string, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (!(err instanceof TixError) || err.exitCode !== 2 || !err.fields?.length) throw err;
    const problems: FieldProblem[] = err.fields.map((f) => ({
      field: FLAGS.find(([re]) => re.test(f.field))?.[1] ?? f.field,
      message: f.message,
    }));
    throw fieldsError(problems, intro);
  }
}

/** The plan of `tix contact apply`, one line a contact, for people (stderr). */
export function printPlan(io: IOStreams, plan: ContactPlan): void {
  const paint = (code: number, s: string) => (io.colorStderr ? `\u001b[${code}m${s}\u001b[39m` : s);
  for (const c of plan.add) io.err(`${paint(32, '+ add')} ${describeContact(c)}\n`);
  for (const c of plan.change)
    io.err(`${paint(33, '~ change')} #${c.id} ${c.after.type} "${c.after.name}": ${differences(c.before, c.after).join('; ')}\n`);
  for (const c of plan.remove) io.err(`${paint(31, '- remove')} ${describeContact(c)}\n`);
  if (plan.unchanged) io.err(`  ${plan.unchanged} unchanged\n`);
}

function differences(before: ContactDraft, after: ContactDraft): string[] {
  const out: string[] = [];
  if (before.name !== after.name) out.push(`name "${before.name}" → "${after.name}"`);
  const added = after.emails.filter((e) => !before.emails.includes(e));
  const removed = before.emails.filter((e) => !after.emails.includes(e));
  if (added.length || removed.length) out.push([...added.map((e) => `+<${e}>`), ...removed.map((e) => `-<${e}>`)].join(' '));
  if (before.phone !== after.phone) out.push(`phone ${before.phone ?? 'none'} → ${after.phone ?? 'none'}`);
  return out;
}

export function planSize(plan: ContactPlan): number {
  return plan.add.length + plan.change.length + plan.remove.length;
}
