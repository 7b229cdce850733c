// The Zendesk provider's code, loaded on first use (its declaration is info.ts).
import type { ProviderImplementation } from '../../api/backend.ts';
import { ZendeskBackend } from './backend.ts';
import { zendeskHttp } from './http.ts';

export const implementation: ProviderImplementation = {
  connect: (c, info) => new ZendeskBackend(info, zendeskHttp(c), c.http, c.credential !== undefined),
  http: zendeskHttp,
};
