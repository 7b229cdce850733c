import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { prepareOrganisation } from '../../src/server/organisation-seed.ts';
import { newToken } from '../../src/server/secrets.ts';
import { isolatedEnv, tempDir, tix } from '../helpers/cli.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Hostile and malformed input through the API and the CLI. Every case is answered with a 4xx and a message
// that says what is wrong: never a 500, never another establishment's (or company's) data, and the CLI maps
// it to the documented exit code.

let s: TestServer;
let foreign: TestServer;
const tokens: Record<string, string> = {};
let parisTicket: number;
let lilleTicket: number;
let closedTicket: number;
let parisUpload: string;
let yannUpload: string;
let demoContact: number;
let otherContact: number;
let dir: string;
// text only the people allowed to see it may ever get back
const PARIS_SECRET = `PARIS-SECRET-${Math.random().toString(36).slice(2)}`;
const OTHER_SECRET = `OTHERCO-SECRET-${Math.random().toString(36).slice(2)}`;
const OTHER = { siren: '732829320', siret: '73282932000074' };

beforeAll(async () => {
  s = await startTestServer();
  foreign = await startTestServer();
  dir = tempDir('tix-bad-input-');
  // a second company, with its own administrator and contact
  await s.store.identity.loadOrganisation(
    await prepareOrganisation(
      {
        companies: [{ siren: OTHER.siren, name: 'Autre Société', establishments: [{ siret: OTHER.siret, name: 'Autre Siège' }] }],
        users: [{ email: 'olga@other.test', name: 'Olga Autre', password: 'other-password', admin: [OTHER.siret] }],
      },
      'test',
    ),
  );
  for (const u of ['yann', 'sarah', 'agent', 'eve']) tokens[u] = await s.tokenFor(`${u}@demo.test`);
  tokens.olga = (await s.api('POST', '/auth/login', { body: { email: 'olga@other.test', password: 'other-password' } })).body.token;
  const up = (token: string, name: string, data: string) =>
    s.app
      .inject({
        method: 'POST',
        url: `/api/v1/uploads?name=${name}`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        payload: Buffer.from(data),
      })
      .then((r) => JSON.parse(r.body).id as string);
  parisUpload = await up(tokens.yann!, 'paris.txt', PARIS_SECRET);
  const paris = await s.api('POST', '/tickets', {
    token: tokens.yann,
    body: {
      type: 'question',
      establishment: est.paris.siret,
      fields: { summary: `Paris ${PARIS_SECRET}`, description: `Only for Paris: ${PARIS_SECRET}` },
      attachments: [parisUpload],
    },
  });
  parisTicket = paris.body.id;
  lilleTicket = (
    await s.api('POST', '/tickets', {
      token: tokens.sarah,
      body: {
        type: 'question',
        establishment: est.lille.siret,
        fields: { summary: 'Export "quoted" * NEAR( report', description: 'Lille question' },
      },
    })
  ).body.id;
  closedTicket = (
    await s.api('POST', '/tickets', {
      token: tokens.sarah,
      body: { type: 'question', establishment: est.lille.siret, fields: { summary: 'Closed one', description: 'x' } },
    })
  ).body.id;
  await s.api('POST', `/tickets/${closedTicket}/close`, { token: tokens.agent });
  yannUpload = await up(tokens.yann!, 'mine.txt', 'unattached');
  demoContact = (
    await s.api('POST', '/contacts', { token: tokens.yann, body: { type: 'technical', name: 'Demo Tech', emails: ['tech@demo.test'] } })
  ).body.id;
  otherContact = (
    await s.api('POST', '/contacts', {
      token: tokens.olga,
      body: { type: 'fraud', name: `Fraud ${OTHER_SECRET}`, emails: ['fraud@other.test'] },
    })
  ).body.id;

  // a read-only personal access token, an expired token, a revoked one, one from another server
  tokens.readOnly = (
    await s.api('POST', '/tokens', { token: tokens.yann, body: { name: 'read only', scopes: ['tickets:read'] } })
  ).body.token;
  const yannId = (await s.store.identity.findUserByEmail('yann@demo.test'))!.id;
  const expired = newToken('session');
  await s.store.identity.insertToken({
    userId: yannId,
    kind: 'session',
    name: 'old',
    tokenHash: expired.hash,
    prefix: expired.prefix,
    scopes: ['*'],
    createdAt: '2020-01-01T00:00:00.000Z',
    expiresAt: '2020-01-31T00:00:00.000Z',
  });
  tokens.expired = expired.token;
  tokens.revoked = (await s.api('POST', '/auth/login', { body: { email: 'sarah@demo.test', password: 'demo-password' } })).body.token;
  await s.api('POST', '/auth/logout', { token: tokens.revoked });
  tokens.foreign = await foreign.tokenFor('yann@demo.test');
});
afterAll(async () => {
  await foreign.close();
  await s.close();
});

