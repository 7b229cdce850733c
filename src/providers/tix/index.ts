// The tix serve provider: the reference helpdesk, which can do everything tix can.
import type { ProviderModule } from '../../api/backend.ts';
import type { ProviderInfo } from '../../api/provider.ts';
import { TixBackend } from './backend.ts';
import { tixHttp } from './http.ts';
import { tixStatuses } from './statuses.ts';

export const info: ProviderInfo = {
  name: 'tix',
  displayName: 'tix serve',
  capabilities: ['tickets', 'requestTypes', 'readState', 'contacts', 'tokens', 'settings', 'organisation'],
  statuses: tixStatuses,
  parseRef: (text) => {
    const m = /^#?([1-9]\d*)$/.exec(text.trim());
    return m && Number.isSafeInteger(Number(m[1])) ? m[1] : undefined;
  },
  showRef: (ref) => `#${ref}`,
  refExample: 'a ticket number such as 42',
  login: { password: true, token: true },
};

export const provider: ProviderModule = {
  info,
  connect: (c) => new TixBackend(info, tixHttp(c)),
  http: tixHttp,
};
