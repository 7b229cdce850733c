// The web view over HTTP, without a browser: headers, cookies, the forms' defences, access rules, escaping.
// What only a browser can show (a page that reads right, a cross-site form really refused, the cookie jar)
// is in browser.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireTicketWithMessages as TicketWithMessages } from '../../src/providers/tix/wire.ts';
import { findType } from '../../src/core/catalog.ts';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { t as webText } from '../../src/server/web/messages.ts';
import { ticketPage } from '../../src/server/web/pages.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/server/web/routes.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { cookieHeader, form, hiddenField, setCookies, signIn } from './helpers.ts';

let s: TestServer;
let parisTicket: number;
let lilleTicket: number;
beforeAll(async () => {
  s = await startTestServer();
  const yann = await s.tokenFor('yann@demo.test');
  const file = async (siret: string, summary: string) =>
    (
      await s.api('POST', '/tickets', {
        token: yann,
        body: { type: 'question', establishment: siret, fields: { summary, description: 'Details' } },
      })
    ).body.id as number;
  parisTicket = await file(est.paris.siret, 'A Paris question');
  lilleTicket = await file(est.lille.siret, 'A Lille question');
});
afterAll(() => s.close());

const get = (url: string, headers: Record<string, string> = {}) => s.app.inject({ url, headers });

