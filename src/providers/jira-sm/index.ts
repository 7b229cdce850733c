// The Jira Service Management provider's code, loaded on first use (its declaration is info.ts).
import type { ProviderImplementation } from '../../api/backend.ts';
import { JsmBackend } from './backend.ts';
import { jsmHttp } from './http.ts';

export const implementation: ProviderImplementation = {
  connect: (c, info) => new JsmBackend(info, jsmHttp(c), c),
  http: jsmHttp,
};
