// The Zendesk provider through the CLI (the built bundle), against the Zendesk stub: what only Zendesk has (its
// two logins, ticket forms and portal fields as request types, search and its 1,000-result cap, solving when
// can_be_solved_by_me, follow-ups of closed requests, upload tokens, 429s with and without Retry-After) and what
// it lacks (idempotency keys on replies). Every exchange is validated against Zendesk's OpenAPI document by the
// stub; each test ends with none broken.
import { screen } from '@inquirer/testing/vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../../src/io/iostreams.ts';
import { isolatedEnv, type Result, tempDir, tix } from '../helpers/cli.ts';
import { waitFor } from '../helpers/prompts.ts';
import { startZendeskStub, type ZendeskStub } from '../helpers/vendors/zendesk.ts';

type Who = 'ann' | 'ben' | 'zoe';
const emails: Record<Who, string> = { ann: 'ann@acme.test', ben: 'ben@acme.test', zoe: 'zoe@support.test' };
/** the CI way: TIX_TOKEN holds the API token joined to its e-mail, as Zendesk writes it for curl -u */
const apiToken = (who: Who) => `${emails[who]}/token:${who}-api-token`;
const SIRET = '73282932000074';
const CONSENT = 'iConsentToTheProcessingOfMyDataGdpr';

/** The CLI as one of the stub's users, without a profile (TIX_SERVER, TIX_PROVIDER, TIX_TOKEN). */
function cli(zd: ZendeskStub) {
  return (who: Who, args: string[], opts: { stdin?: string; token?: string; http?: object; env?: Env } = {}): Promise<Result> =>
    tix(args, {
      env: isolatedEnv({ TIX_SERVER: zd.url, TIX_PROVIDER: 'zendesk', TIX_TOKEN: opts.token ?? apiToken(who), ...opts.env }),
      stdin: opts.stdin,
      http: opts.http,
    });
}

/** The exchanges of one method and path (a RegExp on the path, `.json` or not), since `from`. */
const sent = (zd: ZendeskStub, method: string, path: RegExp, from = 0) =>
  zd.exchanges.slice(from).filter((e) => e.method === method && path.test(e.path.replace(/\.json$/, '')));

describe('Zendesk: logging in', () => {
  let zd: ZendeskStub;
  beforeAll(async () => {
    zd = await startZendeskStub();
  });
  afterEach(() => zd.assertNoViolations());
  afterAll(() => zd.close());

  it('with an API token and its e-mail: kept as email/token:TOKEN, sent as Basic', async () => {
    const env = isolatedEnv();
    const login = await tix(
      ['auth', 'login', '--provider', 'zendesk', '--server', zd.url, '--email', 'ann@acme.test', '--with-token', '--insecure-storage'],
      { env, stdin: 'ann-api-token\n' },
    );
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toContain('Logged in to');
    expect(login.stderr).toContain('(Zendesk) as Ann Leroy <ann@acme.test> (customer)');
    const status = await tix(['auth', 'status', '--json', 'provider,user'], { env });
    expect(status.json()).toEqual({ provider: 'zendesk', user: { email: 'ann@acme.test', name: 'Ann Leroy', role: 'customer' } });
    // what is kept is what TIX_TOKEN takes in CI
    expect((await tix(['auth', 'token'], { env })).stdout.trim()).toBe('ann@acme.test/token:ann-api-token');
    const from = zd.exchanges.length;
    expect((await tix(['ticket', 'list', '--json', 'ref'], { env })).code).toBe(0);
    const auth = zd.exchanges.slice(from).map((e) => e.headers.authorization);
    expect(new Set(auth)).toEqual(new Set([`Basic ${Buffer.from('ann@acme.test/token:ann-api-token').toString('base64')}`]));
  });

  it('with an OAuth access token alone: sent as Bearer; TIX_TOKEN takes it too', async () => {
    const env = isolatedEnv();
    const login = await tix(['auth', 'login', '--provider', 'zendesk', '--server', zd.url, '--with-token', '--insecure-storage'], {
      env,
      stdin: 'ben-oauth-token',
    });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toContain('Ben Petit <ben@acme.test>');
    const from = zd.exchanges.length;
    const list = await tix(['ticket', 'list', '--json', 'ref'], { env });
    expect(list.code, list.stderr).toBe(0);
    expect(list.json().map((t: { ref: string }) => t.ref)).toEqual(['4']);
    expect(new Set(zd.exchanges.slice(from).map((e) => e.headers.authorization))).toEqual(new Set(['Bearer ben-oauth-token']));
    const ci = await cli(zd)('ben', ['ticket', 'view', '4', '--json', 'ref'], { token: 'ben-oauth-token' });
    expect(ci.json()).toEqual({ ref: '4' });
    // tix version --server asks with the profile's token; Zendesk answers nobody anonymously, so without one it asks nothing
    const before = zd.exchanges.length;
    const version = await tix(['version', '--server', '--json', 'server'], { env });
    expect(version.json()).toEqual({ server: { name: 'Zendesk', version: 'Support API', apiVersion: '2', url: zd.url } });
    expect(zd.exchanges.slice(before).map((e) => e.headers.authorization)).toEqual(['Bearer ben-oauth-token']);
    const anonymous = await tix(['version', '--server'], { env: isolatedEnv({ TIX_SERVER: zd.url, TIX_PROVIDER: 'zendesk' }) });
    expect(anonymous.code).toBe(4);
    expect(anonymous.errorJson()).toMatchObject({ code: 'not_logged_in' });
    expect(zd.exchanges.length).toBe(before + 1);
  });

  it('a rejected token is never kept (exit 4, how to log in); a password is refused before anything is sent', async () => {
    const env = isolatedEnv();
    const wrong = await tix(['auth', 'login', '--provider', 'zendesk', '--server', zd.url, '--email', 'ann@acme.test', '--with-token'], {
      env,
      stdin: 'not-the-token',
    });
    expect(wrong.code).toBe(4);
    expect(wrong.errorJson()).toMatchObject({ code: 'unauthorized', exitCode: 4, status: 401 });
    expect(wrong.stderr).toContain('Zendesk did not accept the credentials');
    expect(wrong.stderr).toContain('an OAuth token without --email');
    expect((await tix(['auth', 'status'], { env })).code).toBe(4);
    const from = zd.exchanges.length;
    const password = await tix(
      ['auth', 'login', '--provider', 'zendesk', '--server', zd.url, '--email', 'ann@acme.test', '--password-stdin'],
      {
        env,
        stdin: 'secret',
      },
    );
    expect(password.code).toBe(2);
    expect(password.stderr).toContain('Zendesk logs in with a token');
    expect(zd.exchanges.length).toBe(from);
  });
});

