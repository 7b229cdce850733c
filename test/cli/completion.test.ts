import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../../src/io/iostreams.ts';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { isolatedEnv, repoRoot, spawnTix, tempDir, tix } from '../helpers/cli.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { t as ticketText } from '../../src/commands/ticket/messages.ts';
import {
  available,
  bashComplete,
  fishComplete,
  fishDescribed,
  tixShim,
  zshComplete,
  zshDescribed,
  type Completed,
} from '../helpers/shells.ts';
import { skipUnless } from '../helpers/strict.ts';
import { openTerminal, tmuxAvailable } from '../helpers/tmux.ts';
import { closedPort, startStub } from '../helpers/stub.ts';

let s: TestServer;
let online: Env;
let offline: Env;
const ids: number[] = [];
let contactId: number;
beforeAll(async () => {
  s = await startTestServer();
  const token = await s.tokenFor('yann@demo.test');
  for (const summary of ['Payroll export: wrong totals', 'Add a dark theme']) {
    const r = await s.api('POST', '/tickets', {
      token,
      body: { type: 'question', establishment: est.paris.siret, fields: { summary, description: 'details' } },
    });
    ids.push(r.body.id);
  }
  const contact = await s.api('POST', '/contacts', {
    token,
    body: { type: 'technical', name: 'Équipe technique', emails: ['tech@demo.test'] },
  });
  contactId = contact.body.id;
  const path = `${tixShim()}:${process.env.PATH}`;
  online = isolatedEnv({ PATH: path, TIX_SERVER: s.url, TIX_TOKEN: token });
  offline = isolatedEnv({ PATH: path, TIX_SERVER: `http://127.0.0.1:${await closedPort()}`, TIX_TOKEN: token });
});
afterAll(() => s.close());

const shells = ['bash', 'zsh', 'fish'] as const;

describe('tix completion SHELL', () => {
  it.each(shells)(
    '%s: the committed completions/ file is what the command prints (run npm run completions when this fails)',
    async (shell) => {
      const r = await tix(['completion', shell]);
      expect(r.code).toBe(0);
      expect(r.stdout, `completions/tix.${shell} is stale: run npm run completions`).toBe(
        readFileSync(join(repoRoot, 'completions', `tix.${shell}`), 'utf8'),
      );
    },
  );

  it('refuses another shell, naming the ones it knows (exit 2)', async () => {
    const r = await tix(['completion', 'powershell']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bash, zsh, fish/);
  });

  it('is generated from the whole tree, whatever the arguments select', async () => {
    const r = await tix(['--profile', 'x', 'completion', 'bash']);
    // statuses depend on the profile's helpdesk: asked of tix __complete statuses
    expect(r.stdout).toContain("'ticket list/--status') _tix_dynamic statuses");
    expect(r.stdout).toContain("'config set/#2')");
    expect(r.stdout).not.toContain('__complete)');
  });
});

