import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaughtMail, type MailCatcher, startMailCatcher } from '../../src/dev/mail-catcher.ts';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// E-mail notifications end to end, on this project's database: a real tix server app, a real SMTP server (the
// mail catcher, smtp-server on 127.0.0.1:0) receiving what the notifier sends, each message parsed by mailparser.
// The background work runs when the test says (runAll), with a clock the test moves.

const clock = {
  at: Date.now(),
  now() {
    return new Date(this.at);
  },
};
const PUBLIC = 'https://support.example.test';
let catcher: MailCatcher;
let s: TestServer;
let yann: string, sarah: string, agent: string, eve: string;

const contacts = [
  { type: 'technical', name: 'Ops', emails: ['ops@ecoles-demo.test', 'oncall@ecoles-demo.test'] },
  { type: 'accounting', name: 'Compta', emails: ['compta@ecoles-demo.test'] },
  { type: 'commercial', name: 'Ventes', emails: ['ventes@ecoles-demo.test'] },
  { type: 'fraud', name: 'Fraude', emails: ['fraude@ecoles-demo.test'] },
  { type: 'chargebacks', name: 'Litiges', emails: ['litiges@ecoles-demo.test'] },
];

beforeAll(async () => {
  catcher = await startMailCatcher();
  s = await startTestServer({
    app: {
      clock,
      publicUrl: PUBLIC,
      tickets: { autoCloseMs: 7 * 86_400_000 },
      notifications: { smtp: catcher.url, from: 'Support tix <support@tix.test>' },
    },
  });
  [yann, sarah, agent, eve] = await Promise.all(['yann', 'sarah', 'agent', 'eve'].map((u) => s.tokenFor(`${u}@demo.test`)));
  const applied = await s.api('POST', '/contacts/apply', { token: sarah, body: { contacts } });
  expect(applied.status).toBe(200);
});
afterAll(async () => {
  await s?.close();
  await catcher?.stop();
});

/** Runs the background work (the notifier among it) until nothing is due, and returns the mails it sent. */
async function deliver(): Promise<CaughtMail[]> {
  const before = catcher.mails.length;
  await s.app.services.background.runAll();
  return catcher.mails.slice(before);
}

/** Who got what: address → the event's kind (X-Tix-Event), for one ticket's mails. */
function received(mails: CaughtMail[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of mails) for (const to of m.to) out[to] = `${m.header('x-tix-event')} #${m.header('x-tix-ticket')}`;
  return out;
}

