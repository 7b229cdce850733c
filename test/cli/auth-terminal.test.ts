// `tix auth login` in a real terminal (tmux, the built binary): a wrong password is typed again while the server
// and the e-mail are kept, in French, and the password never shows on the screen.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv, tixBin } from '../helpers/cli.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { skipUnless } from '../helpers/strict.ts';
import { openTerminal, type Terminal, tmuxAvailable } from '../helpers/tmux.ts';

let s: TestServer;
let term: Terminal | undefined;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());
afterEach(() => term?.close());

describe.skipIf(skipUnless(tmuxAvailable, 'tmux'))('tix auth login in a real terminal', () => {
  it('a wrong password is asked again, in French, keeping the server and the e-mail', async () => {
    const env = isolatedEnv({
      TERM: 'xterm-256color',
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
      LANG: 'fr_FR.UTF-8',
      NO_COLOR: '1',
      TIX_SERVER: s.url,
    });
    term = openTerminal([process.execPath, tixBin, 'auth', 'login', '--insecure-storage'], env);
    await term.waitFor(/Adresse du serveur/);
    term.keys('Enter'); // the default: TIX_SERVER
    await term.waitFor(/E-mail/);
    term.type('yann@demo.test');
    term.keys('Enter');
    await term.waitFor(/Mot de passe/);
    term.type('mauvais-mot-de-passe');
    term.keys('Enter');
    await term.waitFor(/retapez le mot de passe \(2 essais restants\)[\s\S]*Mot de passe/);
    term.type('demo-password');
    term.keys('Enter');
    expect(await term.exitCode()).toBe(0);
    const screen = term.screen();
    expect(screen).toMatch(/✗ adresse e-mail ou mot de passe incorrect pour yann@demo\.test/);
    expect(screen).toMatch(
      /✓ Connecté à http:\/\/127\.0\.0\.1:\d+ \(tix serve\) en tant que Yann Le Goff <yann@demo\.test> \(administrateur\)/,
    );
    expect(screen).toMatch(/! Le jeton est enregistré en clair/);
    // asked once each: the server and the e-mail were kept
    expect(screen.match(/Adresse du serveur/g)).toHaveLength(1);
    expect(screen.match(/E-mail/g)).toHaveLength(1);
    expect(screen).not.toContain('demo-password');
    expect(screen).not.toContain('mauvais-mot-de-passe');
  });
});
