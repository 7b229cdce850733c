import type { Settings } from '../../api/types.ts';
import type { Locale } from '../../core/i18n.ts';
import type { MarkReadPolicy } from '../../core/settings.ts';
import { forbidden } from '../errors.ts';
import type { CompanyRow, Store } from '../store/store.ts';
import { companyFor, requireMessageAccess, requireScope, type Principal } from './principal.ts';

/** Organisation settings (seed 002): read by those who reach messages, changed by the company's admins. */
export class SettingsService {
  private readonly store: Store;

  constructor(store: Store) {
    this.store = store;
  }

  /** The caller's company; support agents name one by SIREN. */
  private async company(p: Principal, siren: string | undefined): Promise<CompanyRow> {
    requireMessageAccess(p);
    return companyFor(this.store, p, siren, 'the SIREN of the company (tix settings list --company SIREN)');
  }

  async get(p: Principal, siren?: string): Promise<Settings> {
    requireScope(p, 'settings:read');
    return toSettings(await this.company(p, siren));
  }

  async update(p: Principal, change: { markRead?: MarkReadPolicy; language?: Locale }): Promise<Settings> {
    requireScope(p, 'settings:write');
    if (p.role !== 'admin') throw forbidden('only administrators of the company change its settings', 'admin_only');
    const c = await this.company(p, undefined);
    if (change.markRead) await this.store.settings.setMarkRead(c.id, change.markRead);
    if (change.language) await this.store.settings.setLanguage(c.id, change.language);
    // the answer is the change made, which a settings:write token may see
    return toSettings(await this.company(p, undefined));
  }
}

function toSettings(c: CompanyRow): Settings {
  return { company: { siren: c.siren, name: c.name }, markRead: c.markRead, language: c.language };
}
