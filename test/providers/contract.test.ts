// The provider contract: one suite, every helpdesk. What a user does with tix (log in, file, list with each
// filter, read, answer, be refused on a closed ticket, attach and download, make mistakes, retry) must work the
// same whatever the provider, through the real CLI; and what a provider declares about itself (capabilities,
// statuses, references) must be what it does. Each helpdesk comes from one harness file in ./harnesses/.
import { pickText } from '../../src/core/i18n.ts';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { need } from '../../src/api/backend.ts';
import { type Capability, capabilities, capabilityNames, type ProviderInfo, type ProviderName } from '../../src/api/provider.ts';
import { statusCategories } from '../../src/core/status.ts';
import { connect, loadProvider } from '../../src/providers/registry.ts';
import type { Env } from '../../src/io/iostreams.ts';
import { isolatedEnv, type Result, tempDir, tix } from '../helpers/cli.ts';
import { type FaultProxy, startFaultProxy } from '../helpers/fault-proxy.ts';
import { skipUnless } from '../helpers/strict.ts';
import { loadHarnesses, type Persona, type RunningHelpdesk } from './harness.ts';

// generous ceilings: a real helpdesk (Request Tracker) takes seconds per write on the shared two-core machine, and
// starting it for the run on a fresh database can take minutes
vi.setConfig({ testTimeout: 180_000, hookTimeout: 600_000 });

const harnesses = await loadHarnesses();
const reasons = await Promise.all(harnesses.map(async (h) => (await h.unavailable?.()) ?? undefined));

/** The command that needs each capability: a provider without it must refuse it with exit 7. */
const commandFor: Record<Capability, string[]> = {
  tickets: ['ticket', 'list'],
  requestTypes: ['type', 'list'],
  readState: ['inbox'],
  contacts: ['contact', 'list'],
  tokens: ['token', 'list'],
  settings: ['settings', 'list'],
  organisation: ['establishment', 'list'],
  notifications: ['notification', 'list'],
};

