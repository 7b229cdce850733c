// Checking a contact as people write it (flags, prompts, a contacts file, an API body), shared by the CLI and
// the server so both refuse the same things with the same words. Loads the phone library: import it lazily.
import type { FieldProblem } from './errors.ts';
import { checkEmails, contactNameKey, contactNameProblem, contactTypeProblem, type ContactType } from './contacts.ts';
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
  const bad = (field: string, message: string | undefined) => message !== undefined && problems.push({ field, message });
  if (input.type !== undefined) {
    const problem = contactTypeProblem(input.type);
    bad(names.type, problem);
    if (!problem) value.type = input.type as ContactType;
  }
  if (input.name !== undefined) {
    const problem = contactNameProblem(input.name);
    bad(names.name, problem);
    if (!problem) value.name = input.name.trim();
  }
  if (input.emails !== undefined) {
    const checked = checkEmails(input.emails, names.email, names.emails);
    problems.push(...checked.problems);
    value.emails = checked.emails;
  }
  if (input.phone !== undefined) {
    const phone = checkPhone(input.phone);
    if ('problem' in phone) bad(names.phone, phone.problem);
    else value.phone = phone.phone;
  }
  return { value, problems };
}

/** A phone as given, where '' and null mean none. */
export function checkPhone(text: string | null): { phone: string | null } | { problem: string } {
  return text === null || text.trim() === '' ? { phone: null } : normalisePhone(text);
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
  const bad = (field: string, message: string) => problems.push({ field, message });
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
    return {
      contacts: [],
      problems: [
        {
          field: '(root)',
          message:
            'expected {"contacts": [{"type": "technical", "name": "…", "emails": ["…"], "phone": "+33…"}]} or a bare array of contacts',
        },
      ],
    };
  }
  if (!Array.isArray(list)) return { contacts: [], problems: [{ field: root, message: 'expected an array of contacts' }] };
  if (list.length > MAX_CONTACTS_PER_FILE)
    return {
      contacts: [],
      problems: [{ field: root || '(root)', message: `at most ${MAX_CONTACTS_PER_FILE} contacts (got ${list.length})` }],
    };

  const contacts: ContactDraft[] = [];
  const seen = new Map<string, string>();
  for (const [i, entry] of (list as unknown[]).entries()) {
    const at = `${root}[${i}]`;
    if (!isObject(entry)) {
      bad(at, 'expected an object with type, name, emails and optionally phone');
      continue;
    }
    for (const k of Object.keys(entry))
      if (!ENTRY_KEYS.includes(k) && !opts.ignore?.includes(k)) bad(`${at}.${k}`, `unknown key; allowed: ${ENTRY_KEYS.join(', ')}`);
    const text = (key: string): string | undefined => {
      const v = entry[key];
      if (typeof v === 'string') return v;
      bad(`${at}.${key}`, v === undefined ? 'is required' : 'expected a string');
      return undefined;
    };
    const type = text('type');
    const name = text('name');
    let emails: string[] | undefined;
    if (Array.isArray(entry.emails) && entry.emails.every((e) => typeof e === 'string')) emails = entry.emails as string[];
    else
      bad(
        `${at}.emails`,
        entry.emails === undefined
          ? 'is required: an array of e-mail addresses, e.g. ["ops@example.com"]'
          : 'expected an array of e-mail addresses, e.g. ["ops@example.com"]',
      );
    const phone = entry.phone;
    if (phone !== undefined && phone !== null && typeof phone !== 'string')
      bad(`${at}.phone`, 'expected a string in international form, e.g. "+33 6 12 34 56 78", or null');

    const checked = checkContactInput({ type, name, emails, phone: typeof phone === 'string' ? phone : null }, apiFieldNames(`${at}.`));
    problems.push(...checked.problems);
    const v = checked.value;
    if (v.type === undefined || v.name === undefined || v.emails === undefined || checked.problems.length) continue;
    const key = `${v.type}\n${contactNameKey(v.name)}`;
    const first = seen.get(key);
    if (first) {
      bad(
        `${at}.name`,
        `"${v.name}" is listed twice among the ${v.type} contacts (also ${first}); a contact is known by its type and name`,
      );
      continue;
    }
    seen.set(key, at);
    contacts.push({ type: v.type, name: v.name, emails: v.emails, phone: v.phone ?? null });
  }
  return { contacts, problems };
}
