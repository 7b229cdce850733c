// The Request Tracker provider's code, loaded only for a profile whose provider is rt (its declaration is info.ts).
import type { ProviderImplementation } from '../../api/backend.ts';
import { RtBackend } from './backend.ts';
import { rtHttp } from './http.ts';

export const implementation: ProviderImplementation = {
  connect: (c, info) =>
    new RtBackend(info, rtHttp(c), {
      credential: c.credential?.token,
      withCredential: (token) => rtHttp({ ...c, credential: { token } }),
      settings: c.http,
    }),
  http: rtHttp,
};