describe('pages and their headers', () => {
  it('GET / is the sign-in form without a session, with a strict Content-Security-Policy and no script', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe|http|\*/);
    expect(res.headers).toMatchObject({
      'x-frame-options': 'DENY',
      'referrer-policy': 'same-origin',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      'cross-origin-opener-policy': 'same-origin',
    });
    expect(res.body).toContain('<form class="login card" method="post" action="/login">');
    expect(res.body).not.toMatch(/<script|https?:\/\//);
    // the only stylesheet comes from this server, and may be cached: its name changes with its content
    const css = /<link rel="stylesheet" href="(\/assets\/tix-[0-9a-f]{12}\.css)">/.exec(res.body)![1]!;
    const sheet = await get(css);
    expect(sheet.statusCode).toBe(200);
    expect(sheet.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(sheet.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(sheet.body).not.toMatch(/@import|url\(/);
  });

  it('the sign-in form sets its token cookie: HttpOnly, SameSite=Strict, not Secure over plain http', async () => {
    const res = await get('/login');
    const [cookie] = setCookies(res);
    expect(cookie).toMatch(/^tix_login=[\w-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(hiddenField(res.body, 'csrf')).toBe(cookie!.split(';')[0]!.split('=')[1]);
    // a second visit keeps the same token (two tabs work)
    const again = await get('/login', { cookie: cookieHeader(res) });
    expect(hiddenField(again.body, 'csrf')).toBe(hiddenField(res.body, 'csrf'));
  });

  it('the language follows Accept-Language', async () => {
    expect((await get('/', { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.8' })).body).toMatch(/<html lang="fr">[\s\S]*Mot de passe/);
    expect((await get('/', { 'accept-language': 'en-US' })).body).toMatch(/<html lang="en">[\s\S]*Password/);
    expect((await get('/', { 'accept-language': 'de' })).body).toContain('<html lang="en">');
  });

  it('other addresses are 404 pages for a browser; programs and the API keep the JSON 404s', async () => {
    const page = await get('/nope/<script>', { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.body).not.toContain('<script>');
    const program = await get('/nope');
    expect(program.statusCode).toBe(404);
    expect(program.json()).toEqual({ error: { code: 'not_found', message: 'no route GET /nope' } });
    const api = await get('/api/v1/nope', { accept: 'text/html' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ error: { code: 'not_found', message: 'no route GET /api/v1/nope' } });
  });
});

describe('signing in and out', () => {
  const post = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    s.app.inject({ method: 'POST', url, ...form(fields), headers: { ...form({}).headers, ...headers } });
  const loginForm = async () => {
    const page = await get('/login');
    return { cookie: cookieHeader(page), csrf: hiddenField(page.body, 'csrf') };
  };

  it('signs in: a read-only session cookie, HttpOnly, SameSite=Strict, Path=/, not Secure over plain http; then back where asked', async () => {
    const f = await loginForm();
    const res = await post(
      '/login',
      { email: 'yann@demo.test', password: 'demo-password', csrf: f.csrf, next: `/tickets/${parisTicket}` },
      { cookie: f.cookie, 'sec-fetch-site': 'same-origin', origin: s.url },
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/tickets/${parisTicket}`);
    const session = setCookies(res).find((c) => c.startsWith('tix_session='))!;
    expect(session).toMatch(/^tix_session=tixs_[\w-]+; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/);
    // the session is read-only: the API refuses writes and token creation with it
    const token = session.split(';')[0]!.split('=')[1]!;
    expect((await s.api('GET', `/tickets/${parisTicket}`, { token })).status).toBe(200);
    expect((await s.api('POST', `/tickets/${parisTicket}/messages`, { token, body: { body: 'hi' } })).status).toBe(403);
    expect((await s.api('POST', '/tokens', { token, body: { name: 'x', expiresInSeconds: 3600, scopes: ['tickets:read'] } })).status).toBe(
      403,
    );
  });

  it('signing in again from a form left open replaces the session instead of adding one', async () => {
    const first = await signIn(s.app, 'sarah@demo.test');
    const f = await loginForm();
    const res = await post(
      '/login',
      { email: 'sarah@demo.test', password: 'demo-password', csrf: f.csrf },
      { cookie: `${f.cookie}; ${first}` },
    );
    expect(res.statusCode).toBe(303);
    expect((await s.api('GET', '/me', { token: first.split('=')[1] })).status).toBe(401);
    const second = setCookies(res)
      .find((c) => c.startsWith('tix_session='))!
      .split(';')[0]!;
    expect((await s.api('GET', '/me', { token: second.split('=')[1] })).status).toBe(200);
  });

  it('a wrong password shows the form again, with the e-mail kept (escaped) and no session', async () => {
    const f = await loginForm();
    const res = await post('/login', { email: 'sarah@demo.test"><b>', password: 'nope', csrf: f.csrf, next: '/' }, { cookie: f.cookie });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('Wrong e-mail or password.');
    expect(res.body).toContain('value="sarah@demo.test&quot;&gt;&lt;b&gt;"');
    expect(setCookies(res).some((c) => c.includes('tix_session'))).toBe(false);
  });

  it('repeated failures are slowed down, with the wait in the page and in Retry-After', async () => {
    const f = await loginForm();
    let res = await post('/login', { email: 'nobody@demo.test', password: 'x', csrf: f.csrf }, { cookie: f.cookie });
    for (let i = 0; i < 6 && res.statusCode !== 429; i++)
      res = await post('/login', { email: 'nobody@demo.test', password: 'x', csrf: f.csrf }, { cookie: f.cookie, 'accept-language': 'fr' });
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body).toMatch(/Trop de tentatives échouées : réessayez dans \d+ secondes?\./);
  });

  it('refuses a sign-in form without its token, or posted from another site, and signs no one in', async () => {
    const f = await loginForm();
    const good = { email: 'yann@demo.test', password: 'demo-password', next: '/' };
    const cases: Array<[string, Record<string, string>, Record<string, string>, number, RegExp]> = [
      ['no token', good, { cookie: f.cookie }, 403, /The sign-in form had expired/],
      ['no token cookie', { ...good, csrf: f.csrf }, {}, 403, /The sign-in form had expired/],
      [
        'a wrong token',
        { ...good, csrf: `${f.csrf.slice(0, -1)}${f.csrf.endsWith('A') ? 'B' : 'A'}` },
        { cookie: f.cookie },
        403,
        /The sign-in form had expired/,
      ],
      [
        'Sec-Fetch-Site: cross-site',
        { ...good, csrf: f.csrf },
        { cookie: f.cookie, 'sec-fetch-site': 'cross-site' },
        403,
        /Request refused/,
      ],
      ['Sec-Fetch-Site: same-site', { ...good, csrf: f.csrf }, { cookie: f.cookie, 'sec-fetch-site': 'same-site' }, 403, /Request refused/],
      ['another Origin', { ...good, csrf: f.csrf }, { cookie: f.cookie, origin: 'http://evil.example' }, 403, /Request refused/],
      ['Origin: null', { ...good, csrf: f.csrf }, { cookie: f.cookie, origin: 'null' }, 403, /Request refused/],
    ];
    for (const [what, fields, headers, status, text] of cases) {
      const res = await post('/login', fields, headers);
      expect(res.statusCode, what).toBe(status);
      expect(res.body, what).toMatch(text);
      expect(
        setCookies(res).some((c) => c.startsWith('tix_session=')),
        what,
      ).toBe(false);
    }
    // a client that sends neither header (curl, an old browser) still gets in with the token
    expect((await post('/login', { ...good, csrf: f.csrf }, { cookie: f.cookie })).statusCode).toBe(303);
  });

  it("after signing in, only this site's pages: another site, a scheme-relative URL or junk go to /", async () => {
    for (const [next, to] of [
      ['https://evil.example/', '/'],
      ['//evil.example', '/'],
      ['/\\evil.example', '/'],
      ['/inbox', '/inbox'],
      [`/tickets/${lilleTicket}`, `/tickets/${lilleTicket}`],
    ]) {
      const f = await loginForm();
      const res = await post(
        '/login',
        { email: 'sarah@demo.test', password: 'demo-password', csrf: f.csrf, next: next! },
        { cookie: f.cookie },
      );
      expect(res.headers.location, next).toBe(to);
    }
  });

  it('signing out needs the form token, revokes the session and removes the cookie', async () => {
    const cookie = await signIn(s.app, 'yann@demo.test');
    const inbox = await get('/inbox', { cookie });
    expect(inbox.statusCode).toBe(200);
    const csrf = hiddenField(inbox.body, 'csrf');
    // without the token, or from another site: refused, still signed in
    expect((await post('/logout', {}, { cookie })).statusCode).toBe(403);
    expect((await post('/logout', { csrf }, { cookie, 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await get('/inbox', { cookie })).statusCode).toBe(200);
    // another session's token does not sign this one out
    const other = hiddenField((await get('/inbox', { cookie: await signIn(s.app, 'yann@demo.test') })).body, 'csrf');
    expect((await post('/logout', { csrf: other }, { cookie })).statusCode).toBe(403);

    const out = await post('/logout', { csrf }, { cookie, 'sec-fetch-site': 'same-origin' });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/login');
    expect(setCookies(out)).toContainEqual(expect.stringMatching(/^tix_session=; Max-Age=0; Path=\/; HttpOnly; SameSite=Strict$/));
    const after = await get('/inbox', { cookie });
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe('/login?next=%2Finbox');
    // the token itself is revoked, not only forgotten by the browser
    expect((await s.api('GET', '/me', { token: cookie.split('=')[1] })).status).toBe(401);
  });

  it('behind a proxy (tix serve --public-url https://…/tix/): Secure, __Host- cookies; links and redirects under /tix', async () => {
    const behindTls = await startTestServer({ app: { publicUrl: 'https://support.example.com/tix/' } });
    try {
      const web = behindTls.app;
      const page = await web.inject({ url: '/login' });
      expect(setCookies(page)[0]).toMatch(/^__Host-tix_login=[\w-]{43}; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
      expect(page.body).toContain('<form class="login card" method="post" action="/tix/login">');
      expect(page.body).toMatch(/<link rel="stylesheet" href="\/tix\/assets\/tix-[0-9a-f]{12}\.css">/);
      const res = await web.inject({
        method: 'POST',
        url: '/login',
        ...form({ email: 'sarah@demo.test', password: 'demo-password', csrf: hiddenField(page.body, 'csrf'), next: '/inbox' }),
        headers: {
          ...form({}).headers,
          cookie: cookieHeader(page),
          // the proxy in front passes its own Host; the browser's Origin is the public URL
          host: '127.0.0.1:8787',
          origin: 'https://support.example.com',
          'sec-fetch-site': 'same-origin',
        },
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/tix/inbox');
      const session = setCookies(res).find((c) => c.startsWith('__Host-tix_session='))!;
      expect(session).toMatch(/; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
      expect((await web.inject({ url: '/inbox', headers: { cookie: session.split(';')[0]! } })).statusCode).toBe(200);
      // a cookie without the prefix (which any subdomain could plant) signs no one in there
      const planted = session.split(';')[0]!.replace('__Host-', '');
      const refused = await web.inject({ url: '/inbox', headers: { cookie: planted } });
      expect(refused.statusCode).toBe(303);
      expect(refused.headers.location).toBe('/tix/login?next=%2Finbox');
      // and the ticket links are pages on the public URL
      const sarah = await behindTls.tokenFor('sarah@demo.test');
      const filed = await behindTls.api('POST', '/tickets', {
        token: sarah,
        body: { type: 'question', fields: { summary: 'Behind a proxy', description: 'Details' } },
      });
      expect(filed.body.url).toBe(`https://support.example.com/tix/tickets/${filed.body.id}`);
      const ticket = await web.inject({ url: `/tickets/${filed.body.id}`, headers: { cookie: session.split(';')[0]! } });
      expect(ticket.statusCode).toBe(200);
      expect(ticket.body).toContain('<a class="brand" href="/tix/">tix</a>');
      expect(ticket.body).toContain('<form method="post" action="/tix/logout">');
    } finally {
      await behindTls.close();
    }
  });
});

describe('access: the same rules as the API', () => {
  it("another establishment's ticket is the very same 404 page as a ticket that does not exist", async () => {
    const cookie = await signIn(s.app, 'sarah@demo.test');
    expect((await get(`/tickets/${lilleTicket}`, { cookie })).statusCode).toBe(200);
    const paris = await get(`/tickets/${parisTicket}`, { cookie });
    const unknown = await get('/tickets/999999', { cookie });
    expect(paris.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(paris.body).not.toContain('A Paris question');
    const logoutToken = /name="csrf" value="[^"]+"/;
    expect(paris.body.replace(`#${parisTicket},`, '#N,').replace(logoutToken, '')).toBe(
      unknown.body.replace('#999999,', '#N,').replace(logoutToken, ''),
    );
    expect((await get(`/tickets/${parisTicket}/attachments/x`, { cookie })).statusCode).toBe(404);
  });

  it('a page without a session sends to the sign-in form and back; a link from another site first hops to carry the cookie', async () => {
    const res = await get(`/tickets/${parisTicket}`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/login?next=%2Ftickets%2F${parisTicket}`);
    const hop = await get(`/tickets/${parisTicket}`, { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' });
    expect(hop.statusCode).toBe(200);
    expect(hop.body).toContain(`<meta http-equiv="refresh" content="0; url=/tickets/${parisTicket}">`);
  });

  it('an employee (no access to messages) gets a no-access page', async () => {
    const cookie = await signIn(s.app, 'eve@demo.test');
    const res = await get('/inbox', { cookie, 'accept-language': 'fr' });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Accès refusé');
  });

  it('the inbox lists tickets with unread messages, with counts', async () => {
    const agent = await s.tokenFor('agent@demo.test');
    await s.api('POST', `/tickets/${lilleTicket}/messages`, { token: agent, body: { body: 'We are on it.' } });
    const res = await get('/', { cookie: await signIn(s.app, 'sarah@demo.test'), 'accept-language': 'fr' });
    expect(res.statusCode).toBe(200);
    // Yann's first message and the agent's answer are both unread for Sarah
    expect(res.body).toContain('1 demande · 2 messages non lus');
    expect(res.body).toContain(`<a href="/tickets/${lilleTicket}">A Lille question</a>`);
    expect(res.body).toContain('Réponse disponible');
    expect(res.body).not.toContain('A Paris question');
  });
});

describe('the inbox at scale', () => {
  it('counts every unread ticket as GET /inbox does, past the thousand newest it lists', async () => {
    const store = s.app.services.store;
    const yann = (await store.identity.findUserByEmail('yann@demo.test'))!;
    const lille = (await store.identity.allEstablishments()).find((e) => e.siret === est.lille.siret)!;
    const at = new Date().toISOString();
    const many = Array.from({ length: 1001 }, (_, i) => ({
      establishmentId: lille.id,
      createdById: yann.id,
      type: 'question',
      category: 'general',
      summary: `Imported question ${i}`,
      fields: {},
      status: 'sent' as const,
      createdAt: at,
      updatedAt: at,
      resolvedAt: null,
      closedAt: null,
      messages: [{ authorId: yann.id, body: 'Unread by Sarah', createdAt: at }],
      readUpTo: [],
    }));
    await store.tickets.importTickets([many]);
    const counted = (await s.api('GET', '/inbox', { token: await s.tokenFor('sarah@demo.test') })).body as {
      total: { tickets: number; messages: number };
    };
    expect(counted.total.tickets).toBeGreaterThan(1001);
    const res = await get('/inbox', { cookie: await signIn(s.app, 'sarah@demo.test'), 'accept-language': 'en' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(
      `${webText('en', 'inbox.tickets', { count: counted.total.tickets })} · ${webText('en', 'inbox.messages', { count: counted.total.messages })}`,
    );
    // the thousand newest are listed
    expect(res.body.match(/<tr><td><a href="\/tickets\//g)).toHaveLength(1000);
  });
});

describe('escaping', () => {
  it('renders hostile values as text: summary, body, names, field values, file names; only http(s) values become links', () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'';
    const ticket: TicketWithMessages = {
      id: 7,
      status: 'sent',
      type: 'incident',
      category: 'technical',
      summary: evil,
      followUps: [],
      establishment: { siret: est.paris.siret, name: evil },
      createdBy: { email: 'x@example.com', name: evil },
      onBehalfOf: { email: 'y@example.com', name: evil },
      createdAt: '2026-11-30T08:00:00Z',
      updatedAt: '2026-11-30T08:00:00Z',
      closedAt: null,
      autoClosed: false,
      unread: 1,
      messageCount: 1,
      fields: { url: 'javascript:alert(3)', severity: evil, custom: evil },
      followUpOf: null,
      url: 'http://x/tickets/7',
      messages: [
        {
          id: 1,
          author: { email: 'a@example.com', name: evil, role: 'agent' },
          unread: true,
          body: evil,
          createdAt: '2026-11-30T08:00:00Z',
          attachments: [{ id: '"><script>', name: evil, size: 12, contentType: 'text/plain', sha256: '0' }],
        },
      ],
    };
    const page = ticketPage(
      { locale: 'en', now: new Date('2026-11-30T09:00:00Z'), base: '' },
      ticket,
      findType(s.app.services.catalog(), 'incident'),
    );
    expect(page).not.toMatch(/<script|<img|href="javascript/i);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;');
    expect(page).toContain('href="/tickets/7/attachments/%22%3E%3Cscript%3E"');
    expect(page).toContain('<dd>javascript:alert(3)</dd>');
    const linked = ticketPage(
      { locale: 'en', now: new Date(), base: '' },
      { ...ticket, fields: { url: 'https://app.example.com/a?b=1&c="' } },
      findType(s.app.services.catalog(), 'incident'),
    );
    expect(linked).toContain('<a href="https://app.example.com/a?b=1&amp;c=%22" rel="noopener noreferrer nofollow">');
  });
});
