// Account contacts (seed 003): who the support team writes to about contracts, invoices, technical alerts,
// suspected fraud and chargebacks. Light on purpose (no phone library): `tix contact list` loads it.
import type { FieldProblem } from './errors.ts';
import { emailProblem } from './identifiers.ts';
import { oneLineProblem } from './text.ts';

export const contactTypes = ['commercial', 'accounting', 'technical', 'fraud', 'chargebacks'] as const;
export type ContactType = (typeof contactTypes)[number];

/** What each type of contact receives (seed 003). */
export const contactTypeDescriptions: Record<ContactType, string> = {
  commercial: 'the contract, offers and the business relationship',
  accounting: 'invoices and everything about accounting and payments',
  technical: 'transaction status, payment failures and technical alerts',
  fraud: 'told when fraud is suspected',
  chargebacks: 'told when a payment is disputed (chargeback)',
};

/** Enough for a team; beyond that a group or distribution address (seed 003) serves better. */
export const MAX_CONTACT_EMAILS = 20;
export const MAX_CONTACT_NAME = 100;

export function isContactType(value: string): value is ContactType {
  return (contactTypes as readonly string[]).includes(value);
}

export function contactTypeProblem(value: string): string | undefined {
  return isContactType(value) ? undefined : `unknown contact type "${value}"; one of ${contactTypes.join(', ')}`;
}

export function contactNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'is required: who this contact is, e.g. "Ops team" or "Marie Dupont"';
  if (name.trim().length > MAX_CONTACT_NAME) return `at most ${MAX_CONTACT_NAME} characters`;
  return oneLineProblem(name);
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
    const problem = emailProblem(email);
    if (problem) problems.push({ field: field(i), message: `"${raw}": ${problem}` });
    else if (!kept.includes(email)) kept.push(email);
  });
  if (emails.length === 0)
    problems.push({
      field: listField,
      message: 'at least one e-mail address is required (a group address such as technique@example.com is fine)',
    });
  else if (kept.length > MAX_CONTACT_EMAILS) {
    problems.push({
      field: listField,
      message: `at most ${MAX_CONTACT_EMAILS} addresses per contact (got ${kept.length}); use a group or distribution address for a team`,
    });
  }
  return { emails: kept, problems };
}

/** Same addresses, whatever the order. */
export function sameEmails(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}