describe('tix __complete (what the scripts ask for)', () => {
  it('prints recent ticket ids with their summaries, and request types', async () => {
    const r = await tix(['__complete', 'ticket-ids'], { env: online });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${ids[0]}\tPayroll export: wrong totals (sent)\n`);
    const types = await tix(['__complete', 'types'], { env: online });
    expect(types.stdout).toMatch(/^incident\t.+$/m);
  });

  it("prints the profile's statuses with their categories, then the categories, without asking the server", async () => {
    const r = await tix(['__complete', 'statuses'], { env: offline });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      'sent\tnew',
      'answered\twaiting',
      'open\topen',
      'resolved\tresolved',
      'closed\tclosed',
      'new\tany new status: nobody has answered yet',
      'waiting\tany waiting status: waiting on the customer',
    ]);
  });

  it('prints the saved profiles', async () => {
    const env = isolatedEnv();
    await tix(['auth', 'login', '--server', s.url, '--email', 'sarah@demo.test', '--password-stdin', '--insecure-storage'], {
      env,
      stdin: 'demo-password',
    });
    const r = await tix(['__complete', 'profiles'], { env });
    expect(r.stdout).toBe(`default\tsarah@demo.test on ${s.url}\n`);
  });

  it("prints the user's establishments (SIRETs with their names, then the names), contacts, and a type's fields", async () => {
    const r = await tix(['__complete', 'establishments'], { env: online });
    expect(r.stdout).toBe(
      `${est.lille.siret}\tÉcole Lille\n${est.paris.siret}\tÉcole Paris\nÉcole Lille\tSIRET ${est.lille.siret}\nÉcole Paris\tSIRET ${est.paris.siret}\n`,
    );
    expect((await tix(['__complete', 'contact-ids'], { env: online })).stdout).toBe(`${contactId}\tÉquipe technique (technical)\n`);
    const fields = await tix(['__complete', 'fields', '--type', 'incident'], { env: online });
    expect(fields.stdout).toMatch(/^severity=\tSeverity \(required\)$/m);
    expect(
      fields.stdout
        .split('\n')
        .filter(Boolean)
        .every((line) => /^\w+=\t/.test(line)),
    ).toBe(true);
    // once the word names a field: its values, English and stable, described in the reader's language
    const values = await tix(['__complete', 'fields', '--type', 'incident', '--', 'severity='], {
      env: { ...online, LANG: 'fr_FR.UTF-8' },
    });
    expect(values.stdout.split('\n').filter(Boolean)).toEqual([
      'severity=low\tFaible : une gêne mineure',
      'severity=medium\tMoyen : certains utilisateurs ou fonctionnalités sont touchés',
      'severity=high\tÉlevé : un processus clé est bloqué',
      'severity=critical\tCritique : le service est indisponible pour tous',
    ]);
    const boolean = await tix(['__complete', 'fields', '--type', 'incident', '--', 'gdprConsent='], { env: online });
    expect(boolean.stdout).toBe('gdprConsent=true\tyes\ngdprConsent=false\tno\n');
    // no --type on the line, an unknown type or field: nothing
    for (const args of [[], ['--type', 'nope'], ['--type', 'incident', '--', 'colour=']]) {
      const none = await tix(['__complete', 'fields', ...args], { env: online });
      expect({ code: none.code, stdout: none.stdout, stderr: none.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
    }
  });

  it('describes in the reader language, values unchanged', async () => {
    const fr = await tix(['__complete', 'statuses'], { env: { ...offline, TIX_LANG: 'fr' } });
    expect(fr.stdout).toMatch(/^new\ttout statut new : /m);
    const types = await tix(['__complete', 'types'], { env: { ...online, LANG: 'fr_FR.UTF-8' } });
    expect(types.stdout).toMatch(/^incident\tIncidents \(technical\)$/m);
  });

  it('prints nothing and exits 0 when offline, logged out, or facing a server that never answers', async () => {
    for (const env of [offline, isolatedEnv()]) {
      for (const what of ['establishments', 'contact-ids', 'fields']) {
        const r = await tix(['__complete', what, '--type', 'incident'], { env });
        expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
      }
      const r = await tix(['__complete', 'ticket-ids'], { env });
      expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
    }
    const silent = await startStub(() => undefined);
    try {
      // the server never answers: tix giving up on its own (QUICK_HTTP's short timeouts) is what lets this end;
      // how fast is a benchmark's question, not a test's
      const r = await spawnTix(['__complete', 'ticket-ids'], { env: { ...online, TIX_SERVER: silent.url } });
      expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
    } finally {
      await silent.close();
    }
  });
});

// The same questions to each shell. zsh runs its lines in one interactive session: compinit is slow to start.
type Ask = (lines: string[], env: Env) => Promise<Completed[]>;
const ask: Record<(typeof shells)[number], Ask> = {
  bash: (lines, env) => Promise.all(lines.map((l) => bashComplete(l, env))),
  zsh: zshComplete,
  fish: (lines, env) => Promise.all(lines.map((l) => fishComplete(l, env))),
};

/**
 * The same, for lines the server answers: `tix __complete` gives up after about 1.5 s by design, so on a loaded
 * machine a line may come back empty; such lines are asked again (twice at most). A line that never gets its
 * candidates still fails its test.
 */
async function askServer(shell: (typeof shells)[number], lines: string[], env: Env): Promise<Completed[]> {
  const results = await ask[shell](lines, env);
  for (let round = 0; round < 2; round++) {
    const empty = results.flatMap((r, i) => (r.candidates.length === 0 ? [i] : []));
    if (empty.length === 0) break;
    const again = await ask[shell](
      empty.map((i) => lines[i]!),
      env,
    );
    empty.forEach((i, k) => {
      results[i] = again[k]!;
    });
  }
  return results;
}

describe.each(shells)('completion in real %s', (shell) => {
  const skip = skipUnless(available[shell], shell);

  it.skipIf(skip)(
    'completes nouns, verbs (through aliases), flags and their values',
    async () => {
      const [nouns, tic, verbs, st, flags, status, keys, color, scope] = (
        await ask[shell](
          [
            'tix ',
            'tix tic',
            'tix ticket ',
            'tix tickets ls --st',
            'tix ticket list --',
            'tix ticket list --status ',
            'tix config set ',
            'tix config set color ',
            'tix token create --scope tickets:r',
          ],
          online,
        )
      ).map((r) => r.candidates);
      expect(nouns).toEqual(
        expect.arrayContaining([
          'ticket',
          'type',
          'token',
          'auth',
          'establishment',
          'config',
          'api',
          'completion',
          'help',
          'version',
          'serve',
          'notification',
        ]),
      );
      expect(nouns).not.toContain('__complete');
      expect(tic).toEqual(['ticket']);
      expect(verbs!.sort()).toEqual([
        'close',
        'create',
        'download',
        'list',
        'read',
        'reopen',
        'reply',
        'resolve',
        'subscribe',
        'unread',
        'unsubscribe',
        'view',
        'watch',
      ]);
      expect(st).toEqual(['--status']);
      expect(flags).toEqual(expect.arrayContaining(['--status', '--type', '--mine', '--json', '--limit', '--profile', '--help']));
      // tix serve's five statuses, and the categories every helpdesk shares
      expect(status!.sort()).toEqual(['answered', 'closed', 'new', 'open', 'resolved', 'sent', 'waiting']);
      expect(keys!.sort()).toEqual(['color', 'editor', 'lang', 'output', 'pager', 'profile']);
      expect(color!.sort()).toEqual(['always', 'auto', 'never']);
      // bash hands back the part after the ':' word break; the others complete the whole word
      expect(scope).toEqual([shell === 'bash' ? 'read' : 'tickets:read']);
    },
    90_000,
  );

  it.skipIf(skip)(
    'completes ticket ids and request types from the server, through tix __complete',
    async () => {
      const [view, close, type, more] = (
        await askServer(
          shell,
          ['tix ticket view ', 'tix ticket close ', 'tix ticket create --type inc', 'tix ticket list --status open '],
          online,
        )
      ).map((r) => r.candidates);
      expect(view!.sort()).toEqual(ids.map(String).sort());
      expect(close!.sort()).toEqual(ids.map(String).sort());
      expect(type).toEqual(['incident']);
      // --status takes several values: the next word is a status too
      expect(more).toEqual(expect.arrayContaining(['answered', 'closed']));
    },
    90_000,
  );

  it.skipIf(skip)(
    "completes --establishment (SIRETs and names), contact ids, and --field ids and values for the line's --type",
    async () => {
      const [establishment, siret, contacts, fieldIds, severity, high, none] = (
        await askServer(
          shell,
          [
            'tix ticket create --establishment ',
            `tix ticket list --establishment ${est.lille.siret.slice(0, -1)}`,
            'tix contact edit ',
            'tix ticket create --type incident --field ',
            'tix ticket create --type incident --field severity=',
            'tix ticket create --summary x --type incident --field severity=h',
            'tix ticket create --field severity=',
          ],
          online,
        )
      ).map((r) => r.candidates);
      // bash hands back a name as a shell word; the others quote it themselves
      const name = (n: string) => (shell === 'bash' ? n.replace(' ', '\\ ') : n);
      expect(establishment!.sort()).toEqual([est.paris.siret, est.lille.siret, name('École Lille'), name('École Paris')].sort());
      expect(siret).toEqual([est.lille.siret]);
      expect(contacts).toEqual([String(contactId)]);
      expect(fieldIds).toEqual(expect.arrayContaining(['severity=', 'url=', 'gdprConsent=']));
      // bash completes the part after its '=' word break; the others the whole word
      const value = (v: string) => (shell === 'bash' ? v : `severity=${v}`);
      expect(severity!.sort()).toEqual(['critical', 'high', 'low', 'medium'].map(value).sort());
      expect(high).toEqual([value('high')]);
      expect(none).toEqual([]);
    },
    90_000,
  );

  it.skipIf(skip)(
    'offers nothing, prints nothing and answers at once when the server is unreachable',
    async () => {
      const results = await ask[shell](
        ['tix ticket view ', 'tix ticket create --establishment ', 'tix contact remove ', 'tix ticket create --type incident --field sev'],
        offline,
      );
      for (const r of results) {
        expect(r.candidates).toEqual([]);
        expect(r.stderr).not.toMatch(/error|tix/i);
      }
    },
    90_000,
  );
});

// zsh and fish show what each candidate does: in the reader's language (the script carries both, chosen by
// TIX_LANG, tix config's lang, LC_ALL, LC_MESSAGES, LANG), the candidates themselves unchanged
describe('descriptions in the reader language', () => {
  const { en, fr } = ticketText.messages;
  const described = {
    zsh: (env: Env) => zshDescribed('_tix_commands', 'ticket', env),
    fish: (env: Env) => fishDescribed('tix ticket ', env),
  };
  describe.each(['zsh', 'fish'] as const)('%s', (shell) => {
    const skip = skipUnless(available[shell], shell);
    it.skipIf(skip)('French under LANG=fr_FR.UTF-8, TIX_LANG=fr or tix config lang fr; English under LANG=C.UTF-8', async () => {
      const config = tempDir('tix-lang-');
      writeFileSync(join(config, 'config.json'), '{\n  "lang": "fr"\n}\n');
      const french = [
        isolatedEnv({ LANG: 'fr_FR.UTF-8' }),
        isolatedEnv({ LANG: 'C.UTF-8', TIX_LANG: 'fr' }),
        isolatedEnv({ LANG: 'C.UTF-8', TIX_CONFIG_DIR: config }),
      ];
      for (const env of french) {
        const items = new Map(await described[shell](env));
        expect(items.get('list'), JSON.stringify(env)).toBe(fr['list.description']);
      }
      const english = [
        isolatedEnv({ LANG: 'C.UTF-8' }),
        isolatedEnv({ LANG: 'fr_FR.UTF-8', TIX_LANG: 'en' }),
        isolatedEnv({ LANG: 'de_DE.UTF-8' }),
      ];
      for (const env of english) {
        const items = await described[shell](env);
        expect(new Map(items).get('list'), JSON.stringify(env)).toBe(en['list.description']);
        // the same candidates in both languages
        expect(items.map(([value]) => value)).toEqual((await described[shell](french[0]!)).map(([value]) => value));
      }
    });
  });
});

// What the drivers above cannot show: readline itself, with an establishment's name to escape (bash hands the
// completion function "École\ L", backslash included).
describe('bash readline in a real terminal', () => {
  it.skipIf(skipUnless(available.bash && tmuxAvailable, 'bash and tmux'))(
    "completes an establishment's name as an escaped word, and takes it back escaped",
    async () => {
      const rc = join(tempDir('tix-bashrc-'), 'rc');
      writeFileSync(rc, `source '${join(repoRoot, 'completions', 'tix.bash')}'\nPS1='$ '\n`);
      const term = openTerminal(['bash', '--noprofile', '--rcfile', rc, '-i'], { ...online, TERM: 'xterm-256color' });
      try {
        await term.waitFor(/^\$/m);
        // Tab again when tix __complete gave up (it does after 1.5 s, which a loaded machine can reach)
        const tab = async (shown: RegExp) => {
          for (let attempt = 1; ; attempt++) {
            term.keys('Tab');
            try {
              return await term.waitFor(shown, 10_000);
            } catch (err) {
              if (attempt === 3) throw err;
            }
          }
        };
        term.type('tix ticket list --establishment Éc');
        // tmux drops trailing blanks from the screen: a typed "|" shows where the cursor stood
        await tab(/--establishment École\\$/m);
        term.type('L');
        await tab(/--establishment École\\ Lille$/m);
        term.type('|');
        await term.waitFor(/--establishment École\\ Lille \|$/m);
      } finally {
        term.close();
      }
    },
    90_000,
  );
});
