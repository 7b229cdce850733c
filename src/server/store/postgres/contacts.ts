import type { ContactDraft } from '../../../core/contact-input.ts';
import { contactNameKey } from '../../../core/contacts.ts';
import { sameContact } from '../shared.ts';
import type { ContactChanges, ContactRow, ContactStore, DuplicateContact } from '../store.ts';
import { type PgDatabase, type Queryable, RollbackWith, type Row } from './database.ts';

// unique_violation: a contact of the same type and name committed by another instance between our check and our
// write; the transaction runs again and answers "duplicate" from what it then sees
const UNIQUE_VIOLATION = '23505';

/**
 * A company's contacts on PostgreSQL. Every write first locks the company's row, so the writes to one company's
 * contacts take turns across instances (an `apply` plans against a set nobody changes under it); the unique
 * constraint on (company, type, name_key) stays the last word on duplicates.
 */
export class PgContactStore implements ContactStore {
  private readonly db: PgDatabase;

  constructor(db: PgDatabase) {
    this.db = db;
  }

  async listContacts(companyId: number): Promise<ContactRow[]> {
    return (await this.db.query('SELECT * FROM contacts WHERE company_id = $1 ORDER BY id', [companyId])).map(toContact);
  }

  async getContact(companyId: number, id: number): Promise<ContactRow | undefined> {
    const row = await this.db.one('SELECT * FROM contacts WHERE company_id = $1 AND id = $2', [companyId, id]);
    return row && toContact(row);
  }

  private async writeContacts<T>(companyId: number, fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction(
      async (tx) => {
        // FOR NO KEY UPDATE: contact writers of this company wait for each other; nothing else is held up
        await tx.query('SELECT id FROM companies WHERE id = $1 FOR NO KEY UPDATE', [companyId]);
        return fn(tx);
      },
      { retryOn: [UNIQUE_VIOLATION] },
    );
  }

  async insertContact(companyId: number, c: ContactDraft, at: string): Promise<ContactRow | DuplicateContact> {
    return this.writeContacts(companyId, async (tx) => {
      const duplicate = await sameNamedContact(tx, companyId, c);
      if (duplicate) return { duplicate };
      return toContact((await tx.one('SELECT * FROM contacts WHERE id = $1', [await insertRow(tx, companyId, c, at)]))!);
    });
  }

  async updateContact<P>(
    companyId: number,
    id: number,
    decide: (current: ContactRow) => ContactDraft | { problems: P },
    at: string,
  ): Promise<ContactRow | DuplicateContact | { problems: P } | undefined> {
    return this.writeContacts(companyId, async (tx) => {
      const row = await tx.one('SELECT * FROM contacts WHERE company_id = $1 AND id = $2', [companyId, id]);
      if (!row) return undefined;
      const current = toContact(row);
      const next = decide(current);
      if ('problems' in next) return next;
      const duplicate = await sameNamedContact(tx, companyId, next, id);
      if (duplicate) return { duplicate };
      if (sameContact(current, next)) return current;
      await updateRow(tx, id, next, at);
      return { ...current, ...next, updatedAt: at };
    });
  }

  async deleteContact(companyId: number, id: number): Promise<boolean> {
    return (await this.db.run('DELETE FROM contacts WHERE company_id = $1 AND id = $2', [companyId, id])) > 0;
  }

  async applyContacts<R>(
    companyId: number,
    plan: (current: ContactRow[]) => ContactChanges | { refused: R },
    opts: { at: string; dryRun: boolean },
  ): Promise<{ changes: ContactChanges; addedIds: number[] } | { refused: R }> {
    return this.writeContacts(companyId, async (tx) => {
      const changes = plan((await tx.query('SELECT * FROM contacts WHERE company_id = $1 ORDER BY id', [companyId])).map(toContact));
      if ('refused' in changes) return changes;
      // a dry run writes nothing; rolling back also lets the company's lock go at once
      if (opts.dryRun) throw new RollbackWith({ changes, addedIds: [] });
      for (const id of changes.remove) await tx.query('DELETE FROM contacts WHERE company_id = $1 AND id = $2', [companyId, id]);
      for (const c of changes.change) await updateRow(tx, c.id, c.after, opts.at);
      const addedIds: number[] = [];
      for (const c of changes.add) addedIds.push(await insertRow(tx, companyId, c, opts.at));
      return { changes, addedIds };
    });
  }
}

/** Another contact of the company with this type and name, case aside. */
async function sameNamedContact(tx: Queryable, companyId: number, c: ContactDraft, exceptId = 0): Promise<ContactRow | undefined> {
  const row = await tx.one('SELECT * FROM contacts WHERE company_id = $1 AND type = $2 AND name_key = $3 AND id <> $4', [
    companyId,
    c.type,
    contactNameKey(c.name),
    exceptId,
  ]);
  return row && toContact(row);
}

async function insertRow(tx: Queryable, companyId: number, c: ContactDraft, at: string): Promise<number> {
  const row = await tx.one(
    `INSERT INTO contacts (company_id, type, name, name_key, emails, phone, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
    [companyId, c.type, c.name, contactNameKey(c.name), c.emails, c.phone, at],
  );
  return Number(row!.id);
}

async function updateRow(tx: Queryable, id: number, c: ContactDraft, at: string): Promise<void> {
  await tx.query('UPDATE contacts SET name = $1, name_key = $2, emails = $3, phone = $4, updated_at = $5 WHERE id = $6', [
    c.name,
    contactNameKey(c.name),
    c.emails,
    c.phone,
    at,
    id,
  ]);
}

function toContact(r: Row): ContactRow {
  return {
    id: Number(r.id),
    companyId: Number(r.company_id),
    type: r.type as ContactRow['type'],
    name: String(r.name),
    emails: r.emails as string[],
    phone: r.phone ?? null,
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}
