// The Jira Service Management provider through the real CLI (the built bundle) against the JSM stub: logins to
// Cloud and Data Center, the catalog and its forms, filing by flags and by prompts, lists with every filter and
// page by page, conversations, replies, customer transitions, attachments both ways, rate limits and lost
// answers. Every exchange is checked against Atlassian's OpenAPI document after each test: zero violations.
import { screen } from '@inquirer/testing/vitest';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../../src/io/iostreams.ts';
import { isolatedEnv, type Result, tempDir, tix } from '../helpers/cli.ts';
import { waitFor } from '../helpers/prompts.ts';
import { type JiraSmStub, startJiraSmStub } from '../helpers/vendors/jira-sm.ts';

const API = '/rest/servicedeskapi';
const MARK = /\u2063(?:\u200b|\u200c|\u200d|\u2060){32}\u2063$/;
type Who = 'alice' | 'bob' | 'carol';
const people: Record<Who, { email: string; token: string }> = {
  alice: { email: 'alice@acme.test', token: 'alice-api-token' },
  bob: { email: 'bob@acme.test', token: 'bob-api-token' },
  carol: { email: 'carol@support.test', token: 'carol-api-token' },
};
const unique = (what: string) => `${what} ${randomBytes(4).toString('hex')}`;

describe('Jira Service Management provider (Cloud)', () => {
  let jsm: JiraSmStub;
  const dir = tempDir('tix-jsm-');
  beforeAll(async () => {
    jsm = await startJiraSmStub({ clockStart: Date.now() - 60 * 60_000 });
  });
  afterEach(() => {
    jsm.faults.clear();
    jsm.state.maxPageSize = 50;
    jsm.assertNoViolations();
  });
  afterAll(() => jsm.close());

  /** The CI way: TIX_TOKEN with TIX_EMAIL (Cloud's Basic), the service desk from TIX_SERVICE_DESK. */
  const envOf = (who: Who, extra: Env = {}): Env =>
    isolatedEnv({
      TIX_SERVER: jsm.url,
      TIX_PROVIDER: 'jira-sm',
      TIX_TOKEN: people[who].token,
      TIX_EMAIL: people[who].email,
      TIX_SERVICE_DESK: 'SD',
      ...extra,
    });
  const as = (who: Who, args: string[], opts: { stdin?: string; env?: Env } = {}) =>
    tix(args, { env: opts.env ?? envOf(who), stdin: opts.stdin });
  const ok = (r: Result) => {
    expect(r.code, r.stderr).toBe(0);
    return r;
  };
  const sent = (method: string, path: string | RegExp) =>
    jsm.exchanges.filter((e) => e.method === method && (typeof path === 'string' ? e.path === path : path.test(e.path)));
  const since = () => {
    const mark = jsm.exchanges.length;
    return (method: string, path: string | RegExp) => sent(method, path).filter((e) => jsm.exchanges.indexOf(e) >= mark);
  };

  /** A billing question (summary, description, consent) filed through the CLI; its JSON. */
  async function fileBilling(who: Who, summary = unique('Billing'), extra: string[] = []): Promise<any> {
    const r = ok(
      await as(who, [
        'ticket',
        'create',
        '--type',
        'billing-question',
        '--summary',
        summary,
        '--description',
        `About ${summary}`,
        '--field',
        'customfield_10050=true',
        ...extra,
        '--json',
      ]),
    );
    return r.json();
  }

  describe('logging in', () => {
    it('Cloud: e-mail and API token as Basic; several desks must be chosen, the choice is kept in the profile', async () => {
      const env = isolatedEnv();
      const login = (extra: string[], token = people.alice.token) =>
        tix(
          [
            'auth',
            'login',
            '--provider',
            'jira-sm',
            '--server',
            jsm.url,
            '--email',
            people.alice.email,
            '--with-token',
            '--insecure-storage',
            ...extra,
          ],
          {
            env,
            stdin: token,
          },
        );
      const several = await login([]);
      expect(several.code).toBe(2);
      expect(several.errorJson()).toMatchObject({ code: 'service_desk_required', serviceDesks: ['SD', 'IT'] });
      expect(several.stderr).toContain('SD "Customer support" (id 1)');
      expect(several.stderr).toContain('--service-desk SD');
      const unknown = await login(['--service-desk', 'NOPE']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/no service desk "NOPE".*IT "IT help"/);
      const wrong = await login(['--service-desk', 'SD'], 'not-the-token');
      expect(wrong.code).toBe(4);

      const mark = jsm.exchanges.length;
      const done = ok(await login(['--service-desk', 'SD']));
      expect(done.stderr).toContain('Logged in to');
      expect(done.stderr).toContain('Jira Service Management');
      expect(done.stderr).toContain('Service desk: SD "Customer support" (id 1)');
      const basic = `Basic ${Buffer.from(`${people.alice.email}:${people.alice.token}`).toString('base64')}`;
      expect(jsm.exchanges.slice(mark).every((e) => e.headers.authorization === basic)).toBe(true);
      const config = JSON.parse(readFileSync(join(env.TIX_CONFIG_DIR!, 'config.json'), 'utf8'));
      expect(config.profiles.default).toMatchObject({
        provider: 'jira-sm',
        email: people.alice.email,
        settings: { serviceDesk: '1', auth: 'basic' },
      });
      // the profile alone now works: no environment, its desk
      const types = ok(await tix(['type', 'list', '--json', 'id'], { env }));
      expect(types.json()).toContainEqual({ id: 'incident' });
      const status = ok(await tix(['auth', 'status', '--json', 'provider,user'], { env }));
      expect(status.json()).toMatchObject({ provider: 'jira-sm', user: { email: people.alice.email, role: 'customer' } });
      // a flag of another provider's is refused; a password is not how JSM logs in
      const other = await tix(['auth', 'login', '--provider', 'tix', '--server', jsm.url, '--with-token', '--service-desk', 'SD'], {
        env: isolatedEnv(),
        stdin: 'x',
      });
      expect(other.code).toBe(2);
      expect(other.stderr).toContain('takes no --service-desk');
      const password = await tix(['auth', 'login', '--provider', 'jira-sm', '--server', jsm.url, '--email', 'a@b.c', '--password-stdin'], {
        env: isolatedEnv(),
        stdin: 'pw',
      });
      expect(password.code).toBe(2);
      expect(password.stderr).toContain('--with-token');
    });

    it('Cloud refuses a token without the e-mail (Bearer is for Data Center): exit 4, nothing kept', async () => {
      const env = isolatedEnv();
      const r = await tix(
        ['auth', 'login', '--provider', 'jira-sm', '--server', jsm.url, '--with-token', '--service-desk', 'SD', '--insecure-storage'],
        {
          env,
          stdin: people.alice.token,
        },
      );
      expect(r.code).toBe(4);
      expect(() => readFileSync(join(env.TIX_CONFIG_DIR!, 'config.json'))).toThrow();
    });

    it('TIX_SERVICE_DESK chooses the desk in CI; without it, several desks are listed (exit 2)', async () => {
      const it = ok(await as('alice', ['type', 'list', '--json', 'id'], { env: envOf('alice', { TIX_SERVICE_DESK: 'IT' }) }));
      expect(it.json()).toEqual([{ id: 'get-it-help' }, { id: 'report-a-problem' }]);
      const none = await as('alice', ['ticket', 'list'], { env: envOf('alice', { TIX_SERVICE_DESK: '' }) });
      expect(none.code).toBe(2);
      expect(none.errorJson()).toMatchObject({ code: 'service_desk_required' });
    });
  });

  describe('request types and their forms', () => {
    it('groups are categories, request types are types, ids from their names', async () => {
      const r = ok(await as('alice', ['type', 'list', '--json', 'id,category,label']));
      const types = r.json();
      expect(types).toHaveLength(10);
      expect(types.slice(0, 3)).toEqual([
        { id: 'ask-a-question', category: 'general-requests', label: 'Ask a question' },
        { id: 'user-interface-or-translation-problem', category: 'general-requests', label: 'User interface or translation problem' },
        { id: 'improvement', category: 'general-requests', label: 'Improvement' },
      ]);
      expect(new Set(types.map((t: { category: string }) => t.category))).toEqual(
        new Set(['general-requests', 'technical-requests', 'billing', 'security-and-privacy']),
      );
      const security = ok(await as('alice', ['type', 'list', '--category', 'security-and-privacy']));
      expect(
        security.stdout
          .trim()
          .split('\n')
          .map((l) => l.split('\t')[0]),
      ).toEqual(['user-deletion', 'mfa-reset']);
    });

    it('each jiraSchema as a tix field kind: choices, defaults, required, hidden fields left out', async () => {
      const incident = ok(await as('alice', ['type', 'view', 'incident', '--json'])).json();
      const byId = Object.fromEntries(incident.fields.map((f: { id: string }) => [f.id, f]));
      expect(Object.keys(byId)).toEqual([
        'summary',
        'description',
        'priority',
        'customfield10063',
        'customfield10065',
        'customfield10066',
        'attachments',
        'customfield10050',
        'customfield10051',
      ]);
      expect(byId.summary).toMatchObject({ kind: 'text', required: true, maxLength: 255 });
      expect(byId.description).toMatchObject({ kind: 'longtext', required: true });
      // required with a default: JSM fills it, so tix does not insist
      expect(byId.priority).toMatchObject({
        label: 'Severity',
        kind: 'choice',
        required: false,
        default: 'medium',
        choices: [
          { value: 'highest', label: 'Highest' },
          { value: 'high', label: 'High' },
          { value: 'medium', label: 'Medium' },
          { value: 'low', label: 'Low' },
        ],
      });
      expect(byId.customfield10063).toMatchObject({ kind: 'url', required: false });
      expect(byId.customfield10065).toMatchObject({ kind: 'number' });
      expect(byId.customfield10066).toMatchObject({
        kind: 'multichoice',
        choices: [{ value: 'payroll' }, { value: 'time-off' }, { value: 'documents' }],
      });
      expect(byId.attachments).toMatchObject({ kind: 'attachments' });
      expect(byId.customfield10050).toMatchObject({ kind: 'boolean', required: true, acknowledgement: true });
      expect(byId.customfield10051).toMatchObject({ kind: 'choice', default: 'no' });
      expect(incident.irreversible).toBeUndefined();

      const question = ok(await as('alice', ['type', 'view', 'ask-a-question', '--json', 'fields'])).json();
      expect(question.fields.map((f: { id: string }) => f.id)).not.toContain('customfield10090'); // hidden
      const sql = ok(await as('alice', ['type', 'view', 'sql-report-request', '--json', 'fields'])).json();
      expect(sql.fields.find((f: { id: string }) => f.id === 'customfield10064')).toMatchObject({ kind: 'date', required: true });
      const improvement = ok(await as('alice', ['type', 'view', 'improvement', '--json', 'fields'])).json();
      expect(improvement.fields.find((f: { id: string }) => f.id === 'labels')).toMatchObject({ kind: 'text' });
      expect(ok(await as('alice', ['type', 'view', 'user-deletion', '--json', 'irreversible'])).json()).toEqual({ irreversible: true });
      // the flags people read
      const text = ok(await as('alice', ['type', 'view', 'incident']));
      expect(text.stdout).toContain('--field priority=highest|high|medium|low');
      expect(text.stdout).toContain('multichoice: payroll,time-off,documents');
      const missing = await as('alice', ['type', 'view', 'no-such-type']);
      expect(missing.code).toBe(3);
    });
  });

  describe('filing', () => {
    it('by flags: requestFieldValues of every kind, the key marked invisibly, the form values read back', async () => {
      const mark = since();
      const summary = unique('Payroll export fails');
      const r = ok(
        await as('alice', [
          'ticket',
          'create',
          '--type',
          'incident',
          '--summary',
          summary,
          '--description',
          'Error 500 on export.',
          '--field',
          'priority=high',
          '--field',
          'customfield_10063=https://app.example.com/payroll',
          '--field',
          'customfield10065=12',
          '--field',
          'customfield10066=payroll,time-off',
          '--field',
          'customfield10050=yes',
          '--json',
        ]),
      );
      const created = mark('POST', `${API}/request`);
      expect(created).toHaveLength(1);
      const body = created[0]!.body as any;
      expect(body).toMatchObject({
        serviceDeskId: '1',
        requestTypeId: '21',
        requestFieldValues: {
          summary,
          priority: { id: '2' },
          customfield_10063: 'https://app.example.com/payroll',
          customfield_10065: 12,
          customfield_10066: [{ id: '10150' }, { id: '10151' }],
          customfield_10050: [{ id: '10100' }],
        },
      });
      expect(body.requestFieldValues.description).toMatch(MARK);
      expect(body.requestFieldValues.description.replace(MARK, '')).toBe('Error 500 on export.');
      const t = r.json();
      expect(t).toMatchObject({
        ref: expect.stringMatching(/^SD-\d+$/),
        status: 'Waiting for support',
        statusCategory: 'new',
        type: 'incident',
        category: 'technical-requests',
        summary,
        establishment: null,
        createdBy: { email: people.alice.email, name: 'Alice Martin' },
        fields: {
          priority: 'high',
          customfield10063: 'https://app.example.com/payroll',
          customfield10065: '12',
          customfield10066: ['payroll', 'time-off'],
          customfield10050: true,
          customfield10051: 'no', // the form's default, filled by JSM
        },
        url: expect.stringContaining(`/servicedesk/customer/portal/1/${t.ref}`),
      });
      // what people read has no mark
      const view = ok(await as('alice', ['ticket', 'view', t.ref, '--json', 'messages'])).json();
      expect(view.messages[0].body).toBe('Error 500 on export.');
    });

    it('refuses before sending: every missing or bad field named (exit 2)', async () => {
      const mark = since();
      const r = await as('alice', [
        'ticket',
        'create',
        '--type',
        'incident',
        '--summary',
        'Never filed',
        '--field',
        'customfield10065=twelve',
        '--field',
        'customfield10066=payroll,nope',
        '--field',
        'priority=urgent',
      ]);
      expect(r.code).toBe(2);
      for (const problem of [
        /description: is required/,
        /customfield10050: is required/,
        /customfield10065: expected a number/,
        /customfield10066: nope: not among payroll, time-off, documents/,
        /priority: one of highest, high, medium, low/,
      ])
        expect(r.stderr).toMatch(problem);
      expect(mark('POST', `${API}/request`)).toHaveLength(0);
    });

    it('by prompts: category, type, then its form (a consent box answered yes)', async () => {
      const summary = unique('Prompted incident');
      const run = tix(['ticket', 'create', '--json', 'ref,type,summary,fields'], { env: envOf('alice'), tty: true });
      await waitFor(/Category/, run);
      screen.keypress('down'); // Technical requests
      screen.keypress('enter');
      await waitFor(/Request type/, run);
      screen.keypress('down'); // Incident
      screen.keypress('enter');
      await waitFor(/Summary/, run);
      screen.type(summary);
      screen.keypress('enter');
      await waitFor(/Description/, run);
      screen.type('Nobody can log in since 9:00');
      screen.keypress('enter');
      await waitFor(/Severity/, run);
      screen.keypress('up'); // from the default (Medium) to High
      screen.keypress('enter');
      await waitFor(/URL/, run);
      screen.keypress('enter');
      await waitFor(/Affected users/, run);
      screen.type('40');
      screen.keypress('enter');
      await waitFor(/Affected modules/, run);
      screen.type('payroll');
      screen.keypress('enter');
      await waitFor(/files to attach/, run);
      screen.keypress('enter');
      await waitFor(/Consent to data collection/, run);
      screen.type('y');
      screen.keypress('enter');
      await waitFor(/Share with my account manager/, run);
      screen.keypress('enter'); // its default: No
      await waitFor(/Send this request\?/, run);
      screen.type('y');
      screen.keypress('enter');
      const r = await run;
      expect(r.code, r.stderr).toBe(0);
      expect(r.json()).toMatchObject({
        type: 'incident',
        summary,
        fields: { priority: 'high', customfield10065: '40', customfield10066: ['payroll'], customfield10050: true, customfield10051: 'no' },
      });
    });

    it('an agent raises a request on behalf of a customer (looked up by e-mail), who then sees it; a customer may not', async () => {
      const view = ok(await as('carol', ['type', 'view', 'billing-question', '--json', 'fields'])).json();
      expect(view.fields.at(-1)).toMatchObject({ id: 'onBehalfOf', kind: 'email' });
      const summary = unique('Raised for Bob');
      const t = ok(
        await as('carol', [
          'ticket',
          'create',
          '--type',
          'billing-question',
          '--summary',
          summary,
          '--description',
          'd',
          '--field',
          'customfield10050=true',
          '--field',
          'onBehalfOf=bob@acme.test',
          '--json',
          'ref,createdBy',
        ]),
      ).json();
      expect(t.createdBy.email).toBe(people.bob.email);
      expect(sent('POST', `${API}/request`).at(-1)!.body).toMatchObject({ raiseOnBehalfOf: 'qm:0b1c2d3e-bob' });
      ok(await as('bob', ['ticket', 'view', t.ref, '--json', 'ref']));
      const refused = await as('alice', [
        'ticket',
        'create',
        '--type',
        'billing-question',
        '--summary',
        's',
        '--description',
        'd',
        '--field',
        'customfield10050=true',
        '--field',
        'onBehalfOf=bob@acme.test',
      ]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('onBehalfOf: not a field of billing-question');
    });

    it('the same --idempotency-key twice files once: the second run finds its mark', async () => {
      const key = `ci-${randomBytes(4).toString('hex')}`;
      const summary = unique('Nightly job failed');
      const first = await fileBilling('alice', summary, ['--idempotency-key', key]);
      const mark = since();
      const again = await as('alice', [
        'ticket',
        'create',
        '--type',
        'billing-question',
        '--summary',
        summary,
        '--description',
        `About ${summary}`,
        '--field',
        'customfield10050=true',
        '--idempotency-key',
        key,
      ]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toContain(`Already done with idempotency key ${key}`);
      expect(again.stdout.trim()).toBe(first.url);
      expect(mark('POST', `${API}/request`)).toHaveLength(0);
      expect(jsm.state.requests.filter((r) => r.fields.summary === summary)).toHaveLength(1);
    });

    it('a create whose answer is lost, or answered 503, is looked for and filed once', async () => {
      const summary = unique('Lost answer');
      jsm.faults.drop({ match: `POST ${API}/request`, when: 'after' });
      const mark = since();
      const lost = await fileBilling('alice', summary);
      expect(mark('POST', `${API}/request`)).toHaveLength(1);
      expect(jsm.state.requests.filter((r) => r.fields.summary === summary).map((r) => r.issueKey)).toEqual([lost.ref]);

      // refused before it was processed: not found, so sent again
      const other = unique('Unavailable');
      jsm.faults.status(503, { match: `POST ${API}/request`, body: { errorMessage: 'Service unavailable' } });
      const mark2 = since();
      const filed = await fileBilling('alice', other);
      expect(mark2('POST', `${API}/request`).map((e) => e.status)).toEqual([503, 201]);
      expect(jsm.state.requests.filter((r) => r.fields.summary === other).map((r) => r.issueKey)).toEqual([filed.ref]);
      // the 503 answer is not in Atlassian's document: the fault's, not the provider's; anything else still fails
      expect(jsm.takeViolations().filter((v) => !v.includes(`POST ${API}/request -> 503`))).toEqual([]);
    });

    it('429 storms: reads and creates wait as Retry-After says; a storm that does not end is exit 6', async () => {
      jsm.faults.rateLimit({ times: 2, retryAfter: 0 });
      ok(await as('alice', ['ticket', 'list', '--limit', '1']));
      const summary = unique('Rate limited');
      jsm.faults.rateLimit({ times: 2, retryAfter: 0, match: `POST ${API}/request` });
      const mark = since();
      const t = await fileBilling('alice', summary);
      expect(mark('POST', `${API}/request`).map((e) => e.status)).toEqual([429, 429, 201]);
      expect(jsm.state.requests.filter((r) => r.fields.summary === summary).map((r) => r.issueKey)).toEqual([t.ref]);
      jsm.faults.rateLimit({ times: 10, retryAfter: 0 });
      const storm = await as('alice', ['ticket', 'view', 'SD-1']);
      expect(storm.code).toBe(6);
      expect(storm.stderr).toContain('busy');
      jsm.faults.clear();
      jsm.faults.rateLimit({ retryAfter: 3600 });
      const later = await as('alice', ['ticket', 'view', 'SD-1']);
      expect(later.code).toBe(6);
      expect(later.stderr).toContain('retry after 3600s');
    });
  });

  describe('listing', () => {
    it('my requests with JSM filters: requestStatus, requestTypeId with serviceDeskId, searchTerm', async () => {
      const closed = ok(await as('alice', ['ticket', 'list', '--status', 'closed', '--json', 'ref,status,statusCategory'])).json();
      expect(closed).toContainEqual({ ref: 'SD-4', status: 'Closed', statusCategory: 'closed' });
      expect(closed.every((t: { statusCategory: string }) => t.statusCategory === 'closed')).toBe(true);
      expect(sent('GET', `${API}/request`).at(-1)!.query).toContain('requestStatus=CLOSED_REQUESTS');
      const resolved = ok(await as('alice', ['ticket', 'list', '--status', 'Resolved', '--json', 'ref'])).json();
      expect(resolved).toEqual([{ ref: 'SD-2' }]);
      const incidents = ok(await as('alice', ['ticket', 'list', '--type', 'incident', '--json', 'ref,type'])).json();
      expect(incidents.length).toBeGreaterThan(0);
      expect(incidents.every((t: { type: string }) => t.type === 'incident')).toBe(true);
      const query = new URLSearchParams(sent('GET', `${API}/request`).at(-1)!.query);
      expect([query.get('requestTypeId'), query.get('serviceDeskId')]).toEqual(['21', '1']);
      const billing = ok(await as('alice', ['ticket', 'list', '--category', 'billing', '--json', 'category'])).json();
      expect(billing.length).toBeGreaterThan(0);
      expect(billing.every((t: { category: string }) => t.category === 'billing')).toBe(true);
      const search = ok(await as('alice', ['ticket', 'list', '--search', 'payslips', '--json', 'ref'])).json();
      expect(search).toEqual([{ ref: 'SD-2' }]);
      expect(new URLSearchParams(sent('GET', `${API}/request`).at(-1)!.query).get('searchTerm')).toBe('payslips');
      const unknown = await as('alice', ['ticket', 'list', '--type', 'nope']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('ask-a-question');
      // no establishments and no read state on JSM: the provider-neutral refusal
      const establishment = await as('alice', ['ticket', 'list', '--establishment', '81234567600025']);
      expect(establishment.code).toBe(7);
      expect(establishment.stderr).toContain('Jira Service Management (provider jira-sm) does not support establishments');
    });

    it("a colleague's requests (shared with Acme) are listed; --mine and --author tell them apart", async () => {
      const word = `w${randomBytes(4).toString('hex')}`;
      const mine = await fileBilling('alice', `Shared ${word} a`);
      const bobs = await fileBilling('bob', `Shared ${word} b`);
      const all = ok(await as('alice', ['ticket', 'list', '--search', word, '--json', 'ref'])).json();
      expect(all.map((t: { ref: string }) => t.ref).sort()).toEqual([mine.ref, bobs.ref].sort());
      expect(ok(await as('alice', ['ticket', 'list', '--search', word, '--mine', '--json', 'ref'])).json()).toEqual([{ ref: mine.ref }]);
      expect(ok(await as('alice', ['ticket', 'list', '--search', word, '--author', people.bob.email, '--json', 'ref'])).json()).toEqual([
        { ref: bobs.ref },
      ]);
    });

    it('page by page to the last page (the service caps the page size), with --limit and --all', async () => {
      const word = `p${randomBytes(4).toString('hex')}`;
      const refs: string[] = [];
      for (let i = 0; i < 5; i++) refs.push((await fileBilling('alice', `Paged ${word} ${i}`)).ref);
      jsm.state.maxPageSize = 2;
      const mark = since();
      const all = ok(await as('alice', ['ticket', 'list', '--search', word, '--all', '--json', 'ref'])).json();
      expect(all.map((t: { ref: string }) => t.ref)).toEqual([...refs].reverse()); // newest activity first
      const pages = mark('GET', `${API}/request`).map((e) => new URLSearchParams(e.query).get('start'));
      expect(pages).toEqual(['0', '2', '4']);
      expect(mark('GET', `${API}/request`).at(-1)!.responseBody).toMatchObject({ isLastPage: true, size: 1 });
      const three = ok(await as('alice', ['ticket', 'list', '--search', word, '--limit', '3', '--json', 'ref'])).json();
      expect(three.map((t: { ref: string }) => t.ref)).toEqual(refs.slice(2).reverse());
      // --since: nothing that old is left after the first page of older activity
      expect(ok(await as('alice', ['ticket', 'list', '--search', word, '--since', '2999-01-01', '--json', 'ref'])).json()).toEqual([]);
    });
  });

  describe('the conversation', () => {
    it('view: status and its category, public comments only (support as agent), attachments', async () => {
      const t = ok(await as('alice', ['ticket', 'view', 'sd-1', '--json'])).json();
      expect(t).toMatchObject({ ref: 'SD-1', status: 'Waiting for support', statusCategory: 'new', messageCount: 2 });
      expect(t.messages.map((m: { body: string; author: { role: string } }) => [m.author.role, m.body])).toEqual([
        ['customer', 'Since 9:00 nobody can log in.'],
        ['agent', 'We are looking into it.'],
      ]);
      // an agent's token sees internal notes in JSM; tix shows the customer's conversation
      const carol = ok(await as('carol', ['ticket', 'view', 'SD-1', '--json', 'messages'])).json();
      expect(carol.messages.map((m: { body: string }) => m.body)).not.toContain('Internal: the load balancer again.');
      const text = ok(await as('alice', ['ticket', 'view', 'SD-1']));
      expect(text.stdout).toContain('SD-1 Login page returns 503');
      expect(text.stdout).toContain('Waiting for support · incident (technical-requests)');
      expect(text.stdout).toContain('Carol Agent (support)');
      expect(text.stdout).toContain('Severity: high');
      expect((await as('bob', ['ticket', 'view', 'SD-1'])).code).toBe(3); // not shared with him
    });

    it('reply: a public comment; on a resolved request it goes back to support; the same key posts once', async () => {
      const t = await fileBilling('alice');
      const r = ok(await as('alice', ['ticket', 'reply', t.ref, '--body', 'More details', '--json']));
      expect(r.json()).toMatchObject({
        message: { body: 'More details', author: { role: 'customer' } },
        ticket: { ref: t.ref, messageCount: 2 },
      });
      const comment = sent('POST', `${API}/request/${t.ref}/comment`).at(-1)!.body as { body: string; public: boolean };
      expect(comment.public).toBe(true);
      expect(comment.body).toMatch(MARK);

      jsm.agent.setStatus(t.ref, 'Resolved');
      const back = ok(await as('alice', ['ticket', 'reply', t.ref, '--body', 'Not fixed for me']));
      expect(back.stderr).toContain(`Replied to ${t.ref} (now Waiting for support)`);

      const key = `k-${randomBytes(4).toString('hex')}`;
      for (let i = 0; i < 2; i++) ok(await as('alice', ['ticket', 'reply', t.ref, '--body', 'Keyed', '--idempotency-key', key]));
      const bodies = ok(await as('alice', ['ticket', 'view', t.ref, '--json', 'messages']))
        .json()
        .messages.map((m: { body: string }) => m.body);
      expect(bodies.filter((b: string) => b === 'Keyed')).toHaveLength(1);

      jsm.faults.drop({ match: `POST ${API}/request/${t.ref}/comment`, when: 'after' });
      ok(await as('alice', ['ticket', 'reply', t.ref, '--body', 'Lost answer']));
      expect(jsm.state.mustRequest(t.ref).comments.filter((c) => c.body.replace(MARK, '') === 'Lost answer')).toHaveLength(1);
    });

    it('a closed request refuses replies (exit 5, the follow-up way); a canceled one too, before anything is sent', async () => {
      const closed = await as('alice', ['ticket', 'reply', 'SD-4', '--body', 'Still there?']);
      expect(closed.code).toBe(5);
      expect(closed.errorJson()).toMatchObject({ code: 'ticket_closed' });
      expect(closed.stderr).toContain('tix ticket create --follow-up SD-4');
      const view = ok(await as('alice', ['ticket', 'view', 'SD-4']));
      expect(view.stdout).toContain('This ticket is closed. To continue: tix ticket create --follow-up SD-4');

      const t = await fileBilling('alice');
      jsm.agent.setStatus(t.ref, 'Canceled');
      const mark = since();
      const canceled = await as('alice', ['ticket', 'reply', t.ref, '--body', 'Wait']);
      expect(canceled.code).toBe(5);
      expect(mark('POST', /\/comment$/)).toHaveLength(0);

      // closed by an agent between tix's look and the reply: JSM's refusal, read through the request's actions
      const u = await fileBilling('alice');
      jsm.faults.status(400, {
        match: `POST ${API}/request/${u.ref}/comment`,
        body: { errorMessage: 'This request is closed.', i18nErrorMessage: { i18nKey: 'sd.request.closed', parameters: [] } },
      });
      jsm.agent.setStatus(u.ref, 'Closed');
      const key = `race-${randomBytes(3).toString('hex')}`;
      const race = await as('alice', ['ticket', 'reply', u.ref, '--body', 'Too late', '--idempotency-key', key]);
      expect(race.code).toBe(5);
      expect(race.errorJson()).toMatchObject({ code: 'ticket_closed' });
    });

    it('watch ID: an internal note wakes nothing; the first public answer of support ends --exit-on-reply', async () => {
      const t = await fileBilling('alice');
      const views = () => sent('GET', `${API}/request/${t.ref}`).length;
      const before = views();
      const run = as('alice', ['ticket', 'watch', t.ref, '--interval', '1s', '--timeout', '5m', '--exit-on-reply']);
      // each poll views the request: wait for polls, not for the clock
      const polled = async (n: number) => {
        const target = views() + n;
        while (views() < target) await new Promise((r) => setTimeout(r, 50));
      };
      await polled(1);
      jsm.agent.comment(t.ref, 'Internal: ask finance', { public: false });
      await polled(2);
      jsm.agent.comment(t.ref, 'Your invoice is corrected.');
      const r = ok(await run);
      expect(views()).toBeGreaterThan(before + 2);
      expect(r.stdout).toContain('Your invoice is corrected.');
      expect(r.stdout).not.toContain('Internal: ask finance');
    }, 120_000);

    it('a follow-up of a closed request names it in its first line and reads it back', async () => {
      const r = ok(
        await as('alice', [
          'ticket',
          'create',
          '--follow-up',
          'SD-4',
          '--description',
          'It happens again',
          '--field',
          'customfield10050=true',
          '--json',
        ]),
      );
      expect(r.json()).toMatchObject({ followUpOf: 'SD-4', type: 'billing-question', summary: 'Follow-up to SD-4: Old invoice question' });
      const view = ok(await as('alice', ['ticket', 'view', r.json().ref, '--json', 'messages,followUpOf'])).json();
      expect(view.followUpOf).toBe('SD-4');
      expect(view.messages[0].body).toBe('Follow-up to SD-4\n\nIt happens again');
    });
  });

  describe('customer transitions', () => {
    it('close cancels, resolve and reopen where the workflow offers them; what is not offered is refused (exit 5)', async () => {
      const t = await fileBilling('alice');
      const notYet = await as('alice', ['ticket', 'resolve', t.ref]);
      expect(notYet.code).toBe(5);
      expect(notYet.errorJson()).toMatchObject({ code: 'transition_not_offered', offered: ['Cancel request'] });
      expect(notYet.stderr).toContain(`offers no way to resolve ${t.ref} (Waiting for support); what it offers you: Cancel request`);

      jsm.agent.setStatus(t.ref, 'Waiting for customer');
      const resolved = ok(await as('alice', ['ticket', 'resolve', t.ref, '--json', 'status,statusCategory']));
      expect(resolved.json()).toEqual({ status: 'Resolved', statusCategory: 'resolved' });
      expect(sent('POST', `${API}/request/${t.ref}/transition`).at(-1)!.body).toEqual({ id: '21' });
      const reopened = ok(await as('alice', ['ticket', 'reopen', t.ref, '--json', 'status,statusCategory']));
      expect(reopened.json()).toEqual({ status: 'Waiting for support', statusCategory: 'new' });
      const canceled = ok(await as('alice', ['ticket', 'close', t.ref]));
      expect(canceled.stderr).toContain(`${t.ref} is now Canceled`);
      const again = await as('alice', ['ticket', 'reopen', t.ref]);
      expect(again.code).toBe(5);
      expect(again.stderr).toContain('what it offers you: none');

      const u = await fileBilling('alice');
      jsm.agent.offerTransitions(u.ref, []);
      expect((await as('alice', ['ticket', 'close', u.ref])).code).toBe(5);
      jsm.agent.offerTransitions(u.ref, [{ id: '11', name: 'Cancel request', to: 'Canceled' }]);
      jsm.faults.status(400, {
        match: `POST ${API}/request/${u.ref}/transition`,
        body: {
          errorMessage: 'A linked problem must be closed first.',
          i18nErrorMessage: { i18nKey: 'sd.transition.refused', parameters: [] },
        },
      });
      const refused = await as('alice', ['ticket', 'close', u.ref]);
      expect(refused.code).toBe(5);
      expect(refused.errorJson()).toMatchObject({ code: 'transition_refused' });
      expect(refused.stderr).toContain('A linked problem must be closed first.');
    });
  });

  describe('attachments', () => {
    it('up in two steps (temporary file with X-Atlassian-Token, then attach) and down byte for byte', async () => {
      const files = ['trace.bin', 'notes.txt'].map((name) => {
        const path = join(dir, name);
        writeFileSync(path, randomBytes(2048));
        return path;
      });
      const mark = since();
      const t = await fileBilling('alice', unique('With files'), ['--attach', files[0]!]);
      const temporary = mark('POST', `${API}/servicedesk/1/attachTemporaryFile`);
      expect(temporary).toHaveLength(1);
      expect(temporary[0]!.headers['x-atlassian-token']).toBe('no-check');
      expect(String(temporary[0]!.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
      const attach = mark('POST', `${API}/request/${t.ref}/attachment`);
      expect(attach[0]!.body).toMatchObject({ public: true, temporaryAttachmentIds: [expect.stringMatching(/^temp/)] });

      ok(await as('alice', ['ticket', 'reply', t.ref, '--body', 'And the notes', '--attach', files[1]!]));
      const view = ok(await as('alice', ['ticket', 'view', t.ref, '--json', 'messages'])).json();
      expect(
        view.messages.map((m: { body: string; attachments: Array<{ name: string; size: number }> }) => [
          m.body,
          m.attachments.map((a) => a.name),
        ]),
      ).toEqual([
        [`About ${t.summary}`, []],
        ['', ['trace.bin']],
        ['And the notes', ['notes.txt']],
      ]);
      const out = join(dir, `down-${t.ref}`);
      mkdirSync(out);
      ok(await as('bob', ['ticket', 'download', t.ref, '--output', out])); // Bob sees it through Acme
      for (const path of files) expect(readFileSync(join(out, path.split('/').pop()!)).equals(readFileSync(path))).toBe(true);
    });
  });

  it('what JSM cannot do in tix answers the provider-neutral refusal (exit 7)', async () => {
    for (const [args, what] of [
      [['contact', 'list'], 'account contacts'],
      [['token', 'list'], 'personal access tokens'],
      [['inbox'], 'read state (unread messages, the inbox)'],
      [['settings', 'list'], 'organisation settings'],
      [['establishment', 'list'], 'establishments'],
    ] as const) {
      const r = await as('alice', [...args]);
      expect(r.code, args.join(' ')).toBe(7);
      expect(r.stderr).toContain(`Jira Service Management (provider jira-sm) does not support ${what}`);
    }
  });
});

describe('Jira Service Management provider (Data Center)', () => {
  let jsm: JiraSmStub;
  beforeAll(async () => {
    jsm = await startJiraSmStub({ deployment: 'datacenter' });
  });
  afterEach(() => jsm.assertNoViolations());
  afterAll(() => jsm.close());

  it('a personal access token alone, as Bearer; the profile remembers it, and files a request', async () => {
    const env = isolatedEnv();
    const login = await tix(
      ['auth', 'login', '--provider', 'jira-sm', '--server', jsm.url, '--with-token', '--service-desk', 'IT', '--insecure-storage'],
      {
        env,
        stdin: 'alice-pat\n',
      },
    );
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toContain('Alice Martin <alice@acme.test>');
    const config = JSON.parse(readFileSync(join(env.TIX_CONFIG_DIR!, 'config.json'), 'utf8'));
    expect(config.profiles.default).toMatchObject({ email: 'alice@acme.test', settings: { serviceDesk: '2', auth: 'bearer' } });
    const r = await tix(['ticket', 'create', '--type', 'get-it-help', '--summary', 'Printer jam', '--json', 'ref,createdBy'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ ref: expect.stringMatching(/^IT-\d+$/), createdBy: { email: 'alice@acme.test' } });
    expect(jsm.exchanges.every((e) => e.path.endsWith('/info') || e.headers.authorization === 'Bearer alice-pat')).toBe(true);
    // Data Center has no /rest/api/3: tix asks /rest/api/2/myself
    expect(jsm.exchanges.some((e) => e.path === '/rest/api/3/myself')).toBe(false);
  });
});