type Caller = 'yann' | 'sarah' | 'agent' | 'eve' | 'olga' | 'readOnly' | 'expired' | 'revoked' | 'foreign' | 'nobody';

/** What a caller must never get back: Paris is Yann's and the agent's; the other company is Olga's and the agent's. */
function secretsHiddenFrom(as: Caller): string[] {
  return [...(['yann', 'agent', 'readOnly'].includes(as) ? [] : [PARIS_SECRET]), ...(['olga', 'agent'].includes(as) ? [] : [OTHER_SECRET])];
}

interface ApiCase {
  name: string;
  as: Caller;
  req: () => InjectOptions;
  status: number;
  /** the error code, when it is part of the contract */
  code?: string;
  message: RegExp;
}

const json =
  (method: string, url: string, body: unknown, headers: Record<string, string> = {}) =>
  (): InjectOptions => ({
    method: method as 'POST',
    url: `/api/v1${url}`,
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });
const get = (url: string | (() => string)) => (): InjectOptions => ({
  method: 'GET',
  url: `/api/v1${typeof url === 'string' ? url : url()}`,
});
const upload = (query: string, data: Buffer) => (): InjectOptions => ({
  method: 'POST',
  url: `/api/v1/uploads${query}`,
  headers: { 'content-type': 'application/octet-stream' },
  payload: data,
});
const question = (fields: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  type: 'question',
  establishment: est.paris.siret,
  fields: { summary: 'A question', description: 'Details', ...fields },
  ...extra,
});
const MiB = 1024 * 1024;

