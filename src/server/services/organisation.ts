import type { Establishment } from '../../api/types.ts';
import type { Store } from '../store/store.ts';
import { requireMessageAccess, requireScope, type Principal } from './principal.ts';

export class OrganisationService {
  private readonly store: Store;

  constructor(store: Store) {
    this.store = store;
  }

  /** The establishments a user administers; every establishment for a support agent. */
  async establishments(p: Principal): Promise<Establishment[]> {
    requireMessageAccess(p);
    // which establishments a token reaches is what filing and reading tickets need
    requireScope(p, 'tickets:read', 'tickets:write');
    const rows =
      p.role === 'agent' ? await this.store.identity.allEstablishments() : await this.store.identity.establishmentsByIds([...p.adminOf]);
    return rows.map((e) => ({ siret: e.siret, siren: e.siret.slice(0, 9), name: e.name }));
  }
}
