import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { isolatedEnv, tix } from '../helpers/cli.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// tix notification list|set and tix ticket subscribe|unsubscribe through the built CLI against a real tix serve
// app; what the settings do to the e-mails themselves is tested with a real SMTP server in
// test/server/notifications.test.ts.

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const as = async (user: string, extra: Record<string, string> = {}) =>
  isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: await s.tokenFor(`${user}@demo.test`), NO_COLOR: '1', ...extra });

async function lilleTicket(user: string, summary: string): Promise<string> {
  const r = await tix(
    [
      'ticket',
      'create',
      '--type',
      'question',
      '--establishment',
      est.lille.siret,
      '--summary',
      summary,
      '--description',
      'Q',
      '--json',
      'id',
    ],
    { env: await as(user) },
  );
  expect(r.code, r.stderr).toBe(0);
  return String(r.json().id);
}

describe('tix notification list / set', () => {
  it('shows the defaults, changes the level and the language, and lists them', async () => {
    const env = await as('sarah');
    const before = await tix(['notification', 'list', '--json'], { env });
    expect(before.code, before.stderr).toBe(0);
    expect(before.json()).toEqual({
      email: 'sarah@demo.test',
      level: 'mine',
      language: 'en',
      languageSource: 'company',
      subscriptions: [],
    });
    expect((await tix(['notification', 'list'], { env })).stdout).toBe('e-mail\tsarah@demo.test\nlevel\tmine\nlanguage\ten\n');

    const set = await tix(['notification', 'set', 'all', '--lang', 'fr'], { env });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stderr).toMatch(/✓ sarah@demo.test receives e-mails about every request of the establishments you administer, in French/);
    expect((await tix(['notification', 'list', '--json', 'level,language,languageSource'], { env })).json()).toEqual({
      level: 'all',
      language: 'fr',
      languageSource: 'chosen',
    });
    // the language alone
    expect((await tix(['notification', 'set', '--lang', 'en', '--json', 'level,language'], { env })).json()).toEqual({
      level: 'all',
      language: 'en',
    });
    const none = await tix(['notification', 'set', 'none'], { env });
    expect(none.stderr).toMatch(/receives no e-mail/);
  });

  it('bad input is a usage error naming the fix; support agents have no notification settings', async () => {
    const env = await as('yann');
    const bad = await tix(['notification', 'set', 'sometimes'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/level: expected all, mine, none, got "sometimes"/);
    const empty = await tix(['notification', 'set'], { env });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/give a level \(all, mine or none\), --lang en\|fr, or both/);
    expect((await tix(['notification', 'set', 'mine', '--lang', 'de'], { env })).code).toBe(2);
    const agent = await tix(['notification', 'list'], { env: await as('agent') });
    expect(agent.code).toBe(4);
    expect(agent.stderr).toMatch(/support agents receive no e-mail notifications/);
  });
});

describe('tix ticket subscribe / unsubscribe', () => {
  it('follows a ticket one never wrote on, then stops; the list shows both', async () => {
    const id = await lilleTicket('yann', 'Subscribe from the CLI');
    const env = await as('sarah');
    await tix(['notification', 'set', 'mine'], { env });
    const sub = await tix(['ticket', 'subscribe', id], { env });
    expect(sub.code, sub.stderr).toBe(0);
    expect(sub.stderr).toMatch(new RegExp(`✓ subscribed: you receive e-mail about #${id} \\(you subscribed to it\\)`));
    expect((await tix(['ticket', 'subscribe', id, '--json'], { env })).json()).toEqual({
      ticketId: Number(id),
      subscribed: true,
      receives: true,
      reason: 'subscriber',
      level: 'mine',
    });
    const unsub = await tix(['ticket', 'unsubscribe', id], { env });
    expect(unsub.stderr).toMatch(new RegExp(`✓ unsubscribed: no more e-mail about #${id}`));
    // Yann filed it: unsubscribing stops it for him too
    expect((await tix(['ticket', 'unsubscribe', id, '--json', 'receives,reason'], { env: await as('yann') })).json()).toEqual({
      receives: false,
      reason: null,
    });
    const listed = (await tix(['notification', 'list', '--json', 'subscriptions'], { env })).json();
    expect(listed.subscriptions[0]).toMatchObject({ ticketId: Number(id), subscribed: false });
    // with the level none, a subscription is kept but sends nothing: said so
    await tix(['notification', 'set', 'none'], { env });
    expect((await tix(['ticket', 'subscribe', id], { env })).stderr).toMatch(
      /but your level is none: no e-mail until tix notification set mine/,
    );
    await tix(['notification', 'set', 'mine'], { env });
  });

  it("another establishment's ticket is not found (exit 3); a bad reference is a usage error", async () => {
    const paris = (
      await tix(
        [
          'ticket',
          'create',
          '--type',
          'question',
          '--establishment',
          est.paris.siret,
          '--summary',
          'Paris',
          '--description',
          'P',
          '--json',
          'id',
        ],
        { env: await as('yann') },
      )
    ).json().id;
    const r = await tix(['ticket', 'subscribe', String(paris)], { env: await as('sarah') });
    expect(r.code, r.stderr).toBe(3);
    expect((await tix(['ticket', 'unsubscribe', 'abc'], { env: await as('sarah') })).code).toBe(2);
  });
});

describe('tix settings set language', () => {
  it("the company's administrators choose the language of the contacts' e-mails", async () => {
    const set = await tix(['settings', 'set', 'language', 'fr'], { env: await as('yann') });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stderr).toMatch(/language is now fr for Écoles Démo/);
    expect((await tix(['settings', 'list', '--json', 'language'], { env: await as('sarah') })).json()).toEqual({ language: 'fr' });
    expect((await tix(['settings', 'set', 'language', 'de'], { env: await as('yann') })).stderr).toMatch(
      /language: expected en or fr, got "de"/,
    );
    await tix(['settings', 'set', 'language', 'en'], { env: await as('yann') });
  });
});

describe('tix auth login tells the server the language of this terminal', () => {
  it("LANG=fr_FR.UTF-8: the user's e-mails are in French until they choose", async () => {
    const env = isolatedEnv({ TIX_SERVER: s.url, LANG: 'fr_FR.UTF-8', NO_COLOR: '1' });
    const login = await tix(['auth', 'login', '--email', 'eve@demo.test', '--password-stdin', '--insecure-storage'], {
      env,
      stdin: 'demo-password\n',
    });
    expect(login.code, login.stderr).toBe(0);
    expect((await tix(['notification', 'list', '--json', 'language,languageSource'], { env })).json()).toEqual({
      language: 'fr',
      languageSource: 'login',
    });
  });
});
