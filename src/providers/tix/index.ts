// The tix serve provider's code, loaded on first use (its declaration is info.ts).
import type { ProviderImplementation } from '../../api/backend.ts';
import { TixBackend } from './backend.ts';
import { tixHttp } from './http.ts';

export const implementation: ProviderImplementation = {
  connect: (c, info) => new TixBackend(info, tixHttp(c)),
  http: tixHttp,
};
