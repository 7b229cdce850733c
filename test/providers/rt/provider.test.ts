// tix against a real Request Tracker 5, beyond the provider contract (../contract.test.ts): what is RT's own —
// logging in with a password, queues and their custom fields as forms (checked before sending, since REST2 checks
// nothing), what RT's REST2 then holds (Requestor, custom fields, correspondence, tix's idempotency keys), internal
// comments kept out of the conversation, its lifecycle and rights, queues without the key fields, and errors.
// Everything runs through the built bundle; RT's side is read with plain REST2 calls as its agent.
import { screen } from '@inquirer/testing/vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../../../src/io/iostreams.ts';
import { isolatedEnv, type Result, tempDir, tix } from '../../helpers/cli.ts';
import { type FaultProxy, startFaultProxy } from '../../helpers/fault-proxy.ts';
import { waitFor } from '../../helpers/prompts.ts';
import { RT_REQUIREMENT, RT_START_TIMEOUT, type Rt, type RtUserKey, rtInstalled, startRt, uniqueWord } from '../../helpers/rt.ts';
import { skipUnless } from '../../helpers/strict.ts';

const skip = skipUnless(rtInstalled(), RT_REQUIREMENT);

// generous: every RT request is a Perl worker on a shared two-core machine
describe.skipIf(skip)('the Request Tracker provider against a real RT 5', { timeout: 180_000 }, () => {
  let rt: Rt;
  beforeAll(async () => {
    rt = await startRt();
  }, RT_START_TIMEOUT);

  /** the CLI as an RT user, the CI way (TIX_PROVIDER, TIX_SERVER, TIX_TOKEN) */
  const as = (user: RtUserKey, args: string[], opts: { stdin?: string; env?: Env; server?: string } = {}): Promise<Result> =>
    tix(args, {
      env: isolatedEnv({ TIX_PROVIDER: 'rt', TIX_SERVER: opts.server ?? rt.url, TIX_TOKEN: rt.users[user].token, ...opts.env }),
      stdin: opts.stdin,
    });

  const ok = (r: Result): Result => {
    expect(r.code, r.stderr).toBe(0);
    return r;
  };

  /** a ticket as RT's REST2 holds it, read by its agent */
  async function inRt(ref: string): Promise<any> {
    const res = await rt.request('agent', 'GET', `/ticket/${ref}`);
    expect(res.status).toBe(200);
    return res.body;
  }
  const cf = (ticket: any, name: string): unknown[] => ticket.CustomFields.find((f: { name: string }) => f.name === name)?.values ?? [];

  /** RT's tickets whose subject has the word, as its agent sees them */
  async function filed(word: string): Promise<string[]> {
    const res = await rt.request('agent', 'GET', `/tickets?query=${encodeURIComponent(`Subject LIKE '${word}'`)}`);
    expect(res.status).toBe(200);
    return res.body.items.map((t: { id: string }) => t.id);
  }

  describe('logging in', () => {
    it('with the RT user name and password: checked before anything is stored, then used like a token', async () => {
      const env = isolatedEnv();
      const wrong = await tix(
        ['auth', 'login', '--provider', 'rt', '--server', rt.url, '--email', 'alice@acme.test', '--password-stdin', '--insecure-storage'],
        { env, stdin: 'not-her-password' },
      );
      expect(wrong.code).toBe(4);
      expect(wrong.errorJson()).toMatchObject({ code: 'unauthorized' });
      expect(existsSync(join(env.TIX_CONFIG_DIR!, 'credentials.json'))).toBe(false);
      ok(
        await tix(
          ['auth', 'login', '--provider', 'rt', '--server', rt.url, '--email', 'alice@acme.test', '--password-stdin', '--insecure-storage'],
          { env, stdin: rt.users.alice.password },
        ),
      );
      expect(ok(await tix(['auth', 'status', '--json', 'provider,user'], { env })).json()).toEqual({
        provider: 'rt',
        user: { email: 'alice@acme.test', name: 'Alice Martin', role: 'customer' },
      });
      expect(ok(await tix(['type', 'list', '--json', 'id'], { env })).json().length).toBeGreaterThan(0);
    });

    it('a token that is none, a revoked one, and an address that is not RT: each says what to fix', async () => {
      const login = (server: string, token: string) =>
        tix(['auth', 'login', '--provider', 'rt', '--server', server, '--with-token', '--insecure-storage'], { stdin: token });
      const garbage = await login(rt.url, 'not-a-token');
      expect(garbage.code).toBe(2);
      expect(garbage.errorJson()).toMatchObject({ code: 'bad_token' });
      const refused = await login(rt.url, '1-999-0123456789abcdef');
      expect(refused.code).toBe(4);
      expect(refused.stderr).toContain('Request Tracker refused the credentials');
      const notRt = await login(new URL(rt.url).origin, rt.users.alice.token);
      expect(notRt.code).toBe(2);
      expect(notRt.errorJson()).toMatchObject({ code: 'not_rest2' });
      expect(notRt.stderr).toContain("--server is RT's web address");
      // RT's REST2 address itself is taken back to RT's web address
      ok(await login(`${rt.url}/REST/2.0`, rt.users.alice.token));
    });
  });

  describe('request types: the queues one can file in, their custom fields as forms', () => {
    it('type list: the four queues customers can create in (Internal is visible to them, General is not)', async () => {
      const types = ok(await as('alice', ['type', 'list', '--json'])).json();
      expect(types.map((t: { id: string }) => t.id).sort()).toEqual(['billing', 'feedback', 'questions', 'support']);
      expect(types.find((t: { id: string }) => t.id === 'support')).toMatchObject({ label: { en: 'Support' }, category: 'queue' });
    });

    it('type view: select lists are choices, Mandatory is required, patterns are checked, the key field is hidden', async () => {
      const support = ok(await as('alice', ['type', 'view', 'support', '--json'])).json();
      const field = (type: any, id: string) => type.fields.find((f: { id: string }) => f.id === id);
      expect(support.fields.map((f: { id: string }) => f.id)).toEqual([
        'summary',
        'description',
        'severity',
        'products',
        'reference',
        'stepsToReproduce',
        'desiredDate',
        'attachments',
      ]);
      expect(field(support, 'severity')).toMatchObject({ kind: 'choice', required: true, label: { en: 'Severity' } });
      expect(field(support, 'severity').choices.map((c: { value: string }) => c.value)).toEqual(['Low', 'Normal', 'High', 'Critical']);
      expect(field(support, 'products')).toMatchObject({ kind: 'multichoice', required: false });
      expect(field(support, 'stepsToReproduce')).toMatchObject({ kind: 'longtext' });
      expect(field(support, 'desiredDate')).toMatchObject({ kind: 'date' });
      const billing = ok(await as('alice', ['type', 'view', 'billing', '--json'])).json();
      expect(field(billing, 'establishment')).toMatchObject({ kind: 'text', required: true });
      // RT checks an empty value against the pattern too (that is how its Mandatory idiom works): required
      expect(field(billing, 'invoiceNumber')).toMatchObject({
        required: true,
        pattern: '^INV-[0-9]+$',
        patternHint: 'INV- and digits, e.g. INV-2024',
      });
      const text = ok(await as('alice', ['type', 'view', 'support']));
      expect(text.stdout).toContain('multichoice: Web portal,Mobile app,API');
      const missing = await as('alice', ['type', 'view', 'internal']);
      expect(missing.code).toBe(3);
      expect(missing.stderr).toContain('billing, feedback, questions, support');
    });
  });

  describe('filing', () => {
    it('from flags: RT holds the caller as Requestor, the custom fields under their RT names, the first message', async () => {
      const word = uniqueWord('filed');
      const t = ok(
        await as('alice', [
          'ticket',
          'create',
          '--type',
          'support',
          '--summary',
          `Printer ${word}`,
          '--description',
          'It prints blank pages.',
          '--field',
          'severity=high',
          '--field',
          'products=web portal,API',
          '--field',
          'desiredDate=2099-12-24',
          '--json',
        ]),
      ).json();
      expect(t).toMatchObject({ type: 'support', status: 'new', statusCategory: 'new', createdBy: { email: 'alice@acme.test' } });
      expect(t.fields).toEqual({ severity: 'High', products: ['Web portal', 'API'], desiredDate: '2099-12-24' });
      const ticket = await inRt(t.ref);
      expect(ticket.Queue.id).toBeDefined();
      expect(ticket.Requestor.map((p: { id: string }) => p.id)).toEqual(['alice@acme.test']);
      expect(cf(ticket, 'Severity')).toEqual(['High']);
      expect([...cf(ticket, 'Products')].sort()).toEqual(['API', 'Web portal']);
      // tix's own key is recorded, though no form shows it
      expect(cf(ticket, 'Idempotency-Key')[0]).toMatch(/^tix-/);
      expect(Object.keys(t.fields)).not.toContain('idempotencyKey');
      const history = await rt.request('agent', 'GET', `/ticket/${t.ref}/attachments?fields=Content,ContentType`);
      expect(history.body.items.map((a: { Content?: string }) => a.Content)).toContain('It prints blank pages.');
    });

    it("the form's rules, which REST2 would not enforce, are checked first: every problem named, nothing filed", async () => {
      const word = uniqueWord('refused');
      const r = await as('alice', [
        'ticket',
        'create',
        '--type',
        'billing',
        '--summary',
        `Invoice ${word}`,
        '--description',
        'Wrong amount',
        '--field',
        'invoiceNumber=2024-17',
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('establishment');
      expect(r.stderr).toContain('INV- and digits, e.g. INV-2024');
      const choice = await as('alice', [
        'ticket',
        'create',
        '--type',
        'support',
        '--summary',
        `Choice ${word}`,
        '--description',
        'd',
        '--field',
        'severity=urgent',
        '--field',
        'products=API,Fax',
      ]);
      expect(choice.code).toBe(2);
      expect(choice.stderr).toContain('one of Low, Normal, High, Critical');
      expect(choice.stderr).toContain('Fax: not among Web portal, Mobile app, API');
      expect(await filed(word)).toEqual([]);
    });

    it('through the prompts, a select list and a multiple choice among them', async () => {
      const word = uniqueWord('prompted');
      const run = tix(['ticket', 'create', '--type', 'support', '--json', 'ref,summary,fields'], {
        // an editor that would open on an empty multi-line answer ends at once instead
        env: isolatedEnv({
          TIX_PROVIDER: 'rt',
          TIX_SERVER: rt.url,
          TIX_TOKEN: rt.users.alice.token,
          NO_COLOR: '1',
          EDITOR: 'true',
          VISUAL: 'true',
        }),
        tty: true,
      });
      const typed = (prompt: RegExp, text: string) => async () => {
        await waitFor(prompt, run);
        if (text) screen.type(text);
        screen.keypress('enter');
      };
      await typed(/Summary/, `Prompted ${word}`)();
      await typed(/Description/, 'Typed in prompts')();
      await waitFor(/Severity/, run);
      screen.keypress('down'); // Normal
      screen.keypress('enter');
      await typed(/Products/, 'web portal, API')();
      await typed(/Reference/, '')();
      await typed(/Steps to reproduce/, 'Print anything')();
      await typed(/Desired date/, '')();
      await typed(/files to attach/, '')();
      await waitFor(/Send this request\?/, run);
      screen.type('y');
      screen.keypress('enter');
      const t = ok(await run).json();
      expect(t).toMatchObject({
        summary: `Prompted ${word}`,
        fields: { severity: 'Normal', products: ['Web portal', 'API'], stepsToReproduce: 'Print anything' },
      });
      expect([...cf(await inRt(t.ref), 'Products')].sort()).toEqual(['API', 'Web portal']);
    });

    it('--idempotency-key: the same key files once; the same key for another request is a conflict', async () => {
      const word = uniqueWord('keyed');
      const key = `ci-${word}`;
      const create = (summary: string) =>
        as('alice', [
          'ticket',
          'create',
          '--type',
          'questions',
          '--summary',
          summary,
          '--description',
          'd',
          '--idempotency-key',
          key,
          '--json',
          'ref',
        ]);
      const first = ok(await create(`Keyed ${word}`)).json().ref;
      expect(ok(await create(`Keyed ${word}`)).json().ref).toBe(first);
      expect(await filed(word)).toEqual([first]);
      const other = await create(`Another ${word}`);
      expect(other.errorJson()).toMatchObject({ idempotencyKey: key });
      expect(await filed(word)).toEqual([first]);
    });

    it('a queue without the Idempotency-Key fields: tix files and answers, but refuses a key it cannot record (exit 7)', async () => {
      const word = uniqueWord('feedback');
      const t = ok(
        await as('alice', [
          'ticket',
          'create',
          '--type',
          'feedback',
          '--summary',
          `Idea ${word}`,
          '--description',
          'More colours',
          '--json',
          'ref',
        ]),
      ).json();
      ok(await as('alice', ['ticket', 'reply', t.ref, '--body', 'And darker ones']));
      for (const args of [
        ['ticket', 'create', '--type', 'feedback', '--summary', `Keyed ${word}`, '--description', 'd', '--idempotency-key', `k-${word}`],
        ['ticket', 'reply', t.ref, '--body', 'keyed', '--idempotency-key', `k-${word}`],
      ]) {
        const r = await as('alice', args);
        expect(r.code, r.stderr).toBe(7);
        expect(r.stderr).toContain('Idempotency-Key');
      }
      expect(await filed(word)).toEqual([t.ref]);
    });
  });

  describe('the conversation', () => {
    it("view shows the correspondence and support's answers, never internal comments (to the customer or to support)", async () => {
      const word = uniqueWord('conversation');
      const t = ok(
        await as('alice', [
          'ticket',
          'create',
          '--type',
          'questions',
          '--summary',
          `Talk ${word}`,
          '--description',
          'First',
          '--json',
          'ref',
        ]),
      ).json();
      ok(await as('alice', ['ticket', 'reply', t.ref, '--body', 'Second, from tix']));
      expect(
        (await rt.request('agent', 'POST', `/ticket/${t.ref}/comment`, { Content: `Internal ${word}`, ContentType: 'text/plain' })).status,
      ).toBe(201);
      expect(
        (await rt.request('agent', 'POST', `/ticket/${t.ref}/correspond`, { Content: 'Answer', ContentType: 'text/plain' })).status,
      ).toBe(201);
      for (const who of ['alice', 'bob', 'agent'] as const) {
        const view = ok(await as(who, ['ticket', 'view', t.ref, '--json', 'messages,status'])).json();
        expect(
          view.messages.map((m: { body: string; author: { role: string } }) => [m.body, m.author.role]),
          who,
        ).toEqual([
          ['First', 'customer'],
          ['Second, from tix', 'customer'],
          ['Answer', 'agent'],
        ]);
        expect(view.status).toBe('open');
      }
      // RT's own history holds tix's reply as correspondence by Alice
      const history = await rt.request('agent', 'GET', `/ticket/${t.ref}/history?fields=Type,Creator&fields[Creator]=Name`);
      expect(history.body.items.filter((x: { Type: string }) => x.Type === 'Correspond').map((x: any) => x.Creator.Name)).toEqual([
        'alice@acme.test',
        'agent@rt.tix.test',
      ]);
    });

    it('another organisation finds nothing: view, reply, resolve and download all say not found (exit 3)', async () => {
      const t = ok(
        await as('alice', [
          'ticket',
          'create',
          '--type',
          'questions',
          '--summary',
          uniqueWord('private'),
          '--description',
          'd',
          '--json',
          'ref',
        ]),
      ).json();
      for (const args of [
        ['ticket', 'view', t.ref],
        ['ticket', 'reply', t.ref, '--body', 'intruding'],
        ['ticket', 'resolve', t.ref],
        ['ticket', 'download', t.ref, '--output', tempDir()],
      ]) {
        const r = await as('carol', args);
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(3);
      }
      expect((await inRt(t.ref)).Status).toBe('new');
    });
  });

  describe("RT's lifecycle", () => {
    it('resolve and reopen as the customer, a reply reopens a resolved ticket, stalled is waiting on the customer', async () => {
      const word = uniqueWord('lifecycle');
      const t = ok(
        await as('alice', ['ticket', 'create', '--type', 'questions', '--summary', `Cycle ${word}`, '--description', 'd', '--json', 'ref']),
      ).json();
      expect(ok(await as('alice', ['ticket', 'resolve', t.ref, '--json', 'status,statusCategory'])).json()).toEqual({
        status: 'resolved',
        statusCategory: 'resolved',
      });
      expect((await inRt(t.ref)).Status).toBe('resolved');
      expect(ok(await as('alice', ['ticket', 'reopen', t.ref, '--json', 'status'])).json()).toEqual({ status: 'open' });
      ok(await as('alice', ['ticket', 'resolve', t.ref]));
      ok(await as('alice', ['ticket', 'reply', t.ref, '--body', 'It broke again']));
      expect((await inRt(t.ref)).Status).toBe('open');
      const stalled = await rt.request('agent', 'PUT', `/ticket/${t.ref}`, { Status: 'stalled' });
      expect(JSON.stringify(stalled.body)).toContain("to 'stalled'");
      expect(ok(await as('alice', ['ticket', 'view', t.ref, '--json', 'status,statusCategory'])).json()).toEqual({
        status: 'stalled',
        statusCategory: 'waiting',
      });
      const waiting = ok(await as('alice', ['ticket', 'list', '--search', word, '--status', 'waiting', '--json', 'ref'])).json();
      expect(waiting.map((x: { ref: string }) => x.ref)).toEqual([t.ref]);
    });

    it('what RT refuses with a 200 ("Permission Denied") is refused: a customer cannot reopen a rejected ticket (exit 4)', async () => {
      const t = ok(
        await as('alice', [
          'ticket',
          'create',
          '--type',
          'questions',
          '--summary',
          uniqueWord('rejected'),
          '--description',
          'd',
          '--json',
          'ref',
        ]),
      ).json();
      const rejected = await rt.request('agent', 'PUT', `/ticket/${t.ref}`, { Status: 'rejected' });
      expect(JSON.stringify(rejected.body)).toContain("to 'rejected'");
      const reopen = await as('alice', ['ticket', 'reopen', t.ref]);
      expect(reopen.code).toBe(4);
      expect(reopen.errorJson()).toMatchObject({ code: 'permission_denied', action: 'reopen' });
      expect((await inRt(t.ref)).Status).toBe('rejected');
      // support may
      expect(ok(await as('agent', ['ticket', 'reopen', t.ref, '--json', 'status'])).json()).toEqual({ status: 'open' });
    });

    it('what RT has no notion of is refused with exit 7 naming RT: establishments, read state', async () => {
      for (const args of [['ticket', 'list', '--establishment', '81234567600017'], ['ticket', 'read', '1'], ['inbox']]) {
        const r = await as('alice', args);
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(7);
        expect(r.stderr).toContain('Request Tracker (provider rt) does not support');
      }
    });
  });

  describe('lost answers in a queue without key fields', () => {
    let proxy: FaultProxy;
    let through: string;
    beforeAll(async () => {
      proxy = await startFaultProxy(rt.url);
      through = `${proxy.url}${new URL(rt.url).pathname}`;
    });
    afterAll(async () => proxy?.close());

    it('a create and a reply whose answers are lost are found by what they were (subject, text), never sent twice', async () => {
      const word = uniqueWord('lost');
      proxy.inject(/^POST \/rt\/REST\/2\.0\/ticket$/, [{ kind: 'drop-after' }]);
      const created = ok(
        await as('alice', ['ticket', 'create', '--type', 'feedback', '--summary', `Lost ${word}`, '--description', 'd', '--json', 'ref'], {
          server: through,
        }),
      ).json();
      expect(proxy.seen(/^POST \/rt\/REST\/2\.0\/ticket$/)).toHaveLength(1);
      expect(await filed(word)).toEqual([created.ref]);
      const body = `Lost reply ${randomBytes(4).toString('hex')}`;
      proxy.inject(/^POST \/rt\/REST\/2\.0\/ticket\/\d+\/correspond$/, [{ kind: 'drop-after' }]);
      ok(await as('alice', ['ticket', 'reply', created.ref, '--body', body], { server: through }));
      expect(proxy.seen(/correspond$/)).toHaveLength(1);
      const messages = ok(await as('alice', ['ticket', 'view', created.ref, '--json', 'messages'])).json().messages;
      expect(messages.filter((m: { body: string }) => m.body === body)).toHaveLength(1);
    });
  });

  it('download: files come back byte for byte under their names', async () => {
    const dir = tempDir();
    const path = join(dir, 'report.pdf');
    writeFileSync(path, Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(2000)]));
    const t = ok(
      await as('alice', [
        'ticket',
        'create',
        '--type',
        'questions',
        '--summary',
        uniqueWord('download'),
        '--description',
        'See the report',
        '--attach',
        path,
        '--json',
        'ref',
      ]),
    ).json();
    const out = join(dir, 'out');
    mkdirSync(out);
    ok(await as('bob', ['ticket', 'download', t.ref, '--output', out]));
    expect(readFileSync(join(out, 'report.pdf')).equals(readFileSync(path))).toBe(true);
    const view = ok(await as('alice', ['ticket', 'view', t.ref, '--json', 'messages'])).json();
    expect(view.messages[0].attachments[0]).toMatchObject({ name: 'report.pdf', size: 2009, contentType: 'application/pdf' });
  });
});
