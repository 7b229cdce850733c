// What the tix serve provider is, without its code: read before anything is sent (references, statuses,
// capabilities), so it stays in the main bundle and costs nothing to load. The code is in index.ts, loaded on
// first use.
import type { ProviderInfo } from '../../api/provider.ts';
import { tixStatuses } from './statuses.ts';

export const info: ProviderInfo = {
  name: 'tix',
  displayName: 'tix serve',
  // the reference helpdesk: it can do everything tix can
  capabilities: ['tickets', 'requestTypes', 'readState', 'contacts', 'tokens', 'settings', 'organisation', 'notifications'],
  statuses: tixStatuses,
  parseRef: (text) => {
    const m = /^#?([1-9]\d*)$/.exec(text.trim());
    return m && Number.isSafeInteger(Number(m[1])) ? m[1] : undefined;
  },
  showRef: (ref) => `#${ref}`,
  refExample: { en: 'a ticket number such as 42', fr: 'un numéro de demande, par exemple 42' },
  login: { password: true, token: true },
};