describe('Zendesk: request types from ticket forms', () => {
  let zd: ZendeskStub;
  let as: ReturnType<typeof cli>;
  beforeAll(async () => {
    zd = await startZendeskStub();
    as = cli(zd);
  });
  afterEach(() => zd.assertNoViolations());
  afterAll(() => zd.close());

  it('type list: the forms end users may use (not the agents-only one), in one category', async () => {
    const r = await as('ann', ['type', 'list', '--json', 'id,category,label']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual([
      { id: 'ask-a-question', category: 'requests', label: { en: 'Ask a question' } },
      { id: 'report-an-incident', category: 'requests', label: { en: 'Report an incident' } },
      { id: 'billing', category: 'requests', label: { en: 'Billing' } },
    ]);
    const piped = await as('ann', ['type', 'list']);
    expect(piped.stdout.split('\n')[1]).toBe(
      `report-an-incident\trequests\tReport an incident\tsummary,description,establishmentSiret,${CONSENT}`,
    );
  });

  it('type view: each portal field as a tix field, kinds mapped, required in portal → required', async () => {
    const incident = (await as('ann', ['type', 'view', 'report-an-incident', '--json'])).json();
    const byId = Object.fromEntries(incident.fields.map((f: { id: string }) => [f.id, f]));
    expect(incident.fields.map((f: { id: string }) => f.id)).toEqual([
      'summary',
      'description',
      'priority',
      'establishmentSiret',
      'productArea',
      'affectedModules',
      'affectedUsers',
      'endpointUrl',
      CONSENT,
      'attachments',
    ]);
    expect(byId.summary).toMatchObject({ kind: 'text', required: true, label: { en: 'Subject' } });
    expect(byId.description).toMatchObject({ kind: 'longtext', required: true });
    expect(byId.priority).toMatchObject({
      kind: 'choice',
      required: false,
      choices: expect.arrayContaining([{ value: 'urgent', label: { en: 'Urgent' } }]),
    });
    expect(byId.establishmentSiret).toMatchObject({ kind: 'text', required: true, pattern: '^\\d{14}$', help: { en: '14 digits' } });
    expect(byId.productArea).toMatchObject({
      kind: 'choice',
      choices: [
        { value: 'payroll', label: { en: 'Payroll' } },
        { value: 'time_off', label: { en: 'Time off' } },
        { value: 'documents', label: { en: 'Documents' } },
      ],
    });
    expect(byId.affectedModules).toMatchObject({
      kind: 'multichoice',
      choices: expect.arrayContaining([{ value: 'reports', label: { en: 'Reports' } }]),
    });
    expect(byId.affectedUsers).toMatchObject({ kind: 'number', integer: true });
    expect(byId.endpointUrl).toMatchObject({ kind: 'text' });
    expect(byId[CONSENT]).toMatchObject({ kind: 'boolean', required: true });
    expect(byId.attachments).toMatchObject({ kind: 'attachments', required: false });
    const billing = (await as('ann', ['type', 'view', 'billing', '--json', 'fields'])).json().fields;
    expect(billing.find((f: { id: string }) => f.id === 'amountEur')).toMatchObject({ kind: 'number' });
    expect(billing.find((f: { id: string }) => f.id === 'amountEur').integer).toBeUndefined();
    expect(billing.find((f: { id: string }) => f.id === 'desiredDate')).toMatchObject({ kind: 'date' });
    expect(billing.find((f: { id: string }) => f.id === 'businessJustification')).toMatchObject({ kind: 'longtext' });
    // the form's number works too; the table says what each field takes
    const table = await as('ann', ['type', 'view', '201']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('affectedModules\tmultichoice: export,import,reports\tno');
    expect(table.stdout).toContain('establishmentSiret\ttext: ^\\d{14}$\tyes');
    expect(table.stdout).toContain('affectedUsers\tnumber: whole\tno');
    const unknown = await as('ann', ['type', 'view', 'agents-only']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('ask-a-question, report-an-incident, billing');
  });
});

describe('Zendesk: filing requests', () => {
  let zd: ZendeskStub;
  let as: ReturnType<typeof cli>;
  let dir: string;
  beforeAll(async () => {
    zd = await startZendeskStub({ clock: 'real' });
    as = cli(zd);
    dir = tempDir('tix-zendesk-');
  });
  afterEach(() => zd.assertNoViolations());
  afterAll(() => zd.close());

  const incident = (summary: string, extra: string[] = []) => [
    'ticket',
    'create',
    '--type',
    'report-an-incident',
    '--summary',
    summary,
    '--description',
    'Exports fail since 9:00',
    '--field',
    `establishmentSiret=${SIRET}`,
    '--field',
    `${CONSENT}=yes`,
    ...extra,
  ];

  it('from flags: every kind of field written as Zendesk takes it, with an Idempotency-Key', async () => {
    const from = zd.exchanges.length;
    const r = await as('ann', [
      ...incident('Every field'),
      '--field',
      'priority=high',
      '--field',
      'productArea=time_off',
      '--field',
      'affectedModules=export,reports',
      '--field',
      'affectedUsers=12',
      '--field',
      'endpointUrl=https://api.example.com/v1/export',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const t = r.json();
    expect(t).toMatchObject({
      status: 'new',
      statusCategory: 'new',
      type: 'report-an-incident',
      category: 'requests',
      summary: 'Every field',
      establishment: null,
      createdBy: { email: 'ann@acme.test', name: 'Ann Leroy' },
      unread: 0,
      messageCount: null,
      followUpOf: null,
      url: `${zd.url}/hc/requests/${t.id}`,
      fields: {
        priority: 'high',
        establishmentSiret: SIRET,
        productArea: 'time_off',
        affectedModules: ['export', 'reports'],
        affectedUsers: '12',
        endpointUrl: 'https://api.example.com/v1/export',
        [CONSENT]: true,
      },
    });
    const [post] = sent(zd, 'POST', /^\/api\/v2\/requests$/, from);
    expect(post!.headers['idempotency-key']).toMatch(/^tix-/);
    expect(post!.body).toEqual({
      request: {
        subject: 'Every field',
        comment: { body: 'Exports fail since 9:00' },
        ticket_form_id: 201,
        priority: 'high',
        custom_fields: [
          { id: 100, value: SIRET },
          { id: 101, value: 'time_off' },
          { id: 102, value: ['export', 'reports'] },
          { id: 105, value: '12' },
          { id: 108, value: 'https://api.example.com/v1/export' },
          { id: 103, value: true },
        ],
      },
    });
  });

  it('every problem of the form at once, before anything is sent: required fields, patterns, numbers, choices', async () => {
    const from = zd.exchanges.length;
    const missing = await as('ann', ['ticket', 'create', '--type', 'report-an-incident', '--summary', 'Incomplete', '--description', 'd']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('establishmentSiret: is required');
    expect(missing.stderr).toContain(`${CONSENT}: is required`);
    const bad = await as('ann', [
      ...incident('Bad values'),
      '--field',
      'establishmentSiret=1234',
      '--field',
      'affectedUsers=twelve',
      '--field',
      'affectedModules=export,payroll',
      '--field',
      `${CONSENT}=no`,
    ]);
    expect(bad.code).toBe(2);
    const fields = Object.fromEntries(bad.errorJson().fields.map((f: { field: string; message: string }) => [f.field, f.message]));
    expect(fields.establishmentSiret).toContain('must match ^\\d{14}$');
    expect(fields.affectedUsers).toContain('expected a whole number');
    expect(fields.affectedModules).toContain('payroll: not among export, import, reports');
    expect(fields[CONSENT]).toContain('must be ticked');
    expect(sent(zd, 'POST', /^\/api\/v2\/requests$/, from)).toEqual([]);
  });

  it('with attachments: one upload token per file, listed in comment.uploads; downloaded byte for byte', async () => {
    const png = join(dir, 'screen.png');
    writeFileSync(png, Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 7)]));
    const log = join(dir, 'export.log');
    writeFileSync(log, 'line 1\nline 2\n');
    const from = zd.exchanges.length;
    const r = await as('ann', [...incident('With files', ['--attach', png, '--attach', log]), '--json', 'ref']);
    expect(r.code, r.stderr).toBe(0);
    const uploads = sent(zd, 'POST', /^\/api\/v2\/uploads$/, from);
    expect(uploads.map((u) => [u.query, u.headers['content-type']])).toEqual([
      ['filename=screen.png', 'image/png'],
      ['filename=export.log', 'text/plain; charset=utf-8'],
    ]);
    const tokens = uploads.map((u) => (u.responseBody as { upload: { token: string } }).upload.token);
    const [post] = sent(zd, 'POST', /^\/api\/v2\/requests$/, from);
    expect((post!.body as any).request.comment.uploads).toEqual(tokens);
    const { ref } = r.json();
    const view = (await as('ann', ['ticket', 'view', ref, '--json', 'messages'])).json();
    expect(view.messages[0].attachments.map((a: { name: string; contentType: string }) => [a.name, a.contentType])).toEqual([
      ['screen.png', 'image/png'],
      ['export.log', 'text/plain'],
    ]);
    const out = join(dir, `down-${ref}`);
    mkdirSync(out);
    const down = await as('ann', ['ticket', 'download', ref, '--output', out]);
    expect(down.code, down.stderr).toBe(0);
    for (const path of [png, log]) expect(readFileSync(join(out, path.split('/').pop()!)).equals(readFileSync(path))).toBe(true);
  });

  it('the same --idempotency-key files once; with another request it is a conflict (exit 5)', async () => {
    const args = [...incident('Keyed request'), '--idempotency-key', 'ci-run-42', '--json', 'ref'];
    const first = await as('ann', args);
    expect(first.code, first.stderr).toBe(0);
    const again = await as('ann', args);
    expect(again.code, again.stderr).toBe(0);
    expect(again.json().ref).toBe(first.json().ref);
    expect(again.stderr).toContain('Already done with idempotency key ci-run-42');
    expect(zd.state.requests.filter((r) => r.subject === 'Keyed request')).toHaveLength(1);
    const other = await as('ann', [...incident('Another request'), '--idempotency-key', 'ci-run-42']);
    expect(other.code).toBe(5);
    expect(other.errorJson()).toMatchObject({
      code: 'idempotency_conflict',
      idempotencyKey: 'ci-run-42',
      zendeskError: 'IdempotentRequestError',
    });
    expect(zd.state.requests.filter((r) => r.subject === 'Another request')).toHaveLength(0);
    // without a key of one's own, the same words are a new request: asked for twice, filed twice
    for (let i = 0; i < 2; i++) expect((await as('ann', incident('Twice on purpose'))).code).toBe(0);
    expect(zd.state.requests.filter((r) => r.subject === 'Twice on purpose')).toHaveLength(2);
  });

  it('by prompts on a terminal: the type straight away (one category), each portal field its own way', async () => {
    const env = isolatedEnv({ TIX_SERVER: zd.url, TIX_PROVIDER: 'zendesk', TIX_TOKEN: apiToken('ben'), NO_COLOR: '1' });
    const run = tix(['ticket', 'create', '--json', 'ref,type,summary,fields'], { env, tty: true });
    await waitFor(/Request type/, run);
    screen.keypress('down'); // Report an incident
    screen.keypress('enter');
    await waitFor(/Subject/, run);
    screen.type('Prompted incident');
    screen.keypress('enter');
    await waitFor(/Description/, run);
    screen.type('Typed on a terminal');
    screen.keypress('enter');
    await waitFor(/Priority/, run);
    screen.keypress('down'); // Normal
    screen.keypress('enter');
    await waitFor(/Establishment SIRET/, run);
    screen.type(SIRET);
    screen.keypress('enter');
    await waitFor(/Product area/, run);
    screen.keypress('down'); // Time off
    screen.keypress('enter');
    await waitFor(/Affected modules/, run);
    screen.type('export,reports');
    screen.keypress('enter');
    await waitFor(/Affected users.*whole number/, run);
    screen.type('3');
    screen.keypress('enter');
    await waitFor(/Endpoint URL/, run);
    screen.keypress('enter'); // optional: skipped
    await waitFor(/I consent to the processing/, run);
    screen.type('y');
    screen.keypress('enter');
    await waitFor(/files to attach/, run);
    screen.keypress('enter');
    await waitFor(/Send this request\?/, run);
    screen.type('y');
    screen.keypress('enter');
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({
      type: 'report-an-incident',
      summary: 'Prompted incident',
      fields: {
        priority: 'normal',
        establishmentSiret: SIRET,
        productArea: 'time_off',
        affectedModules: ['export', 'reports'],
        affectedUsers: '3',
        [CONSENT]: true,
      },
    });
    expect(r.json().fields.endpointUrl).toBeUndefined();
  });
});

describe('Zendesk: listing and searching', () => {
  let zd: ZendeskStub;
  let as: ReturnType<typeof cli>;
  beforeAll(async () => {
    zd = await startZendeskStub();
    as = cli(zd);
  });
  afterEach(() => zd.assertNoViolations());
  afterAll(() => zd.close());

  const refs = (r: Result) => {
    expect(r.code, r.stderr).toBe(0);
    return r.json().map((t: { ref: string }) => t.ref);
  };

  it('your requests, newest activity first; statuses by name or category; type; piped rows', async () => {
    expect(refs(await as('ann', ['ticket', 'list', '--json', 'ref']))).toEqual(['5', '3', '2', '1']);
    expect(refs(await as('ben', ['ticket', 'list', '--json', 'ref']))).toEqual(['4']);
    expect(refs(await as('ben', ['ticket', 'list', '--status', 'waiting', '--json', 'ref']))).toEqual(['4']);
    expect(refs(await as('ann', ['ticket', 'list', '--status', 'solved,closed', '--json', 'ref']))).toEqual(['3', '2']);
    expect(refs(await as('ann', ['ticket', 'list', '--status', 'resolved', '--json', 'ref']))).toEqual(['2']);
    expect(refs(await as('ann', ['ticket', 'list', '--type', 'report-an-incident', '--json', 'ref']))).toEqual(['1']);
    const [status] = sent(zd, 'GET', /^\/api\/v2\/requests$/).filter((e) => e.query.includes('status='));
    expect(new URLSearchParams(status!.query).get('status')).toBe('pending');
    const piped = await as('ann', ['ticket', 'list', '--limit', '1']);
    expect(piped.stdout.split('\t').slice(0, 4)).toEqual(['5', 'new', 'ask-a-question', 'Export is slow']);
    const bad = await as('ann', ['ticket', 'list', '--type', 'nonsense']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown request type "nonsense"');
  });

  it('--search through Search Requests; --mine; someone else’s e-mail or an establishment cannot be filtered (exit 7)', async () => {
    expect(refs(await as('ann', ['ticket', 'list', '--search', 'printer', '--json', 'ref']))).toEqual(['1']);
    const [search] = sent(zd, 'GET', /^\/api\/v2\/requests\/search$/);
    expect(Object.fromEntries(new URLSearchParams(search!.query))).toMatchObject({
      query: 'printer',
      organization_id: '5001',
      per_page: '100',
      page: '1',
    });
    expect(refs(await as('ann', ['ticket', 'list', '--search', 'password', '--mine', '--json', 'ref']))).toEqual(['2']);
    expect(refs(await as('ann', ['ticket', 'list', '--author', 'ann@acme.test', '--json', 'ref']))).toEqual(['5', '3', '2', '1']);
    const other = await as('ann', ['ticket', 'list', '--author', 'ben@acme.test']);
    expect(other.code).toBe(7);
    expect(other.errorJson()).toMatchObject({ code: 'unsupported', provider: 'zendesk', author: 'ben@acme.test' });
    expect(other.stderr).toContain("Zendesk does not show end users other people's addresses");
    const establishment = await as('ann', ['ticket', 'list', '--establishment', SIRET]);
    expect(establishment.code).toBe(7);
    expect(establishment.stderr).toContain('Zendesk (provider zendesk) does not support establishments');
  });

  it('the last page: cursor pages of 100 until has_more is false; --limit across pages', async () => {
    zd.state.seedMany(130, { requester: 'ben', subject: 'Paged' });
    const from = zd.exchanges.length;
    const all = refs(await as('ben', ['ticket', 'list', '--all', '--json', 'ref']));
    expect(all).toHaveLength(131);
    expect(new Set(all).size).toBe(131);
    const pages = sent(zd, 'GET', /^\/api\/v2\/requests$/, from);
    expect(pages.map((p) => new URLSearchParams(p.query).has('page[after]'))).toEqual([false, true]);
    expect(pages.map((p) => (p.responseBody as { meta: { has_more: boolean } }).meta.has_more)).toEqual([true, false]);
    expect(refs(await as('ben', ['ticket', 'list', '--limit', '120', '--json', 'ref']))).toEqual(all.slice(0, 120));
    const shown = await as('ben', ['ticket', 'list', '--limit', '5']);
    expect(shown.stdout.trim().split('\n')).toHaveLength(5);
  });
});

describe('Zendesk: a search past 1,000 results', () => {
  let zd: ZendeskStub;
  let as: ReturnType<typeof cli>;
  beforeAll(async () => {
    zd = await startZendeskStub();
    as = cli(zd);
    zd.state.seedMany(1100, { requester: 'ann', subject: 'Bulk' });
  });
  afterEach(() => zd.assertNoViolations());
  afterAll(() => zd.close());

  it('lists the 1,000 Zendesk reaches and says, on stderr and as a JSON line, that 1,100 match', async () => {
    const from = zd.exchanges.length;
    const r = await as('ann', ['ticket', 'list', '--search', 'bulk', '--all', '--json', 'ref']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toHaveLength(1000);
    expect(r.stderr).toContain('! 1,100 tickets match, but Zendesk lets a search reach only the first 1,000');
    const line = r.stderr.split('\n').find((l) => l.startsWith('{"warning"'));
    expect(JSON.parse(line!).warning).toMatchObject({ code: 'search_cut', total: 1100, reachable: 1000 });
    // ten pages of 100, never the eleventh (which Zendesk refuses)
    expect(sent(zd, 'GET', /^\/api\/v2\/requests\/search$/, from).map((e) => new URLSearchParams(e.query).get('page'))).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
    ]);
    // a listing that stops before the cut says nothing of it
    const some = await as('ann', ['ticket', 'list', '--search', 'bulk', '--limit', '150']);
    expect(some.code).toBe(0);
    expect(some.stdout.trim().split('\n')).toHaveLength(150);
    expect(some.stderr).not.toContain('match');
  });
});

describe('Zendesk: reading, answering, solving', () => {
  let zd: ZendeskStub;
  let as: ReturnType<typeof cli>;
  beforeAll(async () => {
    zd = await startZendeskStub();
    as = cli(zd);
  });
  afterEach(() => zd.assertNoViolations());
  afterAll(() => zd.close());

  it('view: the public comments only, support as agent, your own address and nobody else’s', async () => {
    const r = await as('ann', ['ticket', 'view', '#1', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const t = r.json();
    expect(t).toMatchObject({ ref: '1', status: 'open', statusCategory: 'open', type: 'report-an-incident', messageCount: 2 });
    expect(t.messages.map((m: { body: string; author: object }) => [m.body, m.author])).toEqual([
      ['The printer is on fire.', { email: 'ann@acme.test', name: 'Ann Leroy', role: 'customer' }],
      ['Please step away from the printer.', { email: '', name: 'Zoe Agent', role: 'agent' }],
    ]);
    const text = await as('ann', ['ticket', 'view', '1']);
    expect(text.stdout).toContain('#1');
    expect(text.stdout).not.toContain('Internal');
    const hidden = await as('ben', ['ticket', 'view', '1']);
    expect(hidden.code).toBe(3);
    expect(hidden.stderr).toContain('request #1 was not found, or you cannot see it');
  });

  it('watch ID: an agent reply made during the wait is printed, and --exit-on-reply exits 0', async () => {
    const from = zd.exchanges.length;
    const watching = as('ann', ['ticket', 'watch', '1', '--interval', '1s', '--timeout', '60s', '--exit-on-reply']);
    // support answers once the watch has read the conversation as it was (Ann's read: a request of an earlier
    // test may still be arriving)
    const annAuth = `Basic ${Buffer.from(apiToken('ann')).toString('base64')}`;
    const readByWatch = () =>
      sent(zd, 'GET', /^\/api\/v2\/requests\/1\/comments$/, from).some((e) => e.status === 200 && e.headers.authorization === annAuth);
    while (!readByWatch()) await new Promise((r) => setTimeout(r, 50));
    zd.agent.reply(1, 'We replaced the printer.');
    const r = await watching;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('waiting for replies on #1 "Printer on fire"');
    expect(r.stdout).toMatch(/Zoe Agent.*\nWe replaced the printer\./);
    expect(r.stdout).not.toContain('The printer is on fire.');
  }, 120_000); // polls every second: generous under the shared machine's load

  it('reply: a solved request reopens; the reply shows as yours', async () => {
    const r = await as('ann', ['ticket', 'reply', '2', '--body', 'It broke again', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({
      message: { body: 'It broke again', author: { email: 'ann@acme.test', role: 'customer' } },
      ticket: { status: 'open' },
    });
    expect(zd.state.mustRequest(2).comments.at(-1)!.body).toBe('It broke again');
  });

  it('a closed request refuses replies as tix serve does; --follow-up files the follow-up (via_followup_source_id)', async () => {
    const from = zd.exchanges.length;
    const refused = await as('ann', ['ticket', 'reply', '3', '--body', 'Still there?']);
    expect(refused.code).toBe(5);
    expect(refused.errorJson()).toMatchObject({ code: 'ticket_closed', exitCode: 5 });
    expect(refused.stderr).toContain('ticket #3 is closed and takes no more replies');
    expect(refused.stderr).toContain('tix ticket create --follow-up 3');
    expect(sent(zd, 'PUT', /^\/api\/v2\/requests\/3$/, from)).toEqual([]);
    // with a key of one's own the helpdesk has the last word: Zendesk's 422, said the same way
    const keyed = await as('ann', ['ticket', 'reply', '3', '--body', 'Still there?', '--idempotency-key', 'k-closed']);
    expect(keyed.code).toBe(5);
    expect(keyed.errorJson()).toMatchObject({ code: 'ticket_closed', status: 422 });
    const follow = await as('ann', [
      'ticket',
      'create',
      '--follow-up',
      '3',
      '--description',
      'The old question again',
      '--field',
      `establishmentSiret=${SIRET}`,
      '--field',
      `${CONSENT}=true`,
      '--json',
      'ref,followUpOf,type,summary',
    ]);
    expect(follow.code, follow.stderr).toBe(0);
    expect(follow.json()).toMatchObject({ followUpOf: '3', type: 'ask-a-question', summary: 'Follow-up to #3: Old question' });
    const [post] = sent(zd, 'POST', /^\/api\/v2\/requests$/, from);
    expect((post!.body as any).request.via_followup_source_id).toBe(3);
    const open = await as('ann', ['ticket', 'create', '--follow-up', '1', '--description', 'x']);
    expect(open.code).toBe(2);
    expect(open.stderr).toContain('#1 is open, not closed');
  });

  it('resolve: marked solved when can_be_solved_by_me; refused otherwise (exit 5) without a write; close and reopen are not for end users', async () => {
    const solved = await as('ann', ['ticket', 'resolve', '1', '--json', 'status,statusCategory']);
    expect(solved.code, solved.stderr).toBe(0);
    expect(solved.json()).toEqual({ status: 'solved', statusCategory: 'resolved' });
    const [put] = sent(zd, 'PUT', /^\/api\/v2\/requests\/1$/);
    expect(put!.body).toEqual({ request: { solved: true } });
    const from = zd.exchanges.length;
    const refused = await as('ann', ['ticket', 'resolve', '5']);
    expect(refused.code).toBe(5);
    expect(refused.errorJson()).toMatchObject({ code: 'not_solvable', ref: '5' });
    expect(refused.stderr).toContain('only once an agent is assigned to the request');
    expect(sent(zd, 'PUT', /^\/api\/v2\/requests\/5$/, from)).toEqual([]);
    zd.agent.assign(5);
    expect((await as('ann', ['ticket', 'resolve', '5'])).code).toBe(0);
    expect(zd.state.mustRequest(5).status).toBe('solved');
    // Zendesk's own refusal (403), should it disagree with what the request said
    zd.faults.status(403, { match: 'PUT /api/v2/requests/4', body: { error: 'Forbidden', description: 'You cannot solve this request' } });
    const forbidden = await as('ben', ['ticket', 'resolve', '4']);
    expect(forbidden.code).toBe(5);
    expect(forbidden.errorJson()).toMatchObject({ code: 'not_solvable', status: 403 });
    for (const verb of ['close', 'reopen']) {
      const r = await as('ann', ['ticket', verb, '2']);
      expect(r.code).toBe(7);
      expect(r.errorJson()).toMatchObject({ code: 'unsupported', provider: 'zendesk', action: verb });
    }
  });
});

describe('Zendesk: 429s, lost answers, and why nothing is filed twice', () => {
  let zd: ZendeskStub;
  let as: ReturnType<typeof cli>;
  beforeAll(async () => {
    zd = await startZendeskStub({ clock: 'real' });
    as = cli(zd);
  });
  afterEach(() => {
    zd.faults.clear();
    zd.assertNoViolations();
  });
  afterAll(() => zd.close());

  const listRequests = /^\/api\/v2\/requests$/;

  it('a 429 storm with Retry-After is waited out; without the header, backed off', async () => {
    for (const retryAfter of [0, null]) {
      zd.faults.rateLimit({ times: 3, retryAfter, match: 'GET /api/v2/requests' });
      const from = zd.exchanges.length;
      const r = await as('ann', ['ticket', 'list', '--json', 'ref']);
      expect(r.code, r.stderr).toBe(0);
      expect(sent(zd, 'GET', listRequests, from).map((e) => e.status)).toEqual([429, 429, 429, 200]);
    }
    // Retry-After is honoured as asked, when the client may wait that long
    zd.faults.rateLimit({ times: 1, retryAfter: 1, match: 'GET /api/v2/requests' });
    const waited = await as('ann', ['ticket', 'list', '--json', 'ref'], { http: { maxRetryDelayMs: 5000 } });
    expect(waited.code, waited.stderr).toBe(0);
  });

  it('a storm longer than the retries: exit 6, transient', async () => {
    zd.faults.rateLimit({ times: 10, retryAfter: null, match: 'GET /api/v2/requests' });
    const r = await as('ann', ['ticket', 'list']);
    expect(r.code).toBe(6);
    expect(r.errorJson()).toMatchObject({ exitCode: 6, status: 429, code: 'rate_limited' });
    expect(r.stderr).toContain('Number of allowed API requests per minute exceeded');
  });

  it('writes behind 429s are sent again (Zendesk did nothing): one request, one comment', async () => {
    zd.faults.rateLimit({ times: 2, retryAfter: null, match: 'POST /api/v2/requests' });
    const created = await as('ann', [
      'ticket',
      'create',
      '--type',
      'ask-a-question',
      '--summary',
      'Behind a storm',
      '--description',
      'd',
      '--field',
      `establishmentSiret=${SIRET}`,
      '--field',
      `${CONSENT}=yes`,
      '--json',
      'ref',
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(zd.state.requests.filter((r) => r.subject === 'Behind a storm')).toHaveLength(1);
    const ref = created.json().ref;
    zd.faults.rateLimit({ times: 2, retryAfter: 0, match: `PUT /api/v2/requests/${ref}` });
    const replied = await as('ann', ['ticket', 'reply', ref, '--body', 'Storm reply']);
    expect(replied.code, replied.stderr).toBe(0);
    expect(zd.state.mustRequest(Number(ref)).comments.filter((c) => c.body === 'Storm reply')).toHaveLength(1);
  });

  it('a create whose answer is lost is looked for, not sent again; one whose request was lost is sent again', async () => {
    const create = (summary: string) => [
      'ticket',
      'create',
      '--type',
      'ask-a-question',
      '--summary',
      summary,
      '--description',
      'd',
      '--field',
      `establishmentSiret=${SIRET}`,
      '--field',
      `${CONSENT}=yes`,
      '--json',
      'ref',
    ];
    zd.faults.drop({ match: 'POST /api/v2/requests', when: 'after' });
    let from = zd.exchanges.length;
    const lost = await as('ann', create('Answer lost'));
    expect(lost.code, lost.stderr).toBe(0);
    expect(sent(zd, 'POST', listRequests, from)).toHaveLength(1);
    expect(zd.state.requests.filter((r) => r.subject === 'Answer lost').map((r) => String(r.id))).toEqual([lost.json().ref]);
    zd.faults.drop({ match: 'POST /api/v2/requests', when: 'before' });
    from = zd.exchanges.length;
    const resent = await as('ann', create('Request lost'));
    expect(resent.code, resent.stderr).toBe(0);
    expect(sent(zd, 'POST', listRequests, from)).toHaveLength(2);
    expect(zd.state.requests.filter((r) => r.subject === 'Request lost')).toHaveLength(1);
  });

  it('a reply whose answer is lost, or that meets a 503, is looked for among the comments before it is sent again', async () => {
    zd.faults.drop({ match: 'PUT /api/v2/requests/1', when: 'after' });
    const lost = await as('ann', ['ticket', 'reply', '1', '--body', 'Lost answer']);
    expect(lost.code, lost.stderr).toBe(0);
    zd.faults.status(503, { match: 'PUT /api/v2/requests/1', body: { error: 'Unavailable', description: 'Maintenance' } });
    const unavailable = await as('ann', ['ticket', 'reply', '1', '--body', 'After a 503']);
    expect(unavailable.code, unavailable.stderr).toBe(0);
    const bodies = zd.state.mustRequest(1).comments.map((c) => c.body);
    expect(bodies.filter((b) => b === 'Lost answer')).toHaveLength(1);
    expect(bodies.filter((b) => b === 'After a 503')).toHaveLength(1);
    // every answer lost: looked for each time, never found, never guessed: exit 6 with the way to check
    zd.faults.drop({ match: 'PUT /api/v2/requests/1', when: 'before', times: 10 });
    const gone = await as('ann', ['ticket', 'reply', '1', '--body', 'Never arrives']);
    expect(gone.code).toBe(6);
    expect(gone.errorJson()).toMatchObject({ code: 'outcome_unknown', hint: 'check with: tix ticket view 1' });
    expect(zd.state.mustRequest(1).comments.some((c) => c.body === 'Never arrives')).toBe(false);
  });

  it('the same --idempotency-key on a reply posts once: Zendesk keeps no key, tix looks at the newest comment first', async () => {
    const args = ['ticket', 'reply', '1', '--body', 'Keyed reply', '--idempotency-key', 'reply-key-1'];
    expect((await as('ann', args)).code).toBe(0);
    const again = await as('ann', args);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('That reply was already posted (idempotency key reply-key-1)');
    expect(zd.state.mustRequest(1).comments.filter((c) => c.body === 'Keyed reply')).toHaveLength(1);
    // once support has answered, the same words are a new reply
    zd.agent.reply(1, 'Anything else?');
    expect((await as('ann', [...args.slice(0, -1), 'reply-key-2'])).code).toBe(0);
    expect(zd.state.mustRequest(1).comments.filter((c) => c.body === 'Keyed reply')).toHaveLength(2);
  });
});
