// The questions `contact add` and `contact edit` ask on a terminal, each checked as it is typed with the same
// rules as the flags. Loaded with `await import()` only when a prompt is shown (it pulls in the phone library).
import { contactTypes, checkEmails, contactNameProblem, contactTypeDescription, type ContactType } from '../../core/contacts.ts';
import { checkPhone } from '../../core/contact-input.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { askChoice, askText } from '../../io/prompter.ts';
import { splitList } from './format.ts';

export function askType(io: IOStreams): Promise<ContactType> {
  return askChoice(
    io,
    'Type of contact',
    contactTypes.map((t) => ({ value: t, name: t, description: contactTypeDescription(t, io.locale) })),
  );
}

/** With a current value, it stands on the line to be edited. */
export async function askName(io: IOStreams, current?: string): Promise<string> {
  return (
    await askText(io, current === undefined ? 'Name (a person or a team)' : 'Name', {
      default: current,
      prefill: 'editable',
      validate: (v) => contactNameProblem(v) ?? true,
    })
  ).trim();
}

/** Addresses separated by commas; returns them normalised and deduplicated. */
export async function askEmails(io: IOStreams, current?: string[]): Promise<string[]> {
  const listed = (text: string) => checkEmails(splitList([text]), () => 'email', 'email');
  const text = await askText(io, 'E-mail addresses (separate several with commas)', {
    default: current?.join(', '),
    prefill: 'editable',
    validate: (v) =>
      listed(v)
        .problems.map((p) => p.message)
        .join('; ') || true,
  });
  return listed(text).emails;
}

/** An optional phone in international form; "-" alone or an empty line means none. Returns E.164 or null. */
export async function askPhone(io: IOStreams, current?: string | null): Promise<string | null> {
  const phoneOf = (v: string) => checkPhone(v.trim() === '-' ? '' : v);
  const text = await askText(
    io,
    current ? 'Phone (international form; - for none)' : 'Phone (optional, international form, e.g. +33 6 12 34 56 78)',
    {
      default: current ?? undefined,
      prefill: 'editable',
      required: false,
      validate: (v) => {
        const r = phoneOf(v);
        return 'problem' in r ? r.problem : true;
      },
    },
  );
  const r = phoneOf(text);
  return 'phone' in r ? r.phone : null;
}