const apiCases: ApiCase[] = [
  // sizes
  {
    name: 'a login body over 1 MiB',
    as: 'nobody',
    req: json('POST', '/auth/login', { email: 'a@b.c', password: 'x'.repeat(2 * MiB) }),
    status: 413,
    code: 'body_too_large',
    message: /larger than the 1 MiB this endpoint accepts/,
  },
  {
    name: 'an attachment over 10 MiB',
    as: 'yann',
    req: upload('?name=big.bin', Buffer.alloc(10 * MiB + 1)),
    status: 413,
    code: 'body_too_large',
    message: /larger than the 10 MiB/,
  },
  { name: 'an empty attachment', as: 'yann', req: upload('?name=empty.txt', Buffer.alloc(0)), status: 422, message: /the file is empty/ },
  {
    name: 'a reply of 20001 characters',
    as: 'yann',
    req: () => json('POST', `/tickets/${parisTicket}/messages`, { body: 'x'.repeat(20001) })(),
    status: 422,
    message: /body must NOT have more than 20000 characters/,
  },
  {
    name: 'a summary of 5000 characters',
    as: 'yann',
    req: json('POST', '/tickets', question({ summary: 'x'.repeat(5000) })),
    status: 422,
    message: /summary: at most 200 characters \(got 5000\)/,
  },
  {
    name: 'a description of 20001 characters',
    as: 'yann',
    req: json('POST', '/tickets', question({ description: 'x'.repeat(20001) })),
    status: 422,
    message: /fields\.description must NOT have more than 20000 characters/,
  },
  {
    name: '60 form fields',
    as: 'yann',
    req: json('POST', '/tickets', question(Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`f${i}`, 'x'])))),
    status: 422,
    message: /fields must NOT have more than 50 properties/,
  },
  {
    name: '11 attachments',
    as: 'yann',
    req: json('POST', '/tickets', question({}, { attachments: Array.from({ length: 11 }, (_, i) => `up_${i}`) })),
    status: 422,
    message: /attachments must NOT have more than 10 items/,
  },
  {
    name: 'an Idempotency-Key of 201 characters',
    as: 'yann',
    req: json('POST', '/tickets', question(), { 'idempotency-key': 'k'.repeat(201) }),
    status: 422,
    message: /Idempotency-Key: 1 to 200 printable ASCII characters/,
  },
  {
    name: 'an Idempotency-Key with spaces',
    as: 'yann',
    req: json('POST', '/tickets', question(), { 'idempotency-key': 'two words' }),
    status: 422,
    message: /Idempotency-Key: 1 to 200 printable ASCII characters, no spaces/,
  },
  {
    name: 'a list filter with 20 statuses',
    as: 'yann',
    req: get(`/tickets?${Array(20).fill('status=open').join('&')}`),
    status: 422,
    message: /status must NOT have more than 10 items/,
  },
  {
    name: 'a search of 501 characters',
    as: 'yann',
    req: get(`/tickets?search=${'a'.repeat(501)}`),
    status: 422,
    message: /search must NOT have more than 500 characters/,
  },
  // encoding and syntax
  {
    name: 'invalid UTF-8 in a JSON body',
    as: 'yann',
    req: json('POST', '/tickets', Buffer.from('{"type":"question","fields":{"summary":"\xff\xfe"}}', 'latin1')),
    status: 400,
    code: 'invalid_utf8',
    message: /not valid UTF-8/,
  },
  {
    name: 'a lone UTF-16 surrogate escape (\\ud800)',
    as: 'yann',
    req: json(
      'POST',
      '/tickets',
      '{"type":"question","establishment":"81234567600017","fields":{"summary":"a\\ud800b","description":"d"}}',
    ),
    status: 400,
    code: 'invalid_utf8',
    message: /not valid Unicode/,
  },
  {
    name: 'a lone surrogate 100 000 arrays deep',
    as: 'yann',
    req: json('POST', '/tickets', `{"type":"question","fields":{},"x":${'['.repeat(100_000)}"\\udc00"${']'.repeat(100_000)}}`),
    status: 400,
    code: 'invalid_utf8',
    message: /not valid Unicode/,
  },
  {
    name: 'JSON nested 100 000 objects deep',
    as: 'yann',
    req: json('POST', '/tickets', `{"type":"question","fields":{},"x":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`),
    status: 422,
    message: /x is not a known field/,
  },
  {
    name: 'malformed JSON',
    as: 'nobody',
    req: json('POST', '/auth/login', '{"email":"a@b.c","password":'),
    status: 400,
    code: 'invalid_json_body',
    message: /not valid JSON/,
  },
  { name: 'an empty JSON body', as: 'yann', req: json('POST', '/tickets', ''), status: 400, message: /Body cannot be empty/ },
  {
    name: 'a key twice in one object',
    as: 'yann',
    req: json(
      'POST',
      '/tickets',
      `{"type":"question","establishment":"${est.paris.siret}","fields":{"summary":"a","summary":"b","description":"d"}}`,
    ),
    status: 400,
    code: 'duplicate_key',
    message: /the key "summary" appears twice/,
  },
  {
    name: 'an anonymous body is not validated',
    as: 'nobody',
    req: json('POST', '/tickets', {}),
    status: 401,
    code: 'unauthorized',
    message: /authentication required/,
  },
  {
    name: 'a __proto__ key',
    as: 'yann',
    req: json('POST', '/tickets', '{"__proto__":{"admin":true},"type":"question","fields":{}}'),
    status: 400,
    code: 'invalid_json_body',
    message: /not valid JSON/,
  },
  {
    name: 'a constructor.prototype key',
    as: 'yann',
    req: json('POST', '/tickets', '{"constructor":{"prototype":{"admin":true}},"type":"question","fields":{}}'),
    status: 400,
    code: 'invalid_json_body',
    message: /not valid JSON/,
  },
  {
    name: 'an XML body',
    as: 'yann',
    req: json('POST', '/tickets', '<ticket/>', { 'content-type': 'application/xml' }),
    status: 415,
    message: /Unsupported Media Type/,
  },
  { name: 'a ticket id that is not a number', as: 'yann', req: get('/tickets/abc'), status: 404, message: /ids are decimal numbers/ },
  { name: 'a ticket id in hexadecimal', as: 'yann', req: get('/tickets/0x1'), status: 404, message: /ids are decimal numbers/ },
  { name: 'a ticket id with a leading zero', as: 'yann', req: get('/tickets/01'), status: 404, message: /ids are decimal numbers/ },
  { name: 'ticket id 0', as: 'yann', req: get('/tickets/0'), status: 422, message: /id must be >= 1/ },
  {
    name: 'a ticket id past 2^53',
    as: 'yann',
    req: get('/tickets/99999999999999999999999'),
    status: 422,
    message: /id must be <= 9007199254740991/,
  },
  // wrong types
  { name: 'a null body', as: 'yann', req: json('POST', '/tickets', 'null'), status: 422, message: /body must be object/ },
  { name: 'an array body', as: 'yann', req: json('POST', '/tickets', '[1,2]'), status: 422, message: /body must be object/ },
  {
    name: 'a number as the summary',
    as: 'yann',
    req: json('POST', '/tickets', question({ summary: 5 })),
    status: 422,
    message: /fields\.summary must be string/,
  },
  {
    name: 'fields as a string',
    as: 'yann',
    req: json('POST', '/tickets', { type: 'question', fields: 'summary=x' }),
    status: 422,
    message: /fields must be object/,
  },
  {
    name: 'followUpOf as a string',
    as: 'yann',
    req: json('POST', '/tickets', question({}, { followUpOf: '5' })),
    status: 422,
    message: /followUpOf must be integer/,
  },
  {
    name: 'followUpOf of 1e300',
    as: 'yann',
    req: json('POST', '/tickets', '{"type":"question","followUpOf":1e300,"fields":{"summary":"s","description":"d"}}'),
    status: 422,
    message: /followUpOf must be <= 9007199254740991/,
  },
  {
    name: 'dedupe as "yes"',
    as: 'yann',
    req: json('POST', '/tickets', question({}, { dedupe: 'yes' })),
    status: 422,
    message: /dedupe must be boolean/,
  },
  { name: 'a limit of 0', as: 'yann', req: get('/tickets?limit=0'), status: 422, message: /limit: from 1 to 1000/ },
  {
    name: 'a cursor the server never gave',
    as: 'yann',
    req: get('/tickets?cursor=eyJoYWNrIjp0cnVlfQ'),
    status: 422,
    message: /cursor: not a cursor this server gave out/,
  },
  { name: 'a date that is not one', as: 'yann', req: get('/tickets?since=yesterday'), status: 422, message: /since: expected a date/ },
  {
    name: 'an unknown status',
    as: 'yann',
    req: get('/tickets?status=deleted'),
    status: 422,
    message: /unknown status "deleted"; one of sent, answered/,
  },
  {
    name: 'a phone without a country code',
    as: 'yann',
    req: json('POST', '/contacts', { type: 'technical', name: 'A', emails: ['a@b.fr'], phone: '0612' }),
    status: 422,
    message: /has no country code/,
  },
  {
    name: 'an e-mail that is not one',
    as: 'yann',
    req: json('POST', '/contacts', { type: 'technical', name: 'A', emails: ['not-an-email'] }),
    status: 422,
    message: /not a valid e-mail address/,
  },
  // unknown fields
  {
    name: 'an unknown top-level field',
    as: 'yann',
    req: json('POST', '/tickets', question({}, { priority: 'urgent' })),
    status: 422,
    message: /priority is not a known field/,
  },
  {
    name: 'an unknown form field',
    as: 'yann',
    req: json('POST', '/tickets', question({ colour: 'red' })),
    status: 422,
    message: /colour: not a field of question/,
  },
  {
    name: 'a form field named toString',
    as: 'yann',
    req: json('POST', '/tickets', question({ toString: 'x' })),
    status: 422,
    message: /toString: not a field of question/,
  },
  {
    name: 'an unknown request type named constructor',
    as: 'yann',
    req: json('POST', '/tickets', { type: 'constructor', fields: {} }),
    status: 422,
    message: /unknown request type "constructor"/,
  },
  { name: 'an unknown query parameter', as: 'yann', req: get('/tickets?sort=id'), status: 422, message: /sort is not a known field/ },
  {
    name: 'an unknown field on a token',
    as: 'yann',
    req: json('POST', '/tokens', { name: 'x', admin: true }),
    status: 422,
    message: /admin is not a known field/,
  },
  // path traversal
  {
    name: 'an attachment id of ../../etc/passwd',
    as: 'yann',
    req: () => get(`/tickets/${parisTicket}/attachments/..%2F..%2Fetc%2Fpasswd`)(),
    status: 404,
    message: /no attachment \.\.\/\.\.\/etc\/passwd on ticket/,
  },
  { name: 'a path climbing out of the API', as: 'yann', req: get('/../../etc/passwd'), status: 404, message: /no route GET/ },
  {
    name: 'a malformed %-escape in the path',
    as: 'yann',
    req: get('/tickets/%FF'),
    status: 400,
    code: 'bad_url',
    message: /malformed %-escape/,
  },
  // identifiers
  {
    name: 'a SIRET that fails Luhn on a new ticket',
    as: 'yann',
    req: json('POST', '/tickets', question({}, { establishment: '81234567600018' })),
    status: 422,
    message: /81234567600018: this SIRET fails its check digit \(Luhn\)/,
  },
  {
    name: 'a SIRET that fails Luhn as a filter',
    as: 'yann',
    req: get('/tickets?establishment=81234567600018'),
    status: 422,
    message: /81234567600018: this SIRET fails its check digit \(Luhn\)/,
  },
  {
    name: 'a SIRET of letters',
    as: 'yann',
    req: get('/tickets?establishment=ABCDEFGHIJKLMN'),
    status: 422,
    message: /a SIRET is exactly 14 digits/,
  },
  {
    name: 'a SIREN that fails Luhn for contacts',
    as: 'agent',
    req: get('/contacts?company=812345677'),
    status: 422,
    message: /this SIREN fails its check digit/,
  },
  // another establishment's or company's data: the same 404 as something that does not exist
  {
    name: 'Sarah reads a Paris ticket',
    as: 'sarah',
    req: () => get(`/tickets/${parisTicket}`)(),
    status: 404,
    message: /^no ticket #\d+$/,
  },
  {
    name: 'Sarah replies to a Paris ticket',
    as: 'sarah',
    req: () => json('POST', `/tickets/${parisTicket}/messages`, { body: 'hi' })(),
    status: 404,
    message: /^no ticket #\d+$/,
  },
  {
    name: 'Sarah resolves a Paris ticket',
    as: 'sarah',
    req: () => json('POST', `/tickets/${parisTicket}/resolve`, {})(),
    status: 404,
    message: /^no ticket #\d+$/,
  },
  {
    name: 'Sarah marks a Paris ticket read',
    as: 'sarah',
    req: () => json('POST', `/tickets/${parisTicket}/read`, {})(),
    status: 404,
    message: /^no ticket #\d+$/,
  },
  {
    name: 'Sarah downloads a Paris attachment',
    as: 'sarah',
    req: () => get(`/tickets/${parisTicket}/attachments/${parisUpload}`)(),
    status: 404,
    message: /^no ticket #\d+$/,
  },
  {
    name: 'Sarah files for Paris',
    as: 'sarah',
    req: json('POST', '/tickets', question()),
    status: 422,
    message: /81234567600017 is not one of your establishments/,
  },
  {
    name: 'Sarah follows up a Paris ticket',
    as: 'sarah',
    req: () => json('POST', '/tickets', { type: 'question', followUpOf: parisTicket, fields: { summary: 's', description: 'd' } })(),
    status: 422,
    message: /followUpOf: no ticket #\d+ among yours/,
  },
  {
    name: 'Sarah filters on Paris',
    as: 'sarah',
    req: get(`/tickets?establishment=${est.paris.siret}`),
    status: 404,
    message: /no establishment 81234567600017 among yours/,
  },
  {
    name: "Sarah attaches Yann's upload",
    as: 'sarah',
    req: () => json('POST', '/tickets', { type: 'question', fields: { summary: 's', description: 'd' }, attachments: [yannUpload] })(),
    status: 422,
    message: /unknown or already used upload/,
  },
  {
    name: "Olga reads the demo company's contact",
    as: 'olga',
    req: () => get(`/contacts/${demoContact}`)(),
    status: 404,
    message: /no contact #\d+/,
  },
  {
    name: "Yann reads another company's contact",
    as: 'yann',
    req: () => get(`/contacts/${otherContact}`)(),
    status: 404,
    message: /no contact #\d+/,
  },
  {
    name: "Yann changes another company's contact",
    as: 'yann',
    req: () => json('PATCH', `/contacts/${otherContact}`, { name: 'Mine now' })(),
    status: 404,
    message: /no contact #\d+/,
  },
  {
    name: "Yann lists another company's contacts by SIREN",
    as: 'yann',
    req: get(`/contacts?company=${OTHER.siren}`),
    status: 404,
    message: /no company with SIREN 732829320 among yours/,
  },
  // tokens
  {
    name: 'no token',
    as: 'nobody',
    req: get('/tickets'),
    status: 401,
    code: 'unauthorized',
    message: /send Authorization: Bearer <token>/,
  },
  {
    name: 'Basic credentials',
    as: 'nobody',
    req: () => ({ ...get('/me')(), headers: { authorization: 'Basic eWFubjpkZW1vLXBhc3N3b3Jk' } }),
    status: 401,
    message: /send Authorization: Bearer <token>/,
  },
  {
    name: 'an 8 KB junk token',
    as: 'nobody',
    req: () => ({ ...get('/me')(), headers: { authorization: `Bearer ${'x'.repeat(8000)}` } }),
    status: 401,
    message: /not valid on this server/,
  },
  {
    name: 'a token in the query string only',
    as: 'nobody',
    req: () => get(`/me?access_token=${tokens.yann}`)(),
    status: 401,
    message: /send Authorization: Bearer <token>/,
  },
  { name: 'an expired token', as: 'expired', req: get('/me'), status: 401, message: /this token has expired; run: tix auth login/ },
  { name: 'a revoked token', as: 'revoked', req: get('/me'), status: 401, message: /this token was revoked; run: tix auth login/ },
  { name: "another server's token", as: 'foreign', req: get('/me'), status: 401, message: /this token is not valid on this server/ },
  {
    name: 'a read-only token that writes',
    as: 'readOnly',
    req: json('POST', '/tickets', question()),
    status: 403,
    message: /lacks the tickets:write scope/,
  },
  {
    name: 'a personal access token minting tokens',
    as: 'readOnly',
    req: json('POST', '/tokens', { name: 'more' }),
    status: 403,
    message: /personal access tokens cannot manage tokens \(create\)/,
  },
  { name: 'an employee reading tickets', as: 'eve', req: get('/tickets'), status: 403, message: /no administrator access/ },
];

