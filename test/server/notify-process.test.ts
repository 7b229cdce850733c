import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type MailCatcher, startMailCatcher } from '../../src/dev/mail-catcher.ts';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { SqliteStore } from '../../src/server/store/sqlite.ts';
import type { Store } from '../../src/server/store/store.ts';
import { isolatedEnv, spawnTix } from '../helpers/cli.ts';
import { freshPostgresDatabase, skipWithoutPostgres, testDatabaseKind } from '../helpers/database.ts';
import { type ServeProcess, startServe } from '../helpers/serve-process.ts';

// `tix serve` as a real process with a real SMTP server (the mail catcher), on SQLite and on PostgreSQL:
// - exactly once across a crash: killed with SIGKILL while it sends a change's notifications (after the change
//   committed, one mail accepted and recorded, the next one being sent), then started again on the same database,
//   every (event, address) reaches the SMTP server once;
// - without SMTP, the events wait and tix serve says so at start; a later start with --smtp sends them;
// - bad --smtp, TIX_SMTP_URL and --mail-from are usage errors naming the fix.

const skip = testDatabaseKind === 'postgres' && skipWithoutPostgres();
const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
});

async function database(): Promise<{ env: Record<string, string>; open(): Promise<Store> }> {
  if (testDatabaseKind === 'postgres') {
    const db = await freshPostgresDatabase();
    cleanup.push(db.drop);
    const { PostgresStore } = await import('../../src/server/store/postgres.ts');
    return { env: { TIX_DATABASE_URL: db.url }, open: () => PostgresStore.open(db.url, { poolSize: 2 }) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'tix-notify-crash-'));
  cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'tix.db');
  return { env: { TIX_DATABASE_URL: path }, open: async () => new SqliteStore(path) };
}

async function api(server: ServeProcess, method: string, path: string, token: string | undefined, body?: unknown) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  expect(res.status, text).toBeLessThan(300);
  return text ? JSON.parse(text) : undefined;
}

