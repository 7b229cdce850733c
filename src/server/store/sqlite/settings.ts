import type { Locale } from '../../../core/i18n.ts';
import type { MarkReadPolicy, SettingsStore } from '../store.ts';
import type { SqliteDatabase } from './database.ts';

/** Organisation settings on SQLite: columns of the company's row. */
export class SqliteSettingsStore implements SettingsStore {
  private readonly sql: SqliteDatabase;

  constructor(sql: SqliteDatabase) {
    this.sql = sql;
  }

  async setMarkRead(companyId: number, policy: MarkReadPolicy): Promise<void> {
    this.sql.run('UPDATE companies SET mark_read = ? WHERE id = ?', policy, companyId);
  }

  async setLanguage(companyId: number, language: Locale): Promise<void> {
    this.sql.run('UPDATE companies SET language = ? WHERE id = ?', language, companyId);
  }
}