const file = async (token: string, type: string, siret: string, summary: string, extra: Record<string, unknown> = {}) => {
  const fields: Record<string, unknown> = { summary, description: `Description of ${summary}`, ...extra };
  if (type === 'incident') fields.severity ??= 'high';
  const res = await s.api('POST', '/tickets', { token, body: { type, establishment: siret, fields } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
};
/** every reply carries a marker: no mail may contain it (seed 004: notifications, never answers) */
const answers: string[] = [];
const reply = async (token: string, id: number) => {
  const body = `ANSWER-TEXT-${answers.length + 1}: the fix is to rotate the key, here is how…`;
  answers.push(body);
  const res = await s.api('POST', `/tickets/${id}/messages`, { token, body: { body } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
};
const act = async (token: string, id: number, action: string) => {
  const res = await s.api('POST', `/tickets/${id}/${action}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
};

describe('who receives which mail, event by event', () => {
  // One story in the demo organisation (seed 000): Yann administers Paris and Lille, Sarah Lille only, Eve is an
  // employee of Lyon, Alex is support. The contacts above belong to the company. Each step is one change; the
  // table says exactly who hears about it (everyone else does not).
  const ids: Record<string, number> = {};
  const steps: Array<{ what: string; run: () => Promise<unknown>; expect: () => Record<string, string> }> = [
    {
      what: 'Yann files an incident for Lille: the technical contacts (not Yann, the author; Sarah does not follow it)',
      run: async () => (ids.incident = await file(yann, 'incident', est.lille.siret, 'Payroll export fails')),
      expect: () => ({ 'ops@ecoles-demo.test': `created #${ids.incident}`, 'oncall@ecoles-demo.test': `created #${ids.incident}` }),
    },
    {
      what: 'support answers: the creator and the technical contacts, never the agent',
      run: () => reply(agent, ids.incident!),
      expect: () => ({
        'yann@demo.test': `reply #${ids.incident}`,
        'ops@ecoles-demo.test': `reply #${ids.incident}`,
        'oncall@ecoles-demo.test': `reply #${ids.incident}`,
      }),
    },
    {
      what: 'Sarah, a co-admin, replies: the creator and the contacts, not Sarah',
      run: () => reply(sarah, ids.incident!),
      expect: () => ({
        'yann@demo.test': `reply #${ids.incident}`,
        'ops@ecoles-demo.test': `reply #${ids.incident}`,
        'oncall@ecoles-demo.test': `reply #${ids.incident}`,
      }),
    },
    {
      what: 'support answers again: Sarah now follows the ticket (she wrote on it)',
      run: () => reply(agent, ids.incident!),
      expect: () => ({
        'yann@demo.test': `reply #${ids.incident}`,
        'sarah@demo.test': `reply #${ids.incident}`,
        'ops@ecoles-demo.test': `reply #${ids.incident}`,
        'oncall@ecoles-demo.test': `reply #${ids.incident}`,
      }),
    },
    {
      what: 'Yann resolves it: Sarah and the contacts',
      run: () => act(yann, ids.incident!, 'resolve'),
      expect: () => ({
        'sarah@demo.test': `resolved #${ids.incident}`,
        'ops@ecoles-demo.test': `resolved #${ids.incident}`,
        'oncall@ecoles-demo.test': `resolved #${ids.incident}`,
      }),
    },
    {
      what: 'a week later it closes by itself: everyone who follows it, Yann included (the server is the author)',
      run: async () => {
        clock.at += 8 * 86_400_000;
      },
      expect: () => ({
        'yann@demo.test': `auto-closed #${ids.incident}`,
        'sarah@demo.test': `auto-closed #${ids.incident}`,
        'ops@ecoles-demo.test': `auto-closed #${ids.incident}`,
        'oncall@ecoles-demo.test': `auto-closed #${ids.incident}`,
      }),
    },
    {
      what: 'Yann files a follow-up: the people of the closed ticket (Sarah) and the contacts',
      run: async () => {
        const res = await s.api('POST', '/tickets', {
          token: yann,
          body: {
            type: 'incident',
            followUpOf: ids.incident,
            fields: { summary: 'Export fails again', description: 'Again', severity: 'high' },
          },
        });
        expect(res.status).toBe(201);
        ids.followUp = res.body.id;
      },
      expect: () => ({
        'sarah@demo.test': `follow-up #${ids.followUp}`,
        'ops@ecoles-demo.test': `follow-up #${ids.followUp}`,
        'oncall@ecoles-demo.test': `follow-up #${ids.followUp}`,
      }),
    },
    {
      what: 'support reopens the closed incident, then closes it: its followers each time',
      run: async () => {
        await act(agent, ids.incident!, 'reopen');
        await act(agent, ids.incident!, 'close');
      },
      expect: () => ({
        'yann@demo.test': `closed #${ids.incident}`,
        'sarah@demo.test': `closed #${ids.incident}`,
        'ops@ecoles-demo.test': `closed #${ids.incident}`,
        'oncall@ecoles-demo.test': `closed #${ids.incident}`,
      }),
    },
    {
      what: 'Sarah files a billing question on behalf of Eve (an employee): Eve and the accounting contact',
      run: async () =>
        (ids.billing = await file(sarah, 'billing-question', est.lille.siret, 'Invoice missing', { onBehalfOf: 'eve@demo.test' })),
      expect: () => ({ 'eve@demo.test': `created #${ids.billing}`, 'compta@ecoles-demo.test': `created #${ids.billing}` }),
    },
    {
      what: 'a subscription change routes to the commercial contact',
      run: async () => (ids.subscription = await file(yann, 'subscription', est.paris.siret, 'Upgrade to the pro plan')),
      expect: () => ({ 'ventes@ecoles-demo.test': `created #${ids.subscription}` }),
    },
    {
      what: 'suspected fraud routes to the fraud contact',
      run: async () => (ids.fraud = await file(yann, 'suspected-fraud', est.paris.siret, 'Payments to an unknown IBAN')),
      expect: () => ({ 'fraude@ecoles-demo.test': `created #${ids.fraud}` }),
    },
    {
      what: 'a payment dispute routes to the chargebacks contact',
      run: async () => (ids.dispute = await file(yann, 'payment-dispute', est.paris.siret, 'Disputed payment of F-118')),
      expect: () => ({ 'litiges@ecoles-demo.test': `created #${ids.dispute}` }),
    },
    {
      what: 'a general question routes to no contact; Yann (level all) hears about every Lille ticket',
      run: async () => {
        expect((await s.api('PATCH', '/notification-settings', { token: yann, body: { level: 'all' } })).body.level).toBe('all');
        ids.question = await file(sarah, 'question', est.lille.siret, 'How do I export?');
      },
      expect: () => ({ 'yann@demo.test': `created #${ids.question}` }),
    },
    {
      what: 'Sarah subscribes to a Lille ticket she never wrote on; Yann, its creator, unsubscribes from it',
      run: async () => {
        ids.watched = await file(yann, 'how-to', est.lille.siret, 'How do I import?');
        await deliver(); // its "created" goes to Yann's co-admins following it: none yet
        expect((await s.api('POST', `/tickets/${ids.watched}/subscribe`, { token: sarah })).body).toMatchObject({
          subscribed: true,
          receives: true,
          reason: 'subscriber',
        });
        expect((await s.api('POST', `/tickets/${ids.watched}/unsubscribe`, { token: yann })).body).toMatchObject({
          subscribed: false,
          receives: false,
          reason: null,
        });
        await reply(agent, ids.watched!);
      },
      expect: () => ({ 'sarah@demo.test': `reply #${ids.watched}` }),
    },
    {
      what: 'Eve wants no e-mail: a change on her request tells Sarah (she filed it), Yann (level all) and the accounting contact',
      run: async () => {
        expect((await s.api('PATCH', '/notification-settings', { token: eve, body: { level: 'none' } })).body.level).toBe('none');
        await reply(agent, ids.billing!);
      },
      expect: () => ({
        'sarah@demo.test': `reply #${ids.billing}`,
        'yann@demo.test': `reply #${ids.billing}`,
        'compta@ecoles-demo.test': `reply #${ids.billing}`,
      }),
    },
  ];

  it.each(steps.map((step, i) => [i + 1, step.what, step] as const))('%i. %s', async (_n, _what, step) => {
    await step.run();
    expect(received(await deliver())).toEqual(step.expect());
  });

  it('no mail contains what anyone wrote (seed 004), and every one tells what changed, who, when, and the link', () => {
    expect(catcher.mails.length).toBeGreaterThan(20);
    for (const m of catcher.mails) {
      const all = `${m.parsed.subject}\n${m.parsed.text}\n${m.parsed.html}`;
      for (const answer of answers) expect(all).not.toContain(answer.slice(0, 20));
      expect(all).not.toContain('Description of');
      const ticket = m.header('x-tix-ticket');
      expect(m.parsed.text).toContain(`${PUBLIC}/tickets/${ticket}`);
      expect(m.parsed.text).toContain(`tix ticket view ${ticket}`);
      expect(m.parsed.html).toContain(`href="${PUBLIC}/tickets/${ticket}"`);
      expect(m.parsed.subject).toMatch(new RegExp(`^\\[tix #${ticket}\\] .+ — .+$`));
    }
  });
});

describe('the message', () => {
  it('subject, parts, threading headers and the unsubscribe link', async () => {
    const id = await file(yann, 'api-integration', est.lille.siret, 'Token refused by the API', {
      endpointUrl: 'https://api.example.test/v1',
      impact: 'high',
    });
    await deliver();
    await reply(agent, id);
    const mails = await deliver();
    const toYann = mails.find((m) => m.to.includes('yann@demo.test'))!;
    expect(toYann.parsed.subject).toBe(`[tix #${id}] Token refused by the API — Answer available`);
    expect(toYann.parsed.from?.value[0]).toMatchObject({ address: 'support@tix.test', name: 'Support tix' });
    expect(toYann.parsed.text).toMatch(/^Support answered request #\d+\.$/m);
    expect(toYann.parsed.text).toMatch(/^Type: API or integrations$/m);
    expect(toYann.parsed.text).toMatch(/^Establishment: École Lille \(SIRET 81234567600025\)$/m);
    expect(toYann.parsed.text).toMatch(/^Status: Answer available$/m);
    expect(toYann.parsed.text).toMatch(/^When: .+ UTC$/m);
    expect(toYann.parsed.text).toMatch(/You receive this because you filed this request/);
    expect(toYann.parsed.html).toMatch(/<strong>Support answered request #\d+\.<\/strong>/);
    // one thread per ticket; one Message-ID per delivery
    const thread = `<tix.ticket-${id}@tix.test>`;
    expect(toYann.parsed.messageId).toMatch(new RegExp(`^<tix\\.ticket-${id}\\.event-\\d+\\.to-\\d+@tix\\.test>$`));
    expect(toYann.parsed.inReplyTo).toBe(thread);
    expect(toYann.parsed.references).toBe(thread);
    expect(new Set(mails.map((m) => m.parsed.messageId)).size).toBe(mails.length);
    expect(toYann.header('auto-submitted')).toBe('auto-generated');
    expect(toYann.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const link = /^<(.+)>$/.exec(toYann.header('list-unsubscribe')!)![1]!;
    expect(link.startsWith(`${PUBLIC}/notifications/unsubscribe?token=`)).toBe(true);
    expect(toYann.parsed.text).toContain(link);

    // the link, as a mail client's one-click unsubscribe (RFC 8058): a POST; a GET only asks
    const path = link.slice(PUBLIC.length);
    const asked = await s.app.inject({ method: 'GET', url: path, headers: { accept: 'text/html' } });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain(`Stop the e-mails about request #${id} sent to yann@demo.test?`);
    const form = await s.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
    });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`yann@demo.test no longer receives e-mails about request #${id}`);
    expect((await s.api('GET', '/notification-settings', { token: yann })).body.subscriptions[0]).toMatchObject({
      ticketId: id,
      subscribed: false,
    });
    await reply(agent, id);
    expect(Object.keys(received(await deliver()))).toEqual(['ops@ecoles-demo.test', 'oncall@ecoles-demo.test']);
    // a forged or truncated token names nothing
    for (const bad of [path.slice(0, -3), path.replace(/token=\d+/, 'token=1'), `${path.split('?')[0]}?token=x`]) {
      expect((await s.app.inject({ method: 'POST', url: bad, payload: '' })).statusCode).toBe(404);
    }
    // a contact's address leaves one ticket the same way
    const toOps = mails.find((m) => m.to.includes('ops@ecoles-demo.test'))!;
    expect(toOps.parsed.text).toMatch(/You receive this as the technical contact of Écoles Démo/);
    const opsLink = /^<(.+)>$/.exec(toOps.header('list-unsubscribe')!)![1]!.slice(PUBLIC.length);
    expect(
      (
        await s.app.inject({
          method: 'POST',
          url: opsLink,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'List-Unsubscribe=One-Click',
        })
      ).statusCode,
    ).toBe(200);
    await reply(agent, id);
    expect(Object.keys(received(await deliver()))).toEqual(['oncall@ecoles-demo.test']);
  });

  it("in the recipient's language: a user's from the tix that logged in (or chosen), a contact's the company's", async () => {
    // Sarah logs in from a French tix: her mails are in French until she chooses otherwise
    const login = await s.api('POST', '/auth/login', { body: { email: 'sarah@demo.test', password: 'demo-password', language: 'fr' } });
    expect(login.status).toBe(200);
    expect((await s.api('GET', '/notification-settings', { token: sarah })).body).toMatchObject({
      language: 'fr',
      languageSource: 'login',
    });
    expect((await s.api('PATCH', '/settings', { token: sarah, body: { language: 'fr' } })).body.language).toBe('fr');
    const id = await file(yann, 'incident', est.lille.siret, 'Connexion impossible');
    await s.api('POST', `/tickets/${id}/subscribe`, { token: sarah });
    await deliver();
    await act(yann, id, 'resolve');
    const mails = await deliver();
    const toSarah = mails.find((m) => m.to.includes('sarah@demo.test'))!;
    expect(toSarah.parsed.subject).toBe(`[tix #${id}] Connexion impossible — Résolu`);
    expect(toSarah.parsed.text).toMatch(
      /^Yann Le Goff a marqué la demande #\d+ comme résolue\. Elle se clôturera d’elle-même après 7 jours/m,
    );
    expect(toSarah.parsed.text).toMatch(/^Établissement: École Lille/m);
    const toOps = mails.find((m) => m.to.includes('ops@ecoles-demo.test'))!;
    expect(toOps.parsed.text).toMatch(/en tant que contact technique de Écoles Démo/);
    // a choice sticks: a later login in English no longer changes it
    await s.api('PATCH', '/notification-settings', { token: sarah, body: { language: 'en' } });
    await s.api('POST', '/auth/login', { body: { email: 'sarah@demo.test', password: 'demo-password', language: 'fr' } });
    expect((await s.api('GET', '/notification-settings', { token: sarah })).body).toMatchObject({
      language: 'en',
      languageSource: 'chosen',
    });
    await s.api('PATCH', '/settings', { token: sarah, body: { language: 'en' } });
  });
});

describe('preferences, subscriptions and contacts (API)', () => {
  it('each person sets their own; support agents receive nothing; another establishment is a 404', async () => {
    expect((await s.api('GET', '/notification-settings', { token: agent })).status).toBe(403);
    expect((await s.api('PATCH', '/notification-settings', { token: agent, body: { level: 'all' } })).status).toBe(403);
    const eveSettings = await s.api('GET', '/notification-settings', { token: eve });
    expect(eveSettings.status).toBe(200);
    expect(eveSettings.body).toMatchObject({ email: 'eve@demo.test', level: 'none' });
    const paris = await file(yann, 'question', est.paris.siret, 'Paris only');
    expect((await s.api('POST', `/tickets/${paris}/subscribe`, { token: sarah })).status).toBe(404);
    expect((await s.api('POST', `/tickets/${paris}/subscribe`, { token: agent })).status).toBe(403);
    expect((await s.api('POST', `/tickets/${paris}/subscribe`, { token: eve })).status).toBe(403);
    expect((await s.api('PATCH', '/notification-settings', { token: yann, body: { level: 'sometimes' } })).status).toBe(422);
    expect((await s.api('PATCH', '/notification-settings', { token: yann, body: {} })).status).toBe(422);
    await deliver();
  });
});
