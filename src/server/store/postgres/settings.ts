import type { Locale } from '../../../core/i18n.ts';
import type { MarkReadPolicy, SettingsStore } from '../store.ts';
import type { PgDatabase } from './database.ts';

/** Organisation settings on PostgreSQL: columns of the company's row. */
export class PgSettingsStore implements SettingsStore {
  private readonly db: PgDatabase;

  constructor(db: PgDatabase) {
    this.db = db;
  }

  async setMarkRead(companyId: number, policy: MarkReadPolicy): Promise<void> {
    await this.db.query('UPDATE companies SET mark_read = $1 WHERE id = $2', [policy, companyId]);
  }

  async setLanguage(companyId: number, language: Locale): Promise<void> {
    await this.db.query('UPDATE companies SET language = $1 WHERE id = $2', [language, companyId]);
  }
}
