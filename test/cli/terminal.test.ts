import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { isolatedEnv, tix, tixBin } from '../helpers/cli.ts';
import { startFaultProxy } from '../helpers/fault-proxy.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { allTickets } from '../helpers/store-facts.ts';
import { skipUnless } from '../helpers/strict.ts';
import { openTerminal, tmuxAvailable, type Terminal } from '../helpers/tmux.ts';

// The real binary in a real terminal (tmux): raw-mode prompts, arrow keys, masked input, the pager.
let s: TestServer;
let term: Terminal | undefined;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());
afterEach(() => term?.close());

describe.skipIf(skipUnless(tmuxAvailable, 'tmux'))('in a real terminal', () => {
  it('logs in with a masked password, then files an incident chosen from the menus', async () => {
    const env = isolatedEnv({ TERM: 'xterm-256color', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' });
    term = openTerminal([process.execPath, tixBin, 'auth', 'login', '--server', s.url, '--insecure-storage'], env);
    await term.waitFor(/E-mail/);
    term.type('yann@demo.test');
    term.keys('Enter');
    await term.waitFor(/Password/);
    term.type('demo-password');
    term.keys('Enter');
    expect(await term.exitCode()).toBe(0);
    const screen = term.screen();
    expect(screen).not.toContain('demo-password');
    expect(screen).toMatch(/Password \*+/);
    expect(screen).toMatch(/Logged in to .* as Yann Le Goff/);
    term.close();

    term = openTerminal([process.execPath, tixBin, 'ticket', 'create'], env);
    await term.waitFor(/Establishment/);
    term.keys('Down', 'Enter'); // École Paris (Yann's establishments are listed by name)
    await term.waitFor(/Category/);
    term.keys('Down', 'Enter'); // technical
    await term.waitFor(/Request type/);
    term.keys('Down', 'Enter'); // incident
    await term.waitFor(/Summary/);
    term.type('Payroll export times out');
    term.keys('Enter');
    await term.waitFor(/Description/);
    term.type('The export of November payroll stops after 30 s.');
    term.keys('Enter');
    await term.waitFor(/Severity/);
    term.keys('Down', 'Down', 'Enter'); // high
    for (const label of [/URL \(optional\)/, /On behalf of/, /files to attach/]) {
      await term.waitFor(label);
      term.keys('Enter');
    }
    await term.waitFor(/GDPR consent/);
    term.type('y');
    term.keys('Enter');
    await term.waitFor(/Share with account manager/);
    term.keys('Enter');
    await term.waitFor(/About to file this request \(Incident\) for École Paris[\s\S]*Send this request\?/);
    term.type('y');
    term.keys('Enter');
    expect(await term.exitCode()).toBe(0);
    expect(term.screen()).toMatch(/Filed ticket #\d+: Payroll export times out \(Incident, École Paris\)/);

    const list = await s.api('GET', '/tickets?search=payroll%20export', { token: await s.tokenFor('yann@demo.test') });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      type: 'incident',
      establishment: { siret: est.paris.siret },
      fields: { severity: 'high', gdprConsent: true },
    });
  });

  it('in French: the menus, the questions, the checks, the confirmation and the list read French', async () => {
    const token = await s.tokenFor('yann@demo.test');
    const env = isolatedEnv({ TERM: 'xterm-256color', TIX_SERVER: s.url, TIX_TOKEN: token, LANG: 'fr_FR.UTF-8', NO_COLOR: '1' });
    term = openTerminal([process.execPath, tixBin, 'ticket', 'create'], env);
    await term.waitFor(/Établissement/);
    term.keys('Down', 'Enter'); // École Paris
    await term.waitFor(/Catégorie[\s\S]*Renseignements généraux/);
    term.keys('Down', 'Enter'); // technical
    await term.waitFor(/Type de demande[\s\S]*Incidents/);
    term.keys('Down', 'Enter'); // incident
    await term.waitFor(/Résumé/);
    term.keys('Enter'); // nothing typed: the check answers in French
    await term.waitFor(/obligatoire : saisissez une réponse/);
    term.type('Export de la paie en échec');
    term.keys('Enter');
    await term.waitFor(/Description/);
    term.type("L'export s'arrête après 30 s.");
    term.keys('Enter');
    await term.waitFor(/Gravité[\s\S]*Faible : une gêne mineure/);
    term.keys('Down', 'Down', 'Enter'); // high
    for (const label of [/URL \(facultatif\)/, /Faites cette demande au nom de/, /fichiers à joindre/]) {
      await term.waitFor(label);
      term.keys('Enter');
    }
    await term.waitFor(/Consentement/);
    term.type('o');
    term.keys('Enter');
    await term.waitFor(/Partager avec votre gestionnaire de compte/);
    term.keys('Enter');
    await term.waitFor(/Demande « Incidents » prête à être déposée pour École Paris[\s\S]*Envoyer cette demande \?/);
    term.type('o');
    term.keys('Enter');
    expect(await term.exitCode()).toBe(0);
    expect(term.screen()).toMatch(/Demande #\d+ déposée : Export de la paie en échec \(Incidents, École Paris\)/);
    term.close();

    term = openTerminal([process.execPath, tixBin, 'ticket', 'list', '--search', 'paie'], env);
    expect(await term.exitCode()).toBe(0);
    expect(term.screen()).toMatch(/N°\s+STATUT\s+TYPE\s+RÉSUMÉ[\s\S]*Message envoyé\s+incident\s+Export de la paie en échec/);
  });

  it('Ctrl-C at a prompt cancels with exit 130 and files nothing', async () => {
    const env = isolatedEnv({ TERM: 'xterm-256color', TIX_SERVER: s.url, TIX_TOKEN: await s.tokenFor('sarah@demo.test') });
    const before = (await allTickets(s.store)).length;
    term = openTerminal([process.execPath, tixBin, 'ticket', 'create', '--type', 'question'], env);
    await term.waitFor(/Summary/);
    term.type('Half written');
    term.keys('C-c');
    expect(await term.exitCode()).toBe(130);
    expect((await allTickets(s.store)).length).toBe(before);
  });

  it('Ctrl-C at a menu erases the menu: the error is the last word, as for any other error', async () => {
    const env = isolatedEnv({ TERM: 'xterm-256color', TIX_SERVER: s.url, TIX_TOKEN: await s.tokenFor('yann@demo.test') });
    term = openTerminal([process.execPath, tixBin, 'ticket', 'create'], env);
    await term.waitFor(/Establishment[\s\S]*École Paris[\s\S]*navigate/);
    term.keys('C-c');
    expect(await term.exitCode()).toBe(130);
    // before: the menu stayed drawn above the error, its choices and key hints included
    expect(term.screen().trim()).toBe('error: cancelled; nothing was sent or changed');
  });

  it('Ctrl-C at the final question keeps the answers for --recover', async () => {
    const env = isolatedEnv({ TERM: 'xterm-256color', TIX_SERVER: s.url, TIX_TOKEN: await s.tokenFor('sarah@demo.test') });
    const args = ['ticket', 'create', '--type', 'question', '--summary', 'Almost sent', '--description', 'd'];
    term = openTerminal([process.execPath, tixBin, ...args, '--field', 'gdprConsent=no', '--field', 'shareWithAccountManager=no'], env);
    for (const label of [/On behalf of/, /files to attach/]) {
      await term.waitFor(label);
      term.keys('Enter');
    }
    await term.waitFor(/Send this request\?/);
    term.keys('C-c');
    expect(await term.exitCode()).toBe(130);
    expect(term.screen()).toMatch(/Your answers are kept: tix ticket create --recover reopens them\.\nerror: cancelled/);
    const dry = await tix(['ticket', 'create', '--recover', '--dry-run'], { env });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.json()).toMatchObject({ type: 'question', fields: { summary: 'Almost sent', description: 'd' } });
  });

  it('Ctrl-C while the request is being sent keeps it; --recover sends it again with the same key, filing it once', async () => {
    const proxy = await startFaultProxy(s.url);
    try {
      const summary = `Interrupted send ${Math.random().toString(36).slice(2, 8)}`;
      const token = await s.tokenFor('sarah@demo.test');
      const env = isolatedEnv({ TERM: 'xterm-256color', TIX_SERVER: proxy.url, TIX_TOKEN: token });
      // the create is held on its way to the helpdesk, long enough for the person to give up
      proxy.inject(/^POST \/api\/v1\/tickets$/, [{ kind: 'delay', ms: 120_000 }]);
      const args = ['ticket', 'create', '--type', 'question', '--summary', summary, '--description', 'Sent, then interrupted'];
      term = openTerminal([process.execPath, tixBin, ...args, '--field', 'gdprConsent=no', '--field', 'shareWithAccountManager=no'], env);
      for (const label of [/On behalf of/, /files to attach/]) {
        await term.waitFor(label);
        term.keys('Enter');
      }
      await term.waitFor(/Send this request\?/);
      term.type('y');
      term.keys('Enter');
      for (const deadline = Date.now() + 20_000; proxy.seen(/^POST \/api\/v1\/tickets$/).length === 0; ) {
        if (Date.now() > deadline)
          throw new Error(`the create never left:\n${term.screen()}\n${proxy.connections.map((c) => c.request).join('\n')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      term.keys('C-c');
      expect(await term.exitCode(30_000)).toBe(130);
      expect(term.screen()).toMatch(/Your answers are kept: tix ticket create --recover reopens them\./);
      // (the held request never reaches the helpdesk before the test ends; had it, the same key would answer with its ticket)
      const kept = await tix(['ticket', 'create', '--recover', '--json', 'summary'], { env });
      expect(kept.code, kept.stderr).toBe(0);
      expect(kept.json().summary).toBe(summary);
      expect((await allTickets(s.store)).filter((t) => t.summary === summary)).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  }, 90_000);

  it('pages a long conversation through less, in colour', async () => {
    const token = await s.tokenFor('sarah@demo.test');
    const created = await s.api('POST', '/tickets', {
      token,
      body: {
        type: 'question',
        fields: { summary: 'Long conversation', description: Array.from({ length: 80 }, (_, i) => `line ${i + 1}`).join('\n') },
      },
    });
    const env = isolatedEnv({ TERM: 'xterm-256color', TIX_SERVER: s.url, TIX_TOKEN: token, PAGER: 'less' });
    term = openTerminal([process.execPath, tixBin, 'ticket', 'view', String(created.body.id)], env);
    await term.waitFor(/#\d+ Long conversation[\s\S]*line 30/);
    expect(term.screen()).not.toMatch(/line 80/);
    term.keys('G'); // to the end, in less
    await term.waitFor(/line 80/);
    term.keys('q');
    expect(await term.exitCode()).toBe(0);
  });
});
