// tix serve's own part of HTTP: its API path, its bearer tokens, its error envelope, and how messages name it.
import type { Connection } from '../../api/backend.ts';
import { type ErrorEnvelope, HttpClient, type RawResponse } from '../../api/http.ts';
import type { WireError } from './wire.ts';

/** Where tix serve's REST API lives under its address. */
export const API_BASE_PATH = '/api/v1';

export function tixHttp(c: Connection): HttpClient {
  return new HttpClient({
    ...c.http,
    server: c.server,
    basePath: API_BASE_PATH,
    authorization: c.credential ? `Bearer ${c.credential.token}` : undefined,
    wording: {
      name: 'the tix server',
      unreachableHint: 'check that the server runs (tix serve) and that --server / TIX_SERVER is right',
    },
    parseError: tixErrorEnvelope,
  });
}

/** `{"error":{"code","message","fields"?,…}}`: anything beyond the three (e.g. ticketId) travels on as data. */
export function tixErrorEnvelope(res: RawResponse): ErrorEnvelope | undefined {
  const parsed = JSON.parse(res.body.toString('utf8')) as Partial<WireError>;
  if (!parsed.error || typeof parsed.error !== 'object') return undefined;
  const { code, message, fields, ...rest } = parsed.error;
  return { code, message, fields, data: Object.keys(rest).length ? rest : undefined };
}
