// The web view in a real browser: Debian's Chromium, headless, driven by playwright-core. One browser for
// the whole file; each test has its own context (its own cookie jar), as separate people would.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { isolatedEnv, tempDir, tix } from '../helpers/cli.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { skipUnless } from '../helpers/strict.ts';

const CHROMIUM = '/usr/bin/chromium';
const skip = skipUnless(existsSync(CHROMIUM), `Chromium (${CHROMIUM}; apt-get install chromium)`);

// "evil.test" is another site, served from this machine: the browser resolves it to 127.0.0.1.
const EVIL_HOST = 'evil.test';

let browser: Browser;
let s: TestServer;
let evil: Server;
let evilOrigin: string;
let evilPage = '';
let dir: string;
const contexts: BrowserContext[] = [];

describe.skipIf(skip)('the web view in Chromium', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    dir = tempDir('tix-web-');
    [browser, s] = await Promise.all([
      chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        // playwright makes a fresh, empty profile directory for the browser it launches
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          `--host-resolver-rules=MAP ${EVIL_HOST} 127.0.0.1`,
        ],
      }),
      startTestServer(),
    ]);
    // another site's page, whatever a test puts in it
    evil = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(evilPage));
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    evilOrigin = `http://${EVIL_HOST}:${(evil.address() as AddressInfo).port}`;
  }, 120_000);

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await new Promise((resolve) => evil?.close(resolve));
    await s?.close();
  });

  /** A person with a browser of their own: a fresh cookie jar, the language they read. */
  async function person(language: 'fr' | 'en' = 'en'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ extraHTTPHeaders: { 'Accept-Language': language }, acceptDownloads: true });
    // a step that cannot happen fails with its own message, well before the test's timeout
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    return { context, page: await context.newPage() };
  }

  async function signIn(page: Page, email: string, submit: RegExp): Promise<void> {
    await page.getByLabel(/e-mail/i).fill(email);
    await page.getByLabel(/Password|Mot de passe/).fill('demo-password');
    await page.getByRole('button', { name: submit }).click();
  }

  const yannEnv = async () => isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: await s.tokenFor('yann@demo.test') });

  /** Files an incident in École Paris as Yann, with the CLI, and returns the link it printed. */
  async function fileIncident(summary: string): Promise<string> {
    const log = join(dir, 'export.log');
    writeFileSync(log, 'export failed at 02:13\n');
    const r = await tix(
      [
        'ticket',
        'create',
        '--type',
        'incident',
        '--establishment',
        est.paris.siret,
        '--summary',
        summary,
        '--description',
        'The nightly export stopped.\nSecond line.',
        '--field',
        'severity=high',
        '--attach',
        log,
      ],
      { env: await yannEnv() },
    );
    expect(r.code, r.stderr).toBe(0);
    return r.stdout.trim();
  }

  it('the printed link opens a readable page after signing in (French, from Accept-Language)', async () => {
    const link = await fileIncident('Payroll export failed');
    expect(link).toMatch(new RegExp(`^${s.url}/tickets/\\d+$`));
    const { context, page } = await person('fr');
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });

    await page.goto(link);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.locator('h1').textContent()).toBe('Connexion');
    await signIn(page, 'yann@demo.test', /Se connecter/);
    await page.waitForURL(link);

    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.locator('h1').textContent()).toMatch(/^#\d+ Payroll export failed$/);
    expect(await page.locator('.status').first().textContent()).toBe('Message envoyé');
    const facts = page.locator('dl.facts').first();
    expect(await facts.textContent()).toContain('Type de demande');
    expect(await facts.textContent()).toContain('École Paris');
    expect(await facts.textContent()).toContain('SIRET 81234567600017');
    expect(await facts.textContent()).toContain('Créée par');
    expect(await facts.textContent()).toContain('Yann Le Goff <yann@demo.test>');
    expect(await page.locator('dl.facts').nth(1).textContent()).toContain('Gravité');
    expect(await page.locator('article.message .body').first().textContent()).toBe('The nightly export stopped.\nSecond line.');
    expect(await page.getByText('Cette page est en lecture seule').isVisible()).toBe(true);
    // the stylesheet, from this server only, applied despite the strict CSP
    expect(
      await page
        .locator('.status')
        .first()
        .evaluate((e) => (globalThis as any).getComputedStyle(e).borderTopStyle),
    ).toBe('solid');
    expect(violations).toEqual([]);

    // the attachment downloads, with its name and bytes
    const attachment = page.getByRole('link', { name: 'export.log' });
    const [download] = await Promise.all([page.waitForEvent('download'), attachment.click()]);
    expect(download.suggestedFilename()).toBe('export.log');
    expect(readFileSync((await download.path())!, 'utf8')).toBe('export failed at 02:13\n');

    // the session cookie: a script cannot read it, another site's requests do not carry it
    expect(await page.evaluate(() => (globalThis as any).document.cookie)).toBe('');
    const session = (await context.cookies()).find((c) => c.name === 'tix_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: false, path: '/' });
  });

  it('the same page in English', async () => {
    const link = await fileIncident('Login returns 500');
    const { page } = await person('en');
    await page.goto(link);
    expect(await page.locator('h1').textContent()).toBe('Sign in');
    await signIn(page, 'yann@demo.test', /Sign in/);
    await page.waitForURL(link);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('.status').first().textContent()).toBe('Message sent');
    expect(await page.locator('dl.facts').first().textContent()).toContain('Created by');
    expect(await page.locator('dl.facts').nth(1).textContent()).toContain('Severity');
    expect(await page.locator('dl.facts').nth(1).textContent()).toContain('High: a key process is blocked');
    // GET / is the inbox once signed in
    await page.goto(`${s.url}/`);
    expect(await page.locator('h1').textContent()).toBe('Inbox');
  });

  it("another establishment's ticket is a 404 page, exactly like one that does not exist (Sarah and École Paris)", async () => {
    const link = await fileIncident('A Paris-only matter');
    const { page } = await person('en');
    await page.goto(`${s.url}/`);
    await signIn(page, 'sarah@demo.test', /Sign in/);
    expect(await page.locator('h1').textContent()).toBe('Inbox');

    const paris = await page.goto(link);
    expect(paris?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Not found');
    const text = String(await page.locator('main').textContent()).replace(/#\d+/, '#N');
    expect(text).not.toContain('A Paris-only matter');

    const unknown = await page.goto(`${s.url}/tickets/987654`);
    expect(unknown?.status()).toBe(404);
    expect(String(await page.locator('main').textContent()).replace(/#\d+/, '#N')).toBe(text);
  });

  it('an XSS attempt in a summary and a message body renders as text', async () => {
    const yann = await s.tokenFor('yann@demo.test');
    const attack = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"><b>bold</b>';
    const created = await s.api('POST', '/tickets', {
      token: yann,
      body: { type: 'question', establishment: est.paris.siret, fields: { summary: attack, description: `Body ${attack}` } },
    });
    expect(created.status).toBe(201);
    const agent = await s.tokenFor('agent@demo.test');
    await s.api('POST', `/tickets/${created.body.id}/messages`, { token: agent, body: { body: `Reply ${attack}` } });

    const link = `${s.url}/tickets/${created.body.id}`;
    const { page } = await person('en');
    await page.goto(link);
    await signIn(page, 'yann@demo.test', /Sign in/);
    await page.waitForURL(link);
    expect(await page.locator('h1').textContent()).toBe(`#${created.body.id} ${attack}`);
    expect(await page.locator('article.message .body').allTextContents()).toEqual([`Body ${attack}`, `Reply ${attack}`]);
    expect(await page.title()).toBe(`#${created.body.id} ${attack} · tix`);
    expect(await page.locator('main script, main img, main b').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as any).__xss)).toBeUndefined();
  });

  it('the sign-in form refuses a post from another site (CSRF), and so does the sign-out form', async () => {
    const { context, page } = await person('en');
    // the victim has the sign-in page's token cookie; the other site makes them post its own credentials
    await page.goto(`${s.url}/login`);
    evilPage = `<!doctype html><form method="post" action="${s.url}/login">
      <input name="email" value="sarah@demo.test"><input name="password" value="demo-password">
      <input name="csrf" value="guessed"><input name="next" value="/"><button>Win a prize</button></form>`;
    await page.goto(`${evilOrigin}/`);
    const [answer] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Win a prize' }).click()]);
    expect(answer?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('Request refused');
    expect((await context.cookies()).some((c) => c.name === 'tix_session')).toBe(false);
    await page.goto(`${s.url}/inbox`);
    expect(new URL(page.url()).pathname).toBe('/login');

    // signed in, a page of the other site tries to sign the victim out
    await signIn(page, 'yann@demo.test', /Sign in/);
    await page.waitForURL(`${s.url}/inbox`);
    expect(await page.locator('h1').textContent()).toBe('Inbox');
    evilPage = `<!doctype html><form method="post" action="${s.url}/logout"><button>Continue</button></form>`;
    await page.goto(`${evilOrigin}/`);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Continue' }).click()]);
    // the browser did not even send the session cookie (SameSite=Strict): nothing to sign out of
    await page.goto(`${s.url}/inbox`);
    expect(await page.locator('h1').textContent()).toBe('Inbox');
  });

  it('a link from another site (an e-mail, a chat) lands signed in on the ticket', async () => {
    const link = await fileIncident('Linked from a chat');
    const { page } = await person('en');
    await page.goto(`${s.url}/`);
    await signIn(page, 'yann@demo.test', /Sign in/);
    await page.waitForURL(`${s.url}/`);
    expect(await page.locator('h1').textContent()).toBe('Inbox');
    evilPage = `<!doctype html><a href="${link}">the ticket</a>`;
    await page.goto(`${evilOrigin}/`);
    await page.getByRole('link', { name: 'the ticket' }).click();
    await page.waitForURL(link);
    expect(await page.locator('h1').textContent()).toMatch(/Linked from a chat$/);
  });

  it('signing out ends the session: the cookie is gone and its token revoked', async () => {
    const link = await fileIncident('Before signing out');
    const { context, page } = await person('fr');
    await page.goto(link);
    await signIn(page, 'yann@demo.test', /Se connecter/);
    await page.waitForURL(link);
    const token = (await context.cookies()).find((c) => c.name === 'tix_session')!.value;
    expect((await s.api('GET', '/me', { token })).status).toBe(200);

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(`${s.url}/login`);
    expect(await page.locator('h1').textContent()).toBe('Connexion');
    expect((await context.cookies()).some((c) => c.name === 'tix_session')).toBe(false);
    expect((await s.api('GET', '/me', { token })).status).toBe(401);
    await page.goto(link);
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
