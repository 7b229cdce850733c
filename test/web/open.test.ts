// `tix ticket view --web` and `tix ticket create --web`: the page's address handed to the browser. The
// browser here is a BROWSER script that records what it was given.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { browserCommand } from '../../src/io/browser.ts';
import { isolatedEnv, spawnTix, tempDir, tix } from '../helpers/cli.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
let dir: string;
let parisTicket: number;
beforeAll(async () => {
  s = await startTestServer();
  dir = tempDir('tix-open-');
  const yann = await s.tokenFor('yann@demo.test');
  parisTicket = (
    await s.api('POST', '/tickets', {
      token: yann,
      body: { type: 'question', establishment: est.paris.siret, fields: { summary: 'Where is the export?', description: 'Details' } },
    })
  ).body.id;
});
afterAll(() => s.close());

let scripts = 0;
/** A BROWSER that writes its arguments, one a line, to a file; and exits with `code`. */
function recordingBrowser(code = 0): { command: string; args: () => string[] } {
  const n = ++scripts;
  const log = join(dir, `browser-${n}.log`);
  const script = join(dir, `browser ${n}.sh`); // a space in the path: BROWSER quotes it
  writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$@" > '${log}'\nexit ${code}\n`);
  chmodSync(script, 0o755);
  return {
    command: `"${script}"`,
    args: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(0, -1) : []),
  };
}

const as = async (user: string, extra: Record<string, string> = {}) =>
  isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: await s.tokenFor(`${user}@demo.test`), ...extra });

describe('tix ticket view --web', () => {
  it("runs BROWSER with the ticket's page", async () => {
    const browser = recordingBrowser();
    const r = await tix(['ticket', 'view', String(parisTicket), '--web'], { env: await as('yann', { BROWSER: browser.command }) });
    expect(r.code, r.stderr).toBe(0);
    expect(browser.args()).toEqual([`${s.url}/tickets/${parisTicket}`]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`Opening ${s.url}/tickets/${parisTicket} in your browser.`);
  });

  it('puts the URL where BROWSER says %s, after its own arguments', async () => {
    const browser = recordingBrowser();
    const r = await tix(['ticket', 'view', String(parisTicket), '--web'], {
      env: await as('yann', { BROWSER: `${browser.command} --new-window %s --private` }),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(browser.args()).toEqual(['--new-window', `${s.url}/tickets/${parisTicket}`, '--private']);
  });

  it('works the same from the shipped bundle (bin/tix.js)', async () => {
    const browser = recordingBrowser();
    const r = await spawnTix(['ticket', 'view', String(parisTicket), '--web'], { env: await as('yann', { BROWSER: browser.command }) });
    expect(r.code, r.stderr).toBe(0);
    expect(browser.args()).toEqual([`${s.url}/tickets/${parisTicket}`]);
  });

  it("another establishment's ticket is not found (exit 3), and no browser opens", async () => {
    const browser = recordingBrowser();
    const r = await tix(['ticket', 'view', String(parisTicket), '--web'], { env: await as('sarah', { BROWSER: browser.command }) });
    expect(r.code).toBe(3);
    expect(browser.args()).toEqual([]);
  });

  it('a browser that fails, or none at all, is an error that says what to do (exit 1)', async () => {
    const failing = recordingBrowser(4);
    let r = await tix(['ticket', 'view', String(parisTicket), '--web'], { env: await as('yann', { BROWSER: failing.command }) });
    expect(r.code).toBe(1);
    expect(r.errorJson()).toMatchObject({
      code: 'browser_failed',
      hint: expect.stringMatching(/check the BROWSER variable, or open http/),
    });
    expect(r.stderr).toMatch(/could not open a browser: .*browser \d+\.sh exited with code 4/);

    // no BROWSER, and no xdg-open on the PATH
    r = await tix(['ticket', 'view', String(parisTicket), '--web'], { env: await as('yann', { PATH: tempDir('tix-empty-path-') }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('could not open a browser: xdg-open was not found');
    expect(r.errorJson().hint).toBe(`set BROWSER to your browser command, or open ${s.url}/tickets/${parisTicket} yourself`);
  });

  it('--web and --json do not go together (exit 2)', async () => {
    const r = await tix(['ticket', 'view', String(parisTicket), '--web', '--json'], { env: await as('yann') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--web and --json cannot be combined');
  });
});

describe('tix ticket create --web', () => {
  const create = ['ticket', 'create', '--type', 'question', '--establishment', est.lille.siret, '--description', 'Details'];

  it("files the request as usual, then opens the new ticket's page", async () => {
    const browser = recordingBrowser();
    const r = await tix([...create, '--summary', 'Filed then opened', '--web'], { env: await as('sarah', { BROWSER: browser.command }) });
    expect(r.code, r.stderr).toBe(0);
    const url = r.stdout.trim();
    expect(url).toMatch(new RegExp(`^${s.url}/tickets/\\d+$`));
    expect(browser.args()).toEqual([url]);
    const id = Number(url.split('/').pop());
    expect((await s.api('GET', `/tickets/${id}`, { token: await s.tokenFor('sarah@demo.test') })).body.summary).toBe('Filed then opened');
  });

  it('a browser that fails does not fail the filing: a warning, the URL, exit 0', async () => {
    const browser = recordingBrowser(1);
    const r = await tix([...create, '--summary', 'Filed, no browser', '--web', '--json', 'id,url'], {
      env: await as('sarah', { BROWSER: browser.command }),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(browser.args()).toEqual([r.json().url]);
    expect(r.stderr).toMatch(/! could not open a browser: .* exited with code 1; check the BROWSER variable, or open http/);
  });

  it('--web with --dry-run is refused (nothing would be filed to open)', async () => {
    const r = await tix([...create, '--summary', 'x', '--web', '--dry-run'], { env: await as('sarah') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--web opens the filed ticket, and --dry-run files nothing');
  });
});

describe("the platform's opener", () => {
  it('xdg-open on Linux, open on macOS, start (cmd) on Windows; BROWSER first everywhere', () => {
    const url = 'https://support.example.com/tickets/42?a=1&b=2';
    expect(browserCommand(url, {}, 'linux')).toEqual({ command: 'xdg-open', args: [url], foreground: false });
    expect(browserCommand(url, {}, 'freebsd').command).toBe('xdg-open');
    expect(browserCommand(url, {}, 'darwin')).toEqual({ command: 'open', args: [url], foreground: false });
    expect(browserCommand(url, {}, 'win32')).toEqual({
      command: 'cmd',
      args: ['/c', 'start', '""', 'https://support.example.com/tickets/42?a=1^&b=2'],
      foreground: false,
    });
    expect(browserCommand(url, { BROWSER: 'w3m' }, 'win32')).toEqual({ command: 'w3m', args: [url], foreground: true });
    expect(browserCommand(url, { BROWSER: '  ' }, 'darwin').command).toBe('open');
  });
});