describe('hostile and malformed input through the API', () => {
  it(`has at least 40 cases (${apiCases.length})`, () => {
    expect(apiCases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(apiCases)('$name: $status', async (c) => {
    const req = c.req();
    const res = await s.app.inject({
      ...req,
      headers: { ...(c.as === 'nobody' ? {} : { authorization: `Bearer ${tokens[c.as]}` }), ...(req.headers as Record<string, string>) },
    });
    expect(res.statusCode, res.body).toBe(c.status);
    expect(res.statusCode).toBeLessThan(500);
    const body = JSON.parse(res.body);
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.message).toMatch(c.message);
    if (c.code) expect(body.error.code).toBe(c.code);
    expect(res.headers['cache-control']).toBe('no-store');
    for (const secret of secretsHiddenFrom(c.as)) expect(res.body).not.toContain(secret);
  });

  it("answers another establishment's ticket exactly like one that does not exist", async () => {
    const hidden = await s.api('GET', `/tickets/${parisTicket}`, { token: tokens.sarah });
    const missing = await s.api('GET', '/tickets/999999', { token: tokens.sarah });
    expect(hidden.body.error.message.replace(/\d+/, 'N')).toBe(missing.body.error.message.replace(/\d+/, 'N'));
    expect(hidden.status).toBe(missing.status);
  });

  it.each([
    '"',
    '*',
    'NEAR(',
    'NEAR(report export)',
    '"quoted"',
    'export OR 1=1',
    "'; DROP TABLE tickets; --",
    'body:Paris',
    '^export',
    '-export',
    '(',
    'AND',
    ')*"',
    '\u0000',
  ])('search %j is only ever text: no error, no other establishment', async (q) => {
    const res = await s.api('GET', `/tickets?search=${encodeURIComponent(q)}`, { token: tokens.sarah });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(PARIS_SECRET);
    expect(res.body.items.every((t: { establishment: { siret: string } }) => t.establishment.siret === est.lille.siret)).toBe(true);
  });

  it('search words with syntax in them still find the ticket; a search of only syntax finds nothing', async () => {
    const ids = async (q: string) =>
      (await s.api('GET', `/tickets?search=${encodeURIComponent(q)}`, { token: tokens.sarah })).body.items.map((t: { id: number }) => t.id);
    expect(await ids('NEAR(')).toEqual([lilleTicket]);
    expect(await ids('"quoted"')).toEqual([lilleTicket]);
    expect(await ids('*')).toEqual([]);
    expect((await s.api('GET', '/tickets?search=Paris', { token: tokens.agent })).body.items.map((t: { id: number }) => t.id)).toContain(
      parisTicket,
    );
    expect((await s.api('GET', `/tickets?search=${PARIS_SECRET}`, { token: tokens.sarah })).body.items).toEqual([]);
  });

  it('an emoji written as an escaped surrogate pair is text like any other, stored intact', async () => {
    const res = await s.app.inject({
      ...json(
        'POST',
        '/tickets',
        '{"type":"question","establishment":"81234567600017","fields":{"summary":"Smile \\ud83d\\ude00","description":"d"}}',
      )(),
      headers: { authorization: `Bearer ${tokens.yann}`, 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(201);
    expect(JSON.parse(res.body).summary).toBe('Smile \u{1F600}');
  });

  it('an upload named ../../etc/passwd is stored as "passwd"; a Windows path as its last part', async () => {
    for (const [name, stored] of [
      ['../../etc/passwd', 'passwd'],
      ['..\\..\\Windows\\win.ini', 'win.ini'],
      ['.hidden', 'hidden'],
      ['%00', '%00'],
    ]) {
      const res = await s.app.inject({
        method: 'POST',
        url: `/api/v1/uploads?name=${encodeURIComponent(name!)}`,
        headers: { authorization: `Bearer ${tokens.yann}`, 'content-type': 'application/octet-stream' },
        payload: Buffer.from('x'),
      });
      expect(res.statusCode).toBe(201);
      expect(JSON.parse(res.body).name).toBe(stored);
    }
  });
});

/** A request written by hand on a socket, for what no HTTP client sends. */
function rawRequest(text: string): Promise<{ status: number; headers: string; body: string }> {
  const u = new URL(s.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(u.port), u.hostname);
    let data = '';
    socket.on('data', (d) => (data += d));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(head ?? '')?.[1]), headers: head ?? '', body: rest.join('\r\n\r\n') });
    });
    socket.end(text);
  });
}

