import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type CaughtMail, type MailCatcher, startMailCatcher } from '../../src/dev/mail-catcher.ts';
import { buildApp } from '../../src/server/app.ts';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import type { Store } from '../../src/server/store/store.ts';
import { openSharedStores } from '../helpers/database.ts';
import { preparedDemo, startTestServer, type TestServer } from '../helpers/server.ts';

// Delivery under trouble, on this project's database: an SMTP server that is down then back, addresses it refuses
// or defers, changes made while mail waits, and two instances sending from one outbox. A real SMTP server (the
// mail catcher) and a clock the test moves, so retries come when the test says, with no sleeping.

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
afterAll(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const clock = {
  at: Date.now(),
  now() {
    return new Date(this.at);
  },
};

/** A port nothing listens on (a catcher started there later gets it). */
async function freePort(): Promise<number> {
  const c = await startMailCatcher();
  await c.stop();
  return c.port;
}

async function server(smtp: string): Promise<TestServer> {
  const s = await startTestServer({
    app: { clock, publicUrl: 'https://support.example.test', notifications: { smtp, from: 'support@tix.test' } },
  });
  cleanup.push(() => s.close());
  return s;
}

async function catcherOn(port?: number, refuse?: Map<string, 550 | 450>): Promise<MailCatcher> {
  const c = await startMailCatcher({ port, refuse });
  cleanup.push(() => c.stop());
  return c;
}

const addresses = (mails: CaughtMail[]) => mails.flatMap((m) => m.to.map((to) => `${to} ${m.header('x-tix-event')}`)).sort();

async function incident(s: TestServer, token: string, summary: string): Promise<number> {
  const res = await s.api('POST', '/tickets', {
    token,
    body: { type: 'incident', establishment: est.lille.siret, fields: { summary, description: 'd', severity: 'high' } },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function setContacts(s: TestServer, token: string, emails: string[]): Promise<void> {
  const res = await s.api('POST', '/contacts/apply', { token, body: { contacts: [{ type: 'technical', name: 'Ops', emails }] } });
  expect(res.status).toBe(200);
}

/** every delivery of a ticket's events, as `address state` */
async function deliveries(store: Store, ticketId: number): Promise<string[]> {
  const out: string[] = [];
  for (const e of await store.notifications.ticketEvents(ticketId))
    for (const d of await store.notifications.deliveries(e.id)) out.push(`${d.address} ${e.kind} ${d.state}`);
  return out.sort();
}

describe('an SMTP server that is down', () => {
  it('keeps the mail, retries with backoff, and sends it once the server is back; what changed meanwhile applies', async () => {
    const port = await freePort();
    const s = await server(`smtp://127.0.0.1:${port}`);
    const [yann, sarah, agent] = await Promise.all(['yann', 'sarah', 'agent'].map((u) => s.tokenFor(`${u}@demo.test`)));
    await setContacts(s, sarah, ['ops@ecoles-demo.test', 'oncall@ecoles-demo.test']);
    const id = await incident(s, yann, 'Server down, mail waits');
    await s.api('POST', `/tickets/${id}/messages`, { token: agent, body: { body: 'We are on it' } });
    await s.api('POST', `/tickets/${id}/messages`, { token: sarah, body: { body: 'Thanks' } });

    // nothing listens: every delivery waits, with the reason
    await s.app.services.background.runAll();
    const waiting = await deliveries(s.store, id);
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((d) => d.endsWith(' pending'))).toBe(true);
    expect(await s.store.notifications.pendingEvents()).toBe(3);
    const first = (await s.store.notifications.ticketEvents(id))[0]!;
    expect((await s.store.notifications.deliveries(first.id))[0]!.lastError).toMatch(/ECONNREFUSED|connect|Connection/i);
    // tried again only after the backoff: a run right now does nothing
    await s.app.services.background.runAll();
    expect((await s.store.notifications.deliveries(first.id))[0]!.attempts).toBe(1);

    // meanwhile: Yann wants no more e-mail, Sarah leaves this ticket, the contacts change (oncall out, noc in)
    await s.api('PATCH', '/notification-settings', { token: yann, body: { level: 'none' } });
    await s.api('POST', `/tickets/${id}/unsubscribe`, { token: sarah });
    await setContacts(s, sarah, ['ops@ecoles-demo.test', 'noc@ecoles-demo.test']);

    const c = await catcherOn(port);
    clock.at += 60 * 60_000;
    await s.app.services.background.runAll();
    expect(addresses(c.mails)).toEqual([
      'noc@ecoles-demo.test created',
      'noc@ecoles-demo.test reply',
      'noc@ecoles-demo.test reply',
      'ops@ecoles-demo.test created',
      'ops@ecoles-demo.test reply',
      'ops@ecoles-demo.test reply',
    ]);
    // the first event was tried while the server was down (its recipients then: the contacts, and Sarah, who had
    // written on the ticket): who left meanwhile is cancelled; the two replies waited untried, so their recipients
    // are decided only now (Yann, at none, and oncall, no longer a contact, never get a row)
    expect(await deliveries(s.store, id)).toEqual([
      'noc@ecoles-demo.test created sent',
      'noc@ecoles-demo.test reply sent',
      'noc@ecoles-demo.test reply sent',
      'oncall@ecoles-demo.test created cancelled',
      'ops@ecoles-demo.test created sent',
      'ops@ecoles-demo.test reply sent',
      'ops@ecoles-demo.test reply sent',
      'sarah@demo.test created cancelled',
    ]);
    expect(await s.store.notifications.pendingEvents()).toBe(0);
    // nothing goes twice
    await s.app.services.background.runAll();
    expect(c.mails).toHaveLength(6);
  });

  it('gives up a notification not sent within three days', async () => {
    const port = await freePort();
    const s = await server(`smtp://127.0.0.1:${port}`);
    const [yann, sarah] = await Promise.all(['yann', 'sarah'].map((u) => s.tokenFor(`${u}@demo.test`)));
    await setContacts(s, sarah, ['ops@ecoles-demo.test']);
    const id = await incident(s, yann, 'Too old to tell');
    await s.app.services.background.runAll();
    const c = await catcherOn(port);
    clock.at += 4 * 86_400_000;
    await s.app.services.background.runAll();
    expect(c.mails).toEqual([]);
    const [event] = await s.store.notifications.ticketEvents(id);
    expect(event!.doneAt).not.toBeNull();
    expect(await s.store.notifications.deliveries(event!.id)).toEqual([
      expect.objectContaining({ address: 'ops@ecoles-demo.test', state: 'failed', lastError: 'not sent within 72 hours: given up' }),
    ]);
  });
});

describe('addresses the SMTP server refuses', () => {
  it('one refused address does not block the others; a deferred one is tried again later', async () => {
    const c = await catcherOn(
      undefined,
      new Map([
        ['refused@ecoles-demo.test', 550],
        ['busy@ecoles-demo.test', 450],
      ]),
    );
    const s = await server(c.url);
    const [yann, sarah] = await Promise.all(['yann', 'sarah'].map((u) => s.tokenFor(`${u}@demo.test`)));
    await setContacts(s, sarah, ['refused@ecoles-demo.test', 'busy@ecoles-demo.test', 'ops@ecoles-demo.test']);
    await s.api('POST', '/tickets/0/subscribe', { token: sarah });
    const id = await incident(s, yann, 'Some addresses refused');
    await s.app.services.background.runAll();
    expect(addresses(c.mails)).toEqual(['ops@ecoles-demo.test created']);
    const [event] = await s.store.notifications.ticketEvents(id);
    const rows = await s.store.notifications.deliveries(event!.id);
    expect(rows.map((d) => [d.address, d.state])).toEqual([
      ['refused@ecoles-demo.test', 'failed'],
      ['busy@ecoles-demo.test', 'pending'],
      ['ops@ecoles-demo.test', 'sent'],
    ]);
    expect(rows[0]!.lastError).toMatch(/550/);
    expect(rows[1]!.lastError).toMatch(/450/);
    expect(event!.doneAt).toBeNull();

    // the server takes the deferred address later; the refused one is never tried again
    c.refuse.delete('busy@ecoles-demo.test');
    clock.at += 60 * 60_000;
    await s.app.services.background.runAll();
    expect(addresses(c.mails)).toEqual(['busy@ecoles-demo.test created', 'ops@ecoles-demo.test created']);
    expect((await s.store.notifications.ticketEvents(id))[0]!.doneAt).not.toBeNull();
  });
});

describe('two instances over one outbox', () => {
  it('each (event, address) is sent once, whichever instance sends it', { timeout: 120_000 }, async () => {
    const c = await catcherOn();
    const shared = await openSharedStores(2);
    cleanup.push(() => shared.close());
    await shared.stores[0]!.identity.loadOrganisation(await preparedDemo());
    const apps: FastifyInstance[] = [];
    for (const store of shared.stores) {
      const app = await buildApp({
        store,
        clock,
        publicUrl: 'https://support.example.test',
        notifications: { smtp: c.url, from: 'support@tix.test', batch: 5 },
      });
      cleanup.push(() => app.close());
      apps.push(app);
    }
    const login = async (app: FastifyInstance, email: string) =>
      JSON.parse((await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'demo-password' } })).body)
        .token;
    const yann = await login(apps[0]!, 'yann@demo.test');
    const sarah = await login(apps[1]!, 'sarah@demo.test');
    await apps[1]!.inject({
      method: 'POST',
      url: '/api/v1/contacts/apply',
      headers: { authorization: `Bearer ${sarah}` },
      payload: { contacts: [{ type: 'technical', name: 'Ops', emails: ['ops@ecoles-demo.test', 'noc@ecoles-demo.test'] }] },
    });
    // 24 tickets filed through both instances; Sarah follows every one (she replies)
    for (let i = 0; i < 24; i++) {
      const app = apps[i % 2]!;
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/tickets',
        headers: { authorization: `Bearer ${yann}` },
        payload: { type: 'incident', establishment: est.lille.siret, fields: { summary: `Load ${i}`, description: 'd', severity: 'low' } },
      });
      const id = JSON.parse(res.body).id;
      await apps[(i + 1) % 2]!.inject({
        method: 'POST',
        url: `/api/v1/tickets/${id}/messages`,
        headers: { authorization: `Bearer ${sarah}` },
        payload: { body: 'me too' },
      });
    }
    // both instances deliver at once, twice over
    await Promise.all([...apps, ...apps].map((app) => app.services.background.runAll()));
    // created: ops, noc, and Sarah (recipients are decided at send time: she follows the ticket by then);
    // Sarah's reply: yann, ops, noc
    expect(c.mails).toHaveLength(24 * 6);
    const ids = c.mails.map((m) => m.parsed.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    const perAddressAndEvent = new Map<string, number>();
    for (const m of c.mails) {
      const key = `${m.to.join()} ${m.header('x-tix-ticket')} ${m.header('x-tix-event')}`;
      perAddressAndEvent.set(key, (perAddressAndEvent.get(key) ?? 0) + 1);
    }
    expect([...perAddressAndEvent.values()].every((n) => n === 1)).toBe(true);
    expect(perAddressAndEvent.size).toBe(24 * 6);
    expect(await shared.stores[0]!.notifications.pendingEvents()).toBe(0);
  });
});
