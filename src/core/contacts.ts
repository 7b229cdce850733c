// Account contacts (seed 003): who the support team writes to about contracts, invoices, technical alerts,
// suspected fraud and chargebacks. Light on purpose (no phone library): `tix contact list` loads it.
import type { FieldProblem } from './errors.ts';
import type { Locale } from './i18n.ts';
import { emailProblem } from './identifiers.ts';
import { problem, t } from './messages.ts';
import { oneLineProblem } from './text.ts';

export const contactTypes = ['commercial', 'accounting', 'technical', 'fraud', 'chargebacks'] as const;
export type ContactType = (typeof contactTypes)[number];

/** What each type of contact receives (seed 003). */
export function contactTypeDescription(type: ContactType, locale: Locale = 'en'): string {
  return t(locale, `contactType.${type}`);
}

/** Enough for a team; beyond that a group or distribution address (seed 003) serves better. */
export const MAX_CONTACT_EMAILS = 20;
export const MAX_CONTACT_NAME = 100;

export function isContactType(value: string): value is ContactType {
  return (contactTypes as readonly string[]).includes(value);
}

export function contactTypeProblem(value: string, locale: Locale = 'en'): string | undefined {
  return isContactType(value) ? undefined : t(locale, 'contact.unknownType', { value, types: contactTypes.join(', ') });
}

export function contactNameProblem(name: string, locale: Locale = 'en'): string | undefined {
  if (name.trim() === '') return t(locale, 'contact.nameRequired');
  if (name.trim().length > MAX_CONTACT_NAME) return t(locale, 'contact.nameTooLong', { max: MAX_CONTACT_NAME });
  return oneLineProblem(name, locale);
}

/** Contacts are matched by type and name whatever the case: "Ops team" and "ops TEAM" are the same contact. */
export function contactNameKey(name: string): string {
  return name.trim().normalize('NFC').toLowerCase();
}

/** Addresses as stored: trimmed and lower-cased, like users' e-mails. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks a contact's addresses and returns them normalised and deduplicated (case-insensitively, first one
 * kept). `field(i)` names the i-th address in problems (`emails[1]` for the API, `--email` for the CLI).
 */
export function checkEmails(
  emails: string[],
  field: (i: number) => string,
  listField: string,
): { emails: string[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const kept: string[] = [];
  emails.forEach((raw, i) => {
    const email = normaliseEmail(raw);
    if (emailProblem(email))
      problems.push(problem(field(i), (l) => t(l, 'contact.badEmail', { email: raw, problem: emailProblem(email, l)! })));
    else if (!kept.includes(email)) kept.push(email);
  });
  if (emails.length === 0) problems.push(problem(listField, t.text('contact.noEmail')));
  else if (kept.length > MAX_CONTACT_EMAILS)
    problems.push(problem(listField, t.text('contact.tooManyEmails', { max: MAX_CONTACT_EMAILS, count: kept.length })));
  return { emails: kept, problems };
}

/** Same addresses, whatever the order. */
export function sameEmails(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}