describe.each(harnesses.map((h, i) => [h.name, h, reasons[i]] as const))('provider contract: %s', (name, harness, reason) => {
  if (reason !== undefined && skipUnless(false, `${name} (${reason})`)) {
    it.skip(`needs ${name}: ${reason}`, () => undefined);
    return;
  }
  let h: RunningHelpdesk;
  let info: ProviderInfo;
  const dir = tempDir('tix-contract-');
  const envs = new Map<Persona, Env>();

  const fixtures = harness.fixtures;
  const module = () => (h.inProcess ? Promise.resolve(h.inProcess) : loadProvider(harness.provider as ProviderName));
  beforeAll(async () => {
    h = await harness.start();
    info = (await module()).info;
    for (const who of ['customer', 'colleague', 'agent'] as const) envs.set(who, await h.env(who));
  });
  // a request the helpdesk's own description rejects fails the test that sent it
  afterEach(() => h?.check?.());
  afterAll(async () => {
    await h?.stop();
  });

  /** The CLI as a persona, with the CI's environment (the persona's TIX_TOKEN…, TIX_SERVER, TIX_PROVIDER). */
  const as = (who: Persona, args: string[], opts: { stdin?: string; server?: string; http?: object } = {}): Promise<Result> =>
    tix(args, {
      env: isolatedEnv({
        ...envs.get(who),
        TIX_SERVER: opts.server ?? h.server,
        ...(h.inProcess ? {} : { TIX_PROVIDER: harness.provider }),
      }),
      stdin: opts.stdin,
      provider: h.inProcess,
      http: opts.http,
    });

  const unique = (what: string) => `${what} ${randomBytes(4).toString('hex')}`;
  const establishment = () => (fixtures.establishment ? ['--establishment', fixtures.establishment] : []);

  /** Files a ticket of the simple type through the CLI; returns its JSON. */
  async function file(who: Persona, summary: string, extra: string[] = []): Promise<any> {
    const r = await as(who, [
      'ticket',
      'create',
      '--type',
      fixtures.simpleType,
      ...establishment(),
      '--summary',
      summary,
      '--description',
      `About ${summary}`,
      ...extra,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    return r.json();
  }

  const refs = (r: Result): string[] => {
    expect(r.code, r.stderr).toBe(0);
    return r.json().map((t: { ref: string }) => t.ref);
  };

  describe('what it declares', () => {
    it('exactly the capabilities it serves: each declared part is there, need() refuses the others', async () => {
      // building a backend calls nothing: no credential needed to see its parts
      const backend = connect(await module(), { server: h.server, http: { env: {} } });
      expect(info.capabilities).toContain('tickets');
      for (const c of capabilities) {
        expect(backend[c] !== undefined, c).toBe(info.capabilities.includes(c));
        if (info.capabilities.includes(c)) expect(need(backend, c)).toBe(backend[c]);
        else expect(() => need(backend, c)).toThrow(`${info.displayName} (provider ${info.name}) does not support ${capabilityNames[c]}`);
      }
    });

    it('statuses with a category each, unique names, and only closed ones refusing replies', () => {
      expect(info.statuses.length).toBeGreaterThan(0);
      expect(new Set(info.statuses.map((s) => s.name)).size).toBe(info.statuses.length);
      for (const s of info.statuses) {
        expect(statusCategories).toContain(s.category);
        if (!s.acceptsReplies) expect(s.category, s.name).toBe('closed');
      }
      expect(info.statuses.some((s) => s.category === 'closed')).toBe(true);
    });

    it('references it parses back from how it shows them, and text that is none', async () => {
      const t = await file('customer', unique('Reference'));
      expect(info.parseRef(t.ref)).toBe(t.ref);
      expect(info.parseRef(info.showRef(t.ref))).toBe(t.ref);
      expect(info.parseRef(fixtures.missingRef)).toBe(fixtures.missingRef);
      for (const bad of ['', 'not a ref', '12abc', '-1']) expect(info.parseRef(bad), bad).toBeUndefined();
    });
  });

  describe('logging in', () => {
    it('tix auth login as a user would, then auth status names the provider and the person', async () => {
      const env = isolatedEnv();
      const { args, stdin } = h.login('customer');
      const login = await tix(['auth', 'login', ...args, '--insecure-storage'], { env, stdin, provider: h.inProcess });
      expect(login.code, login.stderr).toBe(0);
      expect(login.stderr).toContain(info.displayName);
      const status = await tix(['auth', 'status', '--json', 'provider,user'], { env, provider: h.inProcess });
      expect(status.code, status.stderr).toBe(0);
      expect(status.json()).toMatchObject({ provider: harness.provider, user: { email: h.email('customer') } });
    });
  });

  describe('filing and reading', () => {
    it('creates from flags: a reference, a status in the new or open category, the form values', async () => {
      const summary = unique('Flags');
      const t = await file('customer', summary);
      expect(t).toMatchObject({ summary, type: fixtures.simpleType, createdBy: { email: h.email('customer') } });
      expect(['new', 'open']).toContain(t.statusCategory);
      expect(info.statuses.map((s) => s.name)).toContain(t.status);
    });

    it('creates from --from-json on standard input, with a choice field', async () => {
      const { type, field, value } = fixtures.choiceType;
      const summary = unique('From JSON');
      const request = {
        type,
        ...(fixtures.establishment ? { establishment: fixtures.establishment } : {}),
        fields: { summary, description: 'Filed from a JSON document', [field]: value },
      };
      const r = await as('customer', ['ticket', 'create', '--from-json', '-', '--json', 'ref,type,summary,fields'], {
        stdin: JSON.stringify(request),
      });
      expect(r.code, r.stderr).toBe(0);
      expect(r.json()).toMatchObject({ type, summary, fields: { [field]: value } });
    });

    it('views the conversation: JSON with the first message, and text naming the reference', async () => {
      const summary = unique('View');
      const t = await file('customer', summary);
      const json = await as('customer', ['ticket', 'view', t.ref, '--json']);
      expect(json.code, json.stderr).toBe(0);
      expect(json.json()).toMatchObject({
        ref: t.ref,
        summary,
        messages: [{ body: `About ${summary}`, author: { email: h.email('customer') } }],
      });
      const text = await as('customer', ['ticket', 'view', info.showRef(t.ref)]);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toContain(info.showRef(t.ref));
      expect(text.stdout).toContain(`About ${summary}`);
    });

    it('the colleague of the same organisation sees the ticket; support sees it too', async () => {
      const t = await file('customer', unique('Shared'));
      for (const who of ['colleague', 'agent'] as const) {
        const r = await as(who, ['ticket', 'view', t.ref, '--json', 'ref']);
        expect(r.code, `${who}: ${r.stderr}`).toBe(0);
      }
    });
  });

  describe('listing with each filter', () => {
    let word: string;
    let simple: any;
    let choice: any;
    let colleagues: any;
    beforeAll(async () => {
      word = `w${randomBytes(5).toString('hex')}`;
      simple = await file('customer', `Filters ${word} simple`);
      const { type, field, value } = fixtures.choiceType;
      const r = await as('customer', [
        'ticket',
        'create',
        '--type',
        type,
        ...establishment(),
        '--summary',
        `Filters ${word} choice`,
        '--description',
        'Second of the filter set',
        '--field',
        `${field}=${value}`,
        '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      choice = r.json();
      colleagues = await file('colleague', `Filters ${word} colleague`);
      await h.answer(choice.ref, 'Support looked at it');
    });
    const list = (args: string[], who: Persona = 'customer') => as(who, ['ticket', 'list', '--search', word, ...args, '--json', 'ref']);

    it('--search finds words of summaries, and only those tickets', async () => {
      expect(
        (await list([]))
          .json()
          .map((t: { ref: string }) => t.ref)
          .sort(),
      ).toEqual([simple.ref, choice.ref, colleagues.ref].sort());
      expect(refs(await as('customer', ['ticket', 'list', '--search', `${word}zz`, '--json', 'ref']))).toEqual([]);
    });

    it('--type and --category', async () => {
      expect(refs(await list(['--type', fixtures.simpleType])).sort()).toEqual([simple.ref, colleagues.ref].sort());
      expect(refs(await list(['--type', fixtures.choiceType.type]))).toEqual([choice.ref]);
      expect(refs(await list(['--category', choice.category]))).toContain(choice.ref);
      if (choice.category !== simple.category) expect(refs(await list(['--category', choice.category]))).not.toContain(simple.ref);
    });

    it("--status takes the helpdesk's own names and the categories", async () => {
      const viewed = (await as('customer', ['ticket', 'view', simple.ref, '--json', 'status,statusCategory'])).json();
      expect(refs(await list(['--status', viewed.status]))).toContain(simple.ref);
      expect(refs(await list(['--status', viewed.statusCategory]))).toContain(simple.ref);
      const others = statusCategories.filter((c) => c !== viewed.statusCategory && info.statuses.some((s) => s.category === c));
      expect(refs(await list(['--status', others.join(',')]))).not.toContain(simple.ref);
      const bad = await as('customer', ['ticket', 'list', '--status', 'nonsense']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(info.statuses[0]!.name);
    });

    it('--mine and --author', async () => {
      expect(refs(await list(['--mine'], 'colleague'))).toEqual([colleagues.ref]);
      expect(refs(await list(['--author', h.email('customer')])).sort()).toEqual([simple.ref, choice.ref].sort());
    });

    it('--since, --limit, and newest activity first', async () => {
      expect(refs(await list(['--since', '1d'])).length).toBe(3);
      expect(refs(await list(['--since', '2999-01-01']))).toEqual([]);
      expect(refs(await list(['--limit', '1'])).length).toBe(1);
      const all = (await as('customer', ['ticket', 'list', '--search', word, '--json', 'ref,updatedAt'])).json();
      const times = all.map((t: { updatedAt: string }) => t.updatedAt);
      expect([...times].sort().reverse()).toEqual(times);
    });

    if (fixtures.establishment)
      it('--establishment', async () => {
        expect(refs(await list(['--establishment', fixtures.establishment!])).length).toBe(3);
      });

    it('piped: one tab-separated row per ticket, the reference first', async () => {
      const r = await as('customer', ['ticket', 'list', '--search', word]);
      expect(r.code, r.stderr).toBe(0);
      const rows = r.stdout.trim().split('\n');
      expect(rows.map((row) => row.split('\t')[0]).sort()).toEqual([simple.ref, choice.ref, colleagues.ref].sort());
    });
  });

  describe('replying', () => {
    it('replies; the same idempotency key twice posts once; support answers show as support', async () => {
      const t = await file('customer', unique('Reply'));
      const first = await as('customer', ['ticket', 'reply', t.ref, '--body', 'First answer']);
      expect(first.code, first.stderr).toBe(0);
      const key = unique('reply-key').replace(' ', '-');
      for (let i = 0; i < 2; i++) {
        const again = await as('customer', ['ticket', 'reply', t.ref, '--body', 'Keyed answer', '--idempotency-key', key]);
        expect(again.code, again.stderr).toBe(0);
      }
      await h.answer(t.ref, 'Support answer');
      const view = (await as('customer', ['ticket', 'view', t.ref, '--json', 'messages'])).json();
      const bodies = view.messages.map((m: { body: string }) => m.body);
      expect(bodies.filter((b: string) => b === 'Keyed answer')).toHaveLength(1);
      expect(bodies).toEqual(expect.arrayContaining(['First answer', 'Support answer']));
      expect(view.messages.find((m: { body: string }) => m.body === 'Support answer').author.role).toBe('agent');
    });

    it('a closed ticket refuses replies (exit 5, ticket_closed, the way on); a follow-up links to it', async () => {
      const t = await file('customer', unique('Closed'));
      const open = (await as('customer', ['ticket', 'view', t.ref, '--json', 'closedAt,autoClosed'])).json();
      expect(open).toEqual({ closedAt: null, autoClosed: false });
      await h.close(t.ref);
      const viewed = (await as('customer', ['ticket', 'view', t.ref, '--json', 'statusCategory,closedAt,createdAt,autoClosed'])).json();
      expect(viewed.statusCategory).toBe('closed');
      // every helpdesk tells when a ticket closed, and none of these closed by itself
      expect(Date.parse(viewed.closedAt)).toBeGreaterThanOrEqual(Date.parse(viewed.createdAt));
      expect(viewed.autoClosed).toBe(false);
      const refused = await as('customer', ['ticket', 'reply', t.ref, '--body', 'too late']);
      expect(refused.code).toBe(5);
      expect(refused.errorJson()).toMatchObject({ code: 'ticket_closed', exitCode: 5 });
      expect(refused.stderr).toContain(`ticket ${info.showRef(t.ref)} is closed`);
      expect(refused.stderr).toContain(`--follow-up ${t.ref}`);
      if (!fixtures.followUps) return;
      const follow = await as('customer', [
        'ticket',
        'create',
        '--follow-up',
        t.ref,
        '--description',
        'Again',
        '--json',
        'followUpOf,type',
      ]);
      expect(follow.code, follow.stderr).toBe(0);
      expect(info.parseRef(String(follow.json().followUpOf))).toBe(t.ref);
    });
  });

  describe('attachments', () => {
    it('up with a create and a reply, and down byte for byte', async () => {
      const files = ['trace.bin', 'notes.txt'].map((name) => {
        const path = join(dir, name);
        writeFileSync(path, randomBytes(3000));
        return path;
      });
      const t = await file('customer', unique('Attach'), ['--attach', files[0]!]);
      const reply = await as('customer', ['ticket', 'reply', t.ref, '--body', 'One more file', '--attach', files[1]!]);
      expect(reply.code, reply.stderr).toBe(0);
      const view = (await as('customer', ['ticket', 'view', t.ref, '--json', 'messages'])).json();
      const names = view.messages.flatMap((m: { attachments: Array<{ name: string; size: number }> }) =>
        m.attachments.map((a) => [a.name, a.size]),
      );
      expect(names).toEqual([
        ['trace.bin', 3000],
        ['notes.txt', 3000],
      ]);
      const out = join(dir, `down-${t.id}`);
      mkdirSync(out);
      const down = await as('colleague', ['ticket', 'download', t.ref, '--output', out]);
      expect(down.code, down.stderr).toBe(0);
      for (const path of files) expect(readFileSync(join(out, path.split('/').pop()!)).equals(readFileSync(path))).toBe(true);
    });
  });

  describe('bad input', () => {
    it('a reference of another syntax: exit 2 naming what one looks like; a missing one: exit 3', async () => {
      const bad = await as('customer', ['ticket', 'view', 'not-a-ref']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(pickText(info.refExample, 'en'));
      const missing = await as('customer', ['ticket', 'view', fixtures.missingRef]);
      expect(missing.code, missing.stderr).toBe(3);
    });

    it('an unknown type, or a form missing its required fields: exit 2, every problem named, nothing filed', async () => {
      const summary = unique('Never filed');
      const unknown = await as('customer', [
        'ticket',
        'create',
        '--type',
        'no-such-type',
        ...establishment(),
        '--summary',
        summary,
        '--description',
        'd',
      ]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/--type/);
      const { type, field } = fixtures.choiceType;
      const incomplete = await as('customer', ['ticket', 'create', '--type', type, ...establishment(), '--summary', summary]);
      expect(incomplete.code).toBe(2);
      expect(incomplete.stderr).toContain('description');
      expect(incomplete.stderr).toContain(field);
      expect(refs(await as('customer', ['ticket', 'list', '--search', summary.split(' ')[2]!, '--json', 'ref']))).toEqual([]);
    });

    it('terminal control characters in what the helpdesk answers never reach the terminal', async () => {
      // a message body may hold them (summaries are one-line fields, refused with them)
      const word = `hostile${randomBytes(3).toString('hex')}`;
      const r = await as('customer', [
        'ticket',
        'create',
        '--type',
        fixtures.simpleType,
        ...establishment(),
        '--summary',
        `Hostile ${word}`,
        '--description',
        `Look: \u001b[2J\u001b]52;c;cm0=\u0007 \u009b31m ${word}`,
        '--json',
        'ref',
      ]);
      expect(r.code, r.stderr).toBe(0);
      const { ref } = r.json();
      for (const args of [
        ['ticket', 'view', ref],
        ['ticket', 'view', ref, '--json'],
        ['ticket', 'list', '--search', word],
      ]) {
        const out = await as('customer', args);
        expect(out.code, out.stderr).toBe(0);
        expect(out.stdout, args.join(' ')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      }
      expect((await as('customer', ['ticket', 'view', ref])).stdout).toContain('Look: \u241b[2J\u241b]52;c;cm0=\ufffd \ufffd31m');
    });
  });

  describe('capabilities', () => {
    it('a command of each capability it has runs; of each it lacks, exits 7 naming the provider', async () => {
      for (const c of capabilities) {
        const r = await as('customer', commandFor[c]);
        if (info.capabilities.includes(c)) {
          expect(r.code, `${commandFor[c].join(' ')}: ${r.stderr}`).toBe(0);
          continue;
        }
        expect(r.code, `${commandFor[c].join(' ')}: ${r.stderr}`).toBe(7);
        expect(r.stderr).toContain(`${info.displayName} (provider ${info.name}) does not support ${capabilityNames[c]}`);
        expect(r.errorJson()).toMatchObject({ code: 'unsupported', exitCode: 7, provider: info.name, capability: c });
      }
    });
  });

  const wire = harness.wire;
  if (wire)
    describe('retries, through a proxy that faults requests', () => {
      let proxy: FaultProxy;
      /** the helpdesk's address through the proxy (its path kept: https://rt.example.com/rt) */
      let proxied: string;
      beforeAll(async () => {
        proxy = await startFaultProxy(h.server);
        proxied = `${proxy.url}${new URL(h.server).pathname}`.replace(/\/+$/, '');
      });
      afterEach(() => proxy?.reset());
      afterAll(async () => proxy?.close());
      const http = { requestTimeoutMs: wire.requestTimeoutMs ?? 2000 };

      it('a list behind two 503s with Retry-After gets through; a create and a reply whose answers are lost happen once', async () => {
        proxy.inject(wire.list, [
          { kind: 'unavailable', retryAfter: 0 },
          { kind: 'unavailable', retryAfter: 0 },
        ]);
        const listed = await as('customer', ['ticket', 'list', '--limit', '1', '--json', 'ref'], { server: proxied, http });
        expect(listed.code, listed.stderr).toBe(0);
        expect(proxy.seen(wire.list)).toHaveLength(3);

        const summary = unique('Lost answer');
        proxy.inject(wire.create, [{ kind: 'drop-after' }]);
        const created = await as(
          'customer',
          [
            'ticket',
            'create',
            '--type',
            fixtures.simpleType,
            ...establishment(),
            '--summary',
            summary,
            '--description',
            'd',
            '--json',
            'ref',
          ],
          { server: proxied, http },
        );
        expect(created.code, created.stderr).toBe(0);
        // replayed with its key, or found where it landed and so never sent again
        if (wire.recovery === 'lookup') expect(proxy.seen(wire.create)).toHaveLength(1);
        else expect(proxy.seen(wire.create).length).toBeGreaterThanOrEqual(2);
        const found = refs(await as('customer', ['ticket', 'list', '--search', summary.split(' ').pop()!, '--json', 'ref']));
        expect(found).toEqual([created.json().ref]);

        proxy.inject(wire.reply, [{ kind: 'drop-after' }]);
        const body = unique('Reply whose answer was lost');
        const replied = await as('customer', ['ticket', 'reply', created.json().ref, '--body', body], { server: proxied, http });
        expect(replied.code, replied.stderr).toBe(0);
        const messages = (await as('customer', ['ticket', 'view', created.json().ref, '--json', 'messages'])).json().messages;
        expect(messages.filter((m: { body: string }) => m.body === body)).toHaveLength(1);
      });
    });
});