describe('malformed HTTP on a real socket', () => {
  it.each([
    {
      name: 'a malformed %-escape',
      text: () => `GET /api/v1/tickets/%E0%A4%A HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokens.yann}\r\nConnection: close\r\n\r\n`,
      status: 400,
      message: /malformed %-escape/,
    },
    {
      name: 'headers over 16 KiB',
      text: () => `GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Junk: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
      status: 431,
      message: /headers are larger than/,
    },
    { name: 'a request line that is not HTTP', text: () => 'HELLO THERE\r\n\r\n', status: 400, message: /not a valid HTTP request/ },
    {
      name: 'a Content-Length that is not a number',
      text: () => 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n\r\n',
      status: 400,
      message: /not a valid HTTP request/,
    },
  ])('$name: $status in the error envelope, no-store', async (c) => {
    const res = await rawRequest(c.text());
    expect(res.status).toBe(c.status);
    expect(res.headers.toLowerCase()).toContain('cache-control: no-store');
    expect(JSON.parse(res.body).error.message).toMatch(c.message);
  });
});

interface CliCase {
  name: string;
  as: Caller;
  args: () => string[];
  stdin?: Uint8Array;
  code: number;
  stderr: RegExp;
}

const cliCases: CliCase[] = [
  { name: 'a ticket that does not exist', as: 'sarah', args: () => ['ticket', 'view', '999999'], code: 3, stderr: /no ticket #999999/ },
  { name: 'a ticket number that is not one', as: 'sarah', args: () => ['ticket', 'view', '12abc'], code: 2, stderr: /ticket number/ },
  {
    name: "another establishment's ticket",
    as: 'sarah',
    args: () => ['ticket', 'view', String(parisTicket)],
    code: 3,
    stderr: /no ticket #\d+/,
  },
  {
    name: "a reply to another establishment's ticket",
    as: 'sarah',
    args: () => ['ticket', 'reply', String(parisTicket), '--body', 'hi'],
    code: 3,
    stderr: /no ticket #\d+/,
  },
  {
    name: "another establishment's attachments",
    as: 'sarah',
    args: () => ['ticket', 'download', String(parisTicket), '--output', join(dir, 'stolen')],
    code: 3,
    stderr: /no ticket #\d+/,
  },
  {
    name: 'a filter on another establishment',
    as: 'sarah',
    args: () => ['ticket', 'list', '--establishment', est.paris.siret],
    code: 3,
    stderr: /no establishment 81234567600017 among yours/,
  },
  {
    name: 'a SIRET that fails Luhn on create',
    as: 'yann',
    args: () => ['ticket', 'create', '--type', 'question', '--establishment', '81234567600018', '--summary', 's', '--description', 'd'],
    code: 2,
    stderr: /81234567600018: this SIRET fails its check digit \(Luhn\)/,
  },
  {
    name: 'a SIRET that fails Luhn as a filter',
    as: 'yann',
    args: () => ['ticket', 'list', '--establishment', '81234567600018'],
    code: 2,
    stderr: /this SIRET fails its check digit \(Luhn\)/,
  },
  { name: 'an unknown status filter', as: 'yann', args: () => ['ticket', 'list', '--status', 'deleted'], code: 2, stderr: /deleted/ },
  { name: 'a limit of 0', as: 'yann', args: () => ['ticket', 'list', '--limit', '0'], code: 2, stderr: /limit/ },
  {
    name: 'an unknown form field',
    as: 'yann',
    args: () => [
      'ticket',
      'create',
      '--type',
      'question',
      '--establishment',
      est.paris.siret,
      '--summary',
      's',
      '--description',
      'd',
      '--field',
      'colour=red',
    ],
    code: 2,
    stderr: /colour/,
  },
  {
    name: 'a summary of 201 characters',
    as: 'yann',
    args: () => [
      'ticket',
      'create',
      '--type',
      'question',
      '--establishment',
      est.paris.siret,
      '--summary',
      'x'.repeat(201),
      '--description',
      'd',
    ],
    code: 2,
    stderr: /at most 200 characters/,
  },
  {
    name: 'a description file that is not UTF-8',
    as: 'yann',
    args: () => [
      'ticket',
      'create',
      '--type',
      'question',
      '--establishment',
      est.paris.siret,
      '--summary',
      's',
      '--description-file',
      join(dir, 'latin1.txt'),
    ],
    code: 2,
    stderr: /latin1\.txt is not UTF-8 text/,
  },
  {
    name: 'a reply on standard input that is not UTF-8',
    as: 'yann',
    args: () => ['ticket', 'reply', String(parisTicket), '--body-file', '-'],
    stdin: Buffer.from('\xe9t\xe9', 'latin1'),
    code: 2,
    stderr: /standard input is not UTF-8 text/,
  },
  {
    name: 'a request file that is not JSON',
    as: 'yann',
    args: () => ['ticket', 'create', '--from-json', join(dir, 'broken.json')],
    code: 2,
    stderr: /broken\.json/,
  },
  {
    name: 'an attachment over 10 MiB',
    as: 'yann',
    args: () => [
      'ticket',
      'create',
      '--type',
      'question',
      '--establishment',
      est.paris.siret,
      '--summary',
      's',
      '--description',
      'd',
      '--attach',
      join(dir, 'big.bin'),
    ],
    code: 2,
    stderr: /big\.bin is 10\.0 MiB; the limit is 10 MiB per file/,
  },
  {
    name: 'an attachment path that climbs to nothing',
    as: 'yann',
    args: () => ['ticket', 'reply', String(parisTicket), '--body', 'x', '--attach', '../../../../nonexistent/passwd'],
    code: 2,
    stderr: /no such file/,
  },
  {
    name: 'an idempotency key with a space',
    as: 'yann',
    args: () => [
      'ticket',
      'create',
      '--type',
      'question',
      '--establishment',
      est.paris.siret,
      '--summary',
      's',
      '--description',
      'd',
      '--idempotency-key',
      'two words',
    ],
    code: 2,
    stderr: /Idempotency-Key: 1 to 200 printable ASCII characters/,
  },
  {
    name: 'a reply to a closed ticket',
    as: 'sarah',
    args: () => ['ticket', 'reply', String(closedTicket), '--body', 'hello?'],
    code: 5,
    stderr: /is closed and takes no more replies/,
  },
  {
    name: 'an expired token',
    as: 'expired',
    args: () => ['ticket', 'list'],
    code: 4,
    // TIX_TOKEN wins over any login: the way out is a new token in the variable, not tix auth login
    stderr: /TIX_TOKEN has expired[^\n]*\nhint: replace TIX_TOKEN: create a token from a logged-in session \(tix token create/,
  },
  { name: 'a revoked token', as: 'revoked', args: () => ['ticket', 'list'], code: 4, stderr: /TIX_TOKEN was revoked/ },
  { name: "another server's token", as: 'foreign', args: () => ['ticket', 'list'], code: 4, stderr: /TIX_TOKEN is not valid on http/ },
  {
    name: 'a read-only token that writes',
    as: 'readOnly',
    args: () => ['ticket', 'reply', String(parisTicket), '--body', 'x'],
    code: 4,
    stderr: /lacks the tickets:write scope/,
  },
  { name: 'an employee', as: 'eve', args: () => ['ticket', 'list'], code: 4, stderr: /no administrator access/ },
];

describe('hostile and malformed input through the CLI', () => {
  beforeAll(() => {
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from('caf\xe9 cr\xe8me', 'latin1'));
    writeFileSync(join(dir, 'broken.json'), '{"type": "question",');
    writeFileSync(join(dir, 'big.bin'), Buffer.alloc(10 * MiB + 1));
  });

  it.each(cliCases)('$name: exit $code', async (c) => {
    const r = await tix(c.args(), {
      env: isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: tokens[c.as] }),
      ...(c.stdin !== undefined ? { stdin: c.stdin } : {}),
    });
    expect(r.code, r.stderr).toBe(c.code);
    expect(r.stderr).toMatch(c.stderr);
    expect(r.errorJson().exitCode).toBe(c.code);
    const output = r.stdout + r.stderr;
    for (const secret of secretsHiddenFrom(c.as)) expect(output).not.toContain(secret);
    for (const t of Object.values(tokens)) expect(output).not.toContain(t);
  });

  it('a repeated key with another request is refused (exit 5), naming the ticket it belongs to', async () => {
    const env = isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: tokens.yann });
    const base = [
      'ticket',
      'create',
      '--type',
      'question',
      '--establishment',
      est.paris.siret,
      '--description',
      'd',
      '--idempotency-key',
      'nightly-bad-input',
    ];
    const first = await tix([...base, '--summary', 'first', '--json', 'id'], { env });
    const other = await tix([...base, '--summary', 'something else'], { env });
    expect(other.code).toBe(5);
    expect(other.stderr).toContain(`already used for a different request (on ticket #${first.json().id})`);
  });

  it('attachment names from a hostile server never leave the --output directory', async () => {
    const id = (
      await s.api('POST', '/tickets', {
        token: tokens.yann,
        body: { type: 'question', establishment: est.paris.siret, fields: { summary: 'evil names', description: 'd' } },
      })
    ).body.id;
    // names only a compromised server could hand out: written straight into its store, which keeps names as given
    const yann = (await s.store.identity.findUserByEmail('yann@demo.test'))!;
    const names = ['../../escaped.txt', '/etc/cron.d/evil', '..', 'sub/../../x'];
    for (const [i, name] of names.entries())
      await s.store.uploads.insertUpload({
        publicId: `up_evil${i}`,
        userId: yann.id,
        filename: name,
        contentType: 'text/plain',
        size: 1,
        sha256: '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881',
        data: Buffer.from('x'),
        at: '2026-01-01T00:00:00.000Z',
      });
    const uploads = await s.store.uploads.uploadsByPublicId(names.map((_, i) => `up_evil${i}`));
    await s.store.tickets.addMessage({
      ticketId: id,
      authorId: yann.id,
      body: 'the files',
      uploadIds: uploads.map((u) => u.id),
      at: new Date().toISOString(),
      nextStatus: (current) => current,
    });
    const out = join(dir, 'downloads', 'inner');
    mkdirSync(out, { recursive: true });
    const r = await tix(['ticket', 'download', String(id), '--output', out], {
      env: isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: tokens.yann }),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['attachment', 'escaped.txt', 'evil', 'x']);
    expect(existsSync(join(dir, 'escaped.txt'))).toBe(false);
    expect(readdirSync(join(dir, 'downloads'))).toEqual(['inner']);
  });
});
