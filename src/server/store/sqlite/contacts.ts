import type { ContactDraft } from '../../../core/contact-input.ts';
import { contactNameKey } from '../../../core/contacts.ts';
import { sameContact } from '../shared.ts';
import type { ContactChanges, ContactRow, ContactStore, DuplicateContact } from '../store.ts';
import type { Row, SqliteDatabase } from './database.ts';

/** A company's contacts on SQLite; the unique index on (company, type, name_key) is the last word on duplicates. */
export class SqliteContactStore implements ContactStore {
  private readonly sql: SqliteDatabase;

  constructor(sql: SqliteDatabase) {
    this.sql = sql;
  }

  async listContacts(companyId: number): Promise<ContactRow[]> {
    return this.sql.all<Row>('SELECT * FROM contacts WHERE company_id = ? ORDER BY id', companyId).map(toContact);
  }

  async getContact(companyId: number, id: number): Promise<ContactRow | undefined> {
    const row = this.sql.get<Row>('SELECT * FROM contacts WHERE company_id = ? AND id = ?', companyId, id);
    return row && toContact(row);
  }

  /** Another contact of the company with this type and name, case aside. */
  private sameNamedContact(companyId: number, c: ContactDraft, exceptId = 0): ContactRow | undefined {
    const row = this.sql.get<Row>(
      'SELECT * FROM contacts WHERE company_id = ? AND type = ? AND name_key = ? AND id <> ?',
      companyId,
      c.type,
      contactNameKey(c.name),
      exceptId,
    );
    return row && toContact(row);
  }

  private insertRow(companyId: number, c: ContactDraft, at: string): number {
    return Number(
      this.sql.get<Row>(
        'INSERT INTO contacts (company_id, type, name, name_key, emails, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id',
        companyId,
        c.type,
        c.name,
        contactNameKey(c.name),
        JSON.stringify(c.emails),
        c.phone,
        at,
        at,
      )!.id,
    );
  }

  private updateRow(id: number, c: ContactDraft, at: string): void {
    this.sql.run(
      'UPDATE contacts SET name = ?, name_key = ?, emails = ?, phone = ?, updated_at = ? WHERE id = ?',
      c.name,
      contactNameKey(c.name),
      JSON.stringify(c.emails),
      c.phone,
      at,
      id,
    );
  }

  async insertContact(companyId: number, c: ContactDraft, at: string): Promise<ContactRow | DuplicateContact> {
    return this.sql.transaction(() => {
      const duplicate = this.sameNamedContact(companyId, c);
      if (duplicate) return { duplicate };
      return toContact(this.sql.get<Row>('SELECT * FROM contacts WHERE id = ?', this.insertRow(companyId, c, at))!);
    });
  }

  async updateContact<P>(
    companyId: number,
    id: number,
    decide: (current: ContactRow) => ContactDraft | { problems: P },
    at: string,
  ): Promise<ContactRow | DuplicateContact | { problems: P } | undefined> {
    return this.sql.transaction(() => {
      const row = this.sql.get<Row>('SELECT * FROM contacts WHERE company_id = ? AND id = ?', companyId, id);
      if (!row) return undefined;
      const current = toContact(row);
      const next = decide(current);
      if ('problems' in next) return next;
      const duplicate = this.sameNamedContact(companyId, next, id);
      if (duplicate) return { duplicate };
      if (sameContact(current, next)) return current;
      this.updateRow(id, next, at);
      return { ...current, ...next, updatedAt: at };
    });
  }

  async deleteContact(companyId: number, id: number): Promise<boolean> {
    return Number(this.sql.run('DELETE FROM contacts WHERE company_id = ? AND id = ?', companyId, id).changes) > 0;
  }

  async applyContacts<R>(
    companyId: number,
    plan: (current: ContactRow[]) => ContactChanges | { refused: R },
    opts: { at: string; dryRun: boolean },
  ): Promise<{ changes: ContactChanges; addedIds: number[] } | { refused: R }> {
    return this.sql.transaction(() => {
      const changes = plan(this.sql.all<Row>('SELECT * FROM contacts WHERE company_id = ? ORDER BY id', companyId).map(toContact));
      if ('refused' in changes) return changes;
      if (opts.dryRun) return { changes, addedIds: [] };
      for (const id of changes.remove) this.sql.run('DELETE FROM contacts WHERE company_id = ? AND id = ?', companyId, id);
      for (const c of changes.change) this.updateRow(c.id, c.after, opts.at);
      return { changes, addedIds: changes.add.map((c) => this.insertRow(companyId, c, opts.at)) };
    });
  }
}

function toContact(r: Row): ContactRow {
  return {
    id: Number(r.id),
    companyId: Number(r.company_id),
    type: r.type as ContactRow['type'],
    name: String(r.name),
    emails: JSON.parse(String(r.emails)) as string[],
    phone: r.phone === null ? null : String(r.phone),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}
