// Checking a contact as people write it (flags, prompts, a contacts file, an API body), shared by the CLI and
// the server so both refuse the same things with the same words. Loads the phone library: import it lazily.
import type { FieldProblem } from './errors.ts';
import { checkEmails, contactNameKey, contactNameProblem, contactTypeProblem, type ContactType } from './contacts.ts';
import type { Locale, LocalText } from './i18n.ts';
import { problem, t } from './messages.ts';
import { normalisePhone } from './phone.ts';

/** A contact without its identity: what a contacts file declares and what a plan adds or changes. */
export interface ContactDraft {
  type: ContactType;
  name: string;
  emails: string[];
  /** E.164, or null */
  phone: string | null;
}

export interface ContactInput {
  type?: string;
  name?: string;
  emails?: string[];
  /** '' and null both mean "no phone" */
  phone?: string | null;
}

/** How the caller names each input in its problems: `emails[1]` for the API, `--email` for the CLI. */
export interface ContactFieldNames {
  type: string;
  name: string;
  emails: string;
  email(i: number): string;
  phone: string;
}

export function apiFieldNames(prefix = ''): ContactFieldNames {
  return {
    type: `${prefix}type`,
    name: `${prefix}name`,
    emails: `${prefix}emails`,
    email: (i) => `${prefix}emails[${i}]`,
    phone: `${prefix}phone`,
  };
}

/** Checks the inputs that are present (all of them for a new contact, some for a change) and normalises them. */
export function checkContactInput(
  input: ContactInput,
  names: ContactFieldNames,
): { value: Partial<ContactDraft>; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const value: Partial<ContactDraft> = {};
  /** a problem found in English is reported with its text in every language */
  const bad = (field: string, text: (l: Locale) => string | undefined) => {
    if (text('en') === undefined) return false;
    problems.push(problem(field, text as LocalText));
    return true;
  };
  if (input.type !== undefined) {
    const type = input.type;
    if (!bad(names.type, (l) => contactTypeProblem(type, l))) value.type = type as ContactType;
  }
  if (input.name !== undefined) {
    const name = input.name;
    if (!bad(names.name, (l) => contactNameProblem(name, l))) value.name = name.trim();
  }
  if (input.emails !== undefined) {
    const checked = checkEmails(input.emails, names.email, names.emails);
    problems.push(...checked.problems);
    value.emails = checked.emails;
  }
  if (input.phone !== undefined) {
    const given = input.phone;
    const phone = checkPhone(given);
    if ('problem' in phone) bad(names.phone, (l) => (checkPhone(given, l) as { problem: string }).problem);
    else value.phone = phone.phone;
  }
  return { value, problems };
}

/** A phone as given, where '' and null mean none. */
export function checkPhone(text: string | null, locale: Locale = 'en'): { phone: string | null } | { problem: string } {
  return text === null || text.trim() === '' ? { phone: null } : normalisePhone(text, locale);
}

export const MAX_CONTACTS_PER_FILE = 200;
const ENTRY_KEYS = ['type', 'name', 'emails', 'phone'];

/**
 * A contacts file: `{"contacts": [...]}` or a bare array of `{type, name, emails, phone?}`. Every problem is
 * reported at once, by its path (`contacts[2].phone`). `ignore` lists keys allowed and dropped, so the output
 * of `tix contact list --json` (with ids and times) can be applied back.
 */
export function parseContactList(data: unknown, opts: { ignore?: string[] } = {}): { contacts: ContactDraft[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const bad = (field: string, text: LocalText) => problems.push(problem(field, text));
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  let list: unknown;
  let root: string;
  if (Array.isArray(data)) {
    list = data;
    root = '';
  } else if (isObject(data) && Object.keys(data).every((k) => k === 'contacts')) {
    list = data.contacts;
    root = 'contacts';
  } else {
    return { contacts: [], problems: [problem('(root)', t.text('contactFile.shape'))] };
  }
  if (!Array.isArray(list)) return { contacts: [], problems: [problem(root, t.text('contactFile.array'))] };
  if (list.length > MAX_CONTACTS_PER_FILE)
    return {
      contacts: [],
      problems: [problem(root || '(root)', t.text('contactFile.tooMany', { max: MAX_CONTACTS_PER_FILE, count: list.length }))],
    };

  const contacts: ContactDraft[] = [];
  const seen = new Map<string, string>();
  for (const [i, entry] of (list as unknown[]).entries()) {
    const at = `${root}[${i}]`;
    if (!isObject(entry)) {
      bad(at, t.text('contactFile.entry'));
      continue;
    }
    for (const k of Object.keys(entry))
      if (!ENTRY_KEYS.includes(k) && !opts.ignore?.includes(k))
        bad(`${at}.${k}`, t.text('contactFile.unknownKey', { keys: ENTRY_KEYS.join(', ') }));
    const text = (key: string): string | undefined => {
      const v = entry[key];
      if (typeof v === 'string') return v;
      bad(`${at}.${key}`, t.text(v === undefined ? 'contactFile.required' : 'contactFile.string'));
      return undefined;
    };
    const type = text('type');
    const name = text('name');
    let emails: string[] | undefined;
    if (Array.isArray(entry.emails) && entry.emails.every((e) => typeof e === 'string')) emails = entry.emails as string[];
    else bad(`${at}.emails`, t.text(entry.emails === undefined ? 'contactFile.emailsRequired' : 'contactFile.emailsArray'));
    const phone = entry.phone;
    if (phone !== undefined && phone !== null && typeof phone !== 'string') bad(`${at}.phone`, t.text('contactFile.phone'));

    const checked = checkContactInput({ type, name, emails, phone: typeof phone === 'string' ? phone : null }, apiFieldNames(`${at}.`));
    problems.push(...checked.problems);
    const v = checked.value;
    if (v.type === undefined || v.name === undefined || v.emails === undefined || checked.problems.length) continue;
    const key = `${v.type}\n${contactNameKey(v.name)}`;
    const first = seen.get(key);
    if (first) {
      bad(`${at}.name`, t.text('contactFile.twice', { name: v.name, type: v.type, first }));
      continue;
    }
    seen.set(key, at);
    contacts.push({ type: v.type, name: v.name, emails: v.emails, phone: v.phone ?? null });
  }
  return { contacts, problems };
}
