// The questions `contact add` and `contact edit` ask on a terminal, each checked as it is typed with the same
// rules as the flags. Loaded with `await import()` only when a prompt is shown (it pulls in the phone library).
import { contactTypes, checkEmails, contactNameProblem, contactTypeDescription, type ContactType } from '../../core/contacts.ts';
import { checkPhone } from '../../core/contact-input.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { problemText } from '../../core/messages.ts';
import { askChoice, askText } from '../../io/prompter.ts';
import { splitList, typeName } from './format.ts';
import { t } from './messages.ts';

export function askType(io: IOStreams): Promise<ContactType> {
  const l = io.locale;
  return askChoice(
    io,
    t(l, 'prompt.type'),
    contactTypes.map((type) => ({ value: type, name: typeName(l, type), description: contactTypeDescription(type, l) })),
  );
}

/** With a current value, it stands on the line to be edited. */
export async function askName(io: IOStreams, current?: string): Promise<string> {
  return (
    await askText(io, t(io.locale, current === undefined ? 'prompt.newName' : 'prompt.name'), {
      default: current,
      prefill: 'editable',
      validate: (v) => contactNameProblem(v, io.locale) ?? true,
    })
  ).trim();
}

/** Addresses separated by commas; returns them normalised and deduplicated. */
export async function askEmails(io: IOStreams, current?: string[]): Promise<string[]> {
  const listed = (text: string) => checkEmails(splitList([text]), () => 'email', 'email');
  const text = await askText(io, t(io.locale, 'prompt.emails'), {
    default: current?.join(', '),
    prefill: 'editable',
    validate: (v) =>
      listed(v)
        .problems.map((p) => problemText(p, io.locale))
        .join(t(io.locale, 'separator')) || true,
  });
  return listed(text).emails;
}

/** An optional phone in international form; "-" alone or an empty line means none. Returns E.164 or null. */
export async function askPhone(io: IOStreams, current?: string | null): Promise<string | null> {
  const phoneOf = (v: string) => checkPhone(v.trim() === '-' ? '' : v);
  const text = await askText(io, t(io.locale, current ? 'prompt.phone' : 'prompt.newPhone'), {
    default: current ?? undefined,
    prefill: 'editable',
    required: false,
    validate: (v) => {
      const r = checkPhone(v.trim() === '-' ? '' : v, io.locale);
      return 'problem' in r ? r.problem : true;
    },
  });
  const r = phoneOf(text);
  return 'phone' in r ? r.phone : null;
}