describe.skipIf(skip)('tix serve processes sending e-mail', { timeout: 180_000 }, () => {
  it('killed with SIGKILL while it sends: every (event, address) is sent exactly once after the restart', async () => {
    const db = await database();
    let server: ServeProcess | undefined;
    // killed at the second address of the first event: the first one was accepted (and recorded) just before
    let rcpts = 0;
    let killed!: (exit: number | string) => void;
    const dead = new Promise<number | string>((resolve) => (killed = resolve));
    const catcher: MailCatcher = await startMailCatcher({
      onRcpt: async () => {
        if (++rcpts === 2) killed(await server!.stop('SIGKILL'));
      },
    });
    cleanup.push(() => catcher.stop());
    const env = isolatedEnv({ ...db.env, TIX_SMTP_URL: catcher.url, TIX_NOTIFY_LEASE: '2s' });
    server = await startServe(['--demo', '--port', '0', '--mail-from', 'support@tix.test'], env);
    cleanup.push(() => server!.stop('SIGKILL'));
    expect(server.stderr()).toContain(`notification e-mails go through ${catcher.url} from support@tix.test`);

    const login = async (email: string) =>
      (await api(server!, 'POST', '/auth/login', undefined, { email, password: 'demo-password' })).token;
    const [yann, sarah] = [await login('yann@demo.test'), await login('sarah@demo.test')];
    const contacts = ['ops@ecoles-demo.test', 'noc@ecoles-demo.test', 'oncall@ecoles-demo.test'];
    await api(server, 'POST', '/contacts/apply', sarah, { contacts: [{ type: 'technical', name: 'Ops', emails: contacts }] });
    // the change commits, its notifications start at once, and the server dies on the second address
    const ticket = await api(server, 'POST', '/tickets', yann, {
      type: 'incident',
      establishment: est.lille.siret,
      fields: { summary: 'Killed while sending', description: 'd', severity: 'high' },
    });
    expect(await dead).toBe('SIGKILL');
    expect(catcher.mails.map((m) => m.to[0])).toEqual([contacts[0]]);

    // started again on the same database: once the dead process's lease has run out, the rest goes out
    server = await startServe(['--port', '0'], env);
    expect(server.stderr()).toMatch(/notification e-mails go through/);
    await catcher.waitFor(3, 60_000);
    // a change made after the restart goes out too (Sarah replies: Yann, who filed it, and the three contacts)
    await api(server, 'POST', `/tickets/${ticket.id}/messages`, sarah, { body: 'We see it too' });
    await catcher.waitFor(7, 60_000);
    expect(await server.stop('SIGTERM')).toBe(0);

    const sent = catcher.mails.map((m) => `${m.to.join()} ${m.header('x-tix-event')}`).sort();
    expect(sent).toEqual([...contacts.map((c) => `${c} created`), ...contacts.map((c) => `${c} reply`), 'yann@demo.test reply'].sort());
    expect(new Set(catcher.mails.map((m) => m.parsed.messageId)).size).toBe(7);
    // nothing left in the outbox: nothing would go twice
    const store = await db.open();
    try {
      expect(await store.notifications.pendingEvents()).toBe(0);
      const events = await store.notifications.ticketEvents(ticket.id);
      const rows = (await Promise.all(events.map((e) => store.notifications.deliveries(e.id)))).flat();
      expect(rows.map((d) => d.state)).toEqual(Array(7).fill('sent'));
    } finally {
      await store.close();
    }
  });

  it('without SMTP the events wait, and tix serve says so at start; started with --smtp, it sends them', async () => {
    const db = await database();
    const env = isolatedEnv(db.env);
    let server = await startServe(['--demo', '--port', '0'], env);
    cleanup.push(() => server.stop('SIGKILL'));
    expect(server.stderr()).toContain('no SMTP server (--smtp or TIX_SMTP_URL): notification e-mails wait in the outbox (0 now)');
    const login = async (email: string) =>
      (await api(server, 'POST', '/auth/login', undefined, { email, password: 'demo-password' })).token;
    const [yann, agent] = [await login('yann@demo.test'), await login('agent@demo.test')];
    const ticket = await api(server, 'POST', '/tickets', yann, {
      type: 'question',
      establishment: est.lille.siret,
      fields: { summary: 'Sent once SMTP is there', description: 'd' },
    });
    await api(server, 'POST', `/tickets/${ticket.id}/messages`, agent, { body: 'An answer that no mail may quote' });
    expect(await server.stop('SIGTERM')).toBe(0);

    server = await startServe(['--port', '0'], env);
    // said once, at start, with what waits: the ticket filed and support's answer
    expect(server.stderr()).toContain('notification e-mails wait in the outbox (2 now)');
    expect(server.stderr().match(/no SMTP server/g)).toHaveLength(1);
    expect(await server.stop('SIGTERM')).toBe(0);

    const catcher = await startMailCatcher();
    cleanup.push(() => catcher.stop());
    server = await startServe(['--port', '0', '--smtp', catcher.url], env);
    const [mail] = await catcher.waitFor(1, 60_000);
    expect(mail!.to).toEqual(['yann@demo.test']);
    expect(mail!.parsed.subject).toBe(`[tix #${ticket.id}] Sent once SMTP is there — Answer available`);
    expect(`${mail!.parsed.text}${mail!.parsed.html}`).not.toContain('An answer that no mail may quote');
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(catcher.mails).toHaveLength(1);
  });

  it('bad --smtp, TIX_SMTP_URL and --mail-from are usage errors (exit 2) naming the fix, never the password', async () => {
    const env = isolatedEnv();
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [['--smtp', 'mail.example.com'], {}, /--smtp: not a URL; write it as smtp:\/\/host:port/],
      [['--smtp', 'http://mail.example.com'], {}, /--smtp: http: is not smtp: or smtps:/],
      [[], { TIX_SMTP_URL: 'imap://u:s3cret@mail.example.com' }, /TIX_SMTP_URL: imap: is not smtp: or smtps:/],
      [['--mail-from', 'support@example.com'], {}, /--mail-from needs an SMTP server to send through: add --smtp smtp:\/\/host:port/],
      [['--smtp', 'smtp://127.0.0.1:1', '--mail-from', 'not an address'], {}, /--mail-from: "not an address" is not an address/],
    ];
    for (const [args, extra, message] of cases) {
      const r = await spawnTix(['serve', '--port', '0', '--db', ':memory:', ...args], { env: { ...env, ...extra } });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toContain('s3cret');
    }
  });
});
