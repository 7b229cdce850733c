import type { MarkReadPolicy, Settings } from '../../api/types.ts';
import { forbidden, invalid, notFound } from '../errors.ts';
import type { CompanyRow, Store } from '../store/store.ts';
import { requireMessageAccess, requireScope, type Principal } from './principal.ts';

/** Organisation settings (seed 002): read by those who reach messages, changed by the company's admins. */
export class SettingsService {
  private readonly store: Store;

  constructor(store: Store) {
    this.store = store;
  }

  /** The caller's company; support agents name one by SIREN. */
  private async company(p: Principal, siren: string | undefined): Promise<CompanyRow> {
    requireMessageAccess(p);
    if (p.role === 'agent') {
      if (!siren) throw invalid([{ field: 'company', message: 'support agents name the company: ?company=SIREN' }]);
      const company = await this.store.companyBySiren(siren);
      if (!company) throw notFound(`no company ${siren}`);
      return company;
    }
    const company = p.user.companyId === null ? undefined : await this.store.getCompany(p.user.companyId);
    // a company other than one's own is answered like one that does not exist
    if (!company || (siren && siren !== company.siren)) throw notFound(`no company ${siren ?? ''}`.trim());
    return company;
  }

  async get(p: Principal, siren?: string): Promise<Settings> {
    const c = await this.company(p, siren);
    return { company: { siren: c.siren, name: c.name }, markRead: c.markRead };
  }

  async update(p: Principal, change: { markRead?: MarkReadPolicy }): Promise<Settings> {
    requireScope(p, 'settings:write');
    if (p.role !== 'admin') throw forbidden('only administrators of the company change its settings');
    const c = await this.company(p, undefined);
    if (change.markRead) await this.store.setMarkRead(c.id, change.markRead);
    return this.get(p);
  }
}
