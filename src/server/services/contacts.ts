import { createHash } from 'node:crypto';
import type { FieldProblem } from '../../core/errors.ts';
import type { Contact, ContactApplyResult, ContactPatch, ContactPlan, ContactQuery, NewContact } from '../../api/types.ts';
import { apiFieldNames, checkContactInput, parseContactList, type ContactDraft } from '../../core/contact-input.ts';
import { contactNameKey, contactTypeProblem, contactTypes, MAX_CONTACT_EMAILS, normaliseEmail, sameEmails } from '../../core/contacts.ts';
import { ApiError, conflict, forbidden, invalid, notFound } from '../errors.ts';
import type { CompanyRow, ContactChanges, ContactRow, Store } from '../store/store.ts';
import { companyFor, requireScope, type Clock, type Principal } from './principal.ts';

/**
 * Account contacts (seed 003). They belong to the company: its administrators read and change them, and a
 * change is visible to every other administrator at once; support agents read any company's contacts by
 * SIREN; employees reach none. Another company's contact answers 404, like one that does not exist.
 */
export class ContactService {
  private readonly store: Store;
  private readonly clock: Clock;

  constructor(store: Store, clock: Clock) {
    this.store = store;
    this.clock = clock;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** The company whose contacts the caller may read (or change), or the reason why not. */
  private async company(p: Principal, access: 'read' | 'write', siren?: string): Promise<CompanyRow> {
    if (p.role === 'employee')
      throw forbidden("contacts need the administrator profile of your company's account; ask one of its administrators", 'admin_only');
    requireScope(p, access === 'read' ? 'contacts:read' : 'contacts:write');
    if (p.role === 'agent' && access === 'write')
      throw forbidden("support agents read contacts but do not change them; only the company's administrators can", 'agents_read_only');
    return companyFor(this.store, p, siren, 'the SIREN of the company whose contacts to read (tix contact list --company SIREN)');
  }

  async list(p: Principal, q: ContactQuery): Promise<Contact[]> {
    const company = await this.company(p, 'read', q.company);
    const problem = q.type === undefined ? undefined : contactTypeProblem(q.type);
    if (problem) throw invalid([{ field: 'type', message: problem }]);
    const rows = await this.store.contacts.listContacts(company.id);
    return sortContacts(rows.filter((c) => q.type === undefined || c.type === q.type)).map(toContact);
  }

  async get(p: Principal, id: number, siren?: string): Promise<Contact> {
    const company = await this.company(p, 'read', siren);
    const row = await this.store.contacts.getContact(company.id, id);
    if (!row) throw notFound(`no contact #${id}`, { resource: 'contact', id });
    return toContact(row);
  }

  async create(p: Principal, input: NewContact): Promise<Contact> {
    const company = await this.company(p, 'write');
    const { value, problems } = checkContactInput({ ...input, phone: input.phone ?? null }, apiFieldNames());
    if (problems.length) throw invalid(problems);
    const created = await this.store.contacts.insertContact(company.id, value as ContactDraft, this.now());
    if ('duplicate' in created) throw duplicateError(created.duplicate);
    return toContact(created);
  }

  async update(p: Principal, id: number, patch: ContactPatch): Promise<Contact> {
    const company = await this.company(p, 'write');
    const { value, problems } = checkContactInput(
      { name: patch.name, phone: patch.phone, emails: patch.addEmails },
      { ...apiFieldNames(), emails: 'addEmails', email: (i) => `addEmails[${i}]` },
    );
    if (problems.length) throw invalid(problems);
    const removing = (patch.removeEmails ?? []).map(normaliseEmail);
    // decided inside the store's transaction, against the contact as it is now: two administrators adding
    // addresses at the same moment both get theirs
    const updated = await this.store.contacts.updateContact<FieldProblem[]>(
      company.id,
      id,
      (current) => {
        const issues: FieldProblem[] = [];
        removing.forEach((e, i) => {
          if (!current.emails.includes(e))
            issues.push({
              field: `removeEmails[${i}]`,
              message: `"${e}" is not an address of this contact (${current.emails.join(', ')})`,
            });
        });
        const kept = current.emails.filter((e) => !removing.includes(e));
        const emails = [...kept, ...(value.emails ?? []).filter((e) => !kept.includes(e))];
        if (emails.length === 0)
          issues.push({
            field: 'removeEmails',
            message: 'would leave the contact without an e-mail address; add another address first, or remove the contact',
          });
        if (emails.length > MAX_CONTACT_EMAILS)
          issues.push({
            field: 'addEmails',
            message: `a contact has at most ${MAX_CONTACT_EMAILS} addresses (this would make ${emails.length}); use a group or distribution address for a team`,
          });
        if (issues.length) return { problems: issues };
        return {
          type: current.type,
          name: value.name ?? current.name,
          emails,
          phone: value.phone !== undefined ? value.phone : current.phone,
        };
      },
      this.now(),
    );
    if (!updated) throw notFound(`no contact #${id}`, { resource: 'contact', id });
    if ('problems' in updated) throw invalid(updated.problems);
    if ('duplicate' in updated) throw duplicateError(updated.duplicate);
    return toContact(updated);
  }

  async remove(p: Principal, id: number): Promise<void> {
    const company = await this.company(p, 'write');
    if (!(await this.store.contacts.deleteContact(company.id, id))) throw notFound(`no contact #${id}`, { resource: 'contact', id });
  }

  /**
   * Makes the company's contacts the declared set: every problem of the list is reported first (nothing is
   * changed), then the plan is made and applied in one transaction. With `ifFingerprint` (from a dry run) the
   * plan is applied only if it is still the one that was shown.
   */
  async apply(p: Principal, input: { contacts: unknown[]; dryRun: boolean; ifFingerprint?: string }): Promise<ContactApplyResult> {
    const company = await this.company(p, 'write');
    const { contacts, problems } = parseContactList({ contacts: input.contacts });
    if (problems.length)
      throw invalid(
        problems,
        `the contact list has ${problems.length} problem${problems.length > 1 ? 's' : ''}; nothing was changed: ${problems.map((f) => `${f.field}: ${f.message}`).join('; ')}`,
      );
    let plan: ContactPlan | undefined;
    let fingerprint = '';
    const result = await this.store.contacts.applyContacts(
      company.id,
      (current) => {
        plan = planContacts(current, contacts);
        fingerprint = createHash('sha256').update(JSON.stringify(plan)).digest('hex').slice(0, 32);
        if (input.ifFingerprint !== undefined && input.ifFingerprint !== fingerprint) return { refused: true };
        return changesOf(plan);
      },
      { at: this.now(), dryRun: input.dryRun },
    );
    if ('refused' in result) {
      throw conflict(
        'plan_changed',
        'the contacts changed since the plan was made (another administrator at work?); nothing was changed: look at the new plan and apply again',
      );
    }
    const made = plan!;
    return {
      plan: { ...made, add: made.add.map((a, i) => ({ ...a, id: result.addedIds[i] ?? null })) },
      applied: !input.dryRun,
      fingerprint,
    };
  }
}

function draftOf(c: ContactRow): ContactDraft {
  return { type: c.type, name: c.name, emails: c.emails, phone: c.phone };
}

function toContact(c: ContactRow): Contact {
  return { id: c.id, ...draftOf(c), createdAt: c.createdAt, updatedAt: c.updatedAt };
}

/** By type in the order of seed 003, then by name. */
function sortContacts(rows: ContactRow[]): ContactRow[] {
  const rank = (c: ContactRow) => contactTypes.indexOf(c.type);
  return [...rows].sort((a, b) => rank(a) - rank(b) || contactNameKey(a.name).localeCompare(contactNameKey(b.name)) || a.id - b.id);
}

const keyOf = (c: ContactDraft) => `${c.type}\n${contactNameKey(c.name)}`;

/** Matches declared contacts to existing ones by type and name (case aside). */
export function planContacts(current: ContactRow[], desired: ContactDraft[]): ContactPlan {
  const existing = new Map(current.map((c) => [keyOf(c), c]));
  const plan: ContactPlan = { add: [], change: [], remove: [], unchanged: 0 };
  const matched = new Set<number>();
  for (const d of desired) {
    const c = existing.get(keyOf(d));
    if (!c) {
      plan.add.push({ ...d, id: null });
      continue;
    }
    matched.add(c.id);
    if (c.name === d.name && c.phone === d.phone && sameEmails(c.emails, d.emails)) plan.unchanged++;
    else plan.change.push({ id: c.id, before: draftOf(c), after: d });
  }
  plan.remove = sortContacts(current.filter((c) => !matched.has(c.id))).map(toContact);
  return plan;
}

function changesOf(plan: ContactPlan): ContactChanges {
  return {
    add: plan.add.map(({ id: _, ...draft }) => draft),
    change: plan.change.map((c) => ({ id: c.id, after: c.after })),
    remove: plan.remove.map((c) => c.id),
  };
}

function duplicateError(d: ContactRow) {
  // the contact in data too: the CLI words the refusal in its reader's language from it
  return new ApiError(
    409,
    'contact_exists',
    `there is already a ${d.type} contact named "${d.name}" (#${d.id}); change it instead (tix contact edit ${d.id})`,
    { data: { contactId: d.id, type: d.type, name: d.name } },
  );
}
