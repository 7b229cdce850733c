// `tix auth`, `tix version`, `tix api`, `tix serve` and the `tix help` topics in French and English (issue 10
// part 1): help, errors, status lines and start-up lines change with the language; JSON, exit codes and the
// JSON error line do not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t as helpText } from '../../src/commands/help.messages.ts';
import { exitCodeMeanings } from '../../src/core/errors.ts';
import { isolatedEnv, tix } from '../helpers/cli.ts';
import { startServe } from '../helpers/serve-process.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const french = { LANG: 'fr_FR.UTF-8', NO_COLOR: '1' };
const english = { LANG: 'C.UTF-8', NO_COLOR: '1' };

/** The option lines of a help page: flags, and what they say. */
const options = (text: string) =>
  text
    .split('\n')
    .map((l) => /^\s+(-[-\w, <>[\].|=]+?)\s{2,}(\S.*)$/.exec(l))
    .filter((m) => m !== null);

describe('help in the reader language', () => {
  it.each(['auth login', 'auth logout', 'auth status', 'auth token', 'version', 'api', 'serve', 'help'])(
    'tix %s --help: the description and every option in French, the same flags',
    async (command) => {
      const words = command.split(' ');
      const fr = await tix([...words, '--help'], { env: isolatedEnv(french) });
      const en = await tix([...words, '--help'], { env: isolatedEnv(english) });
      expect(fr.code).toBe(0);
      const frOptions = options(fr.stdout);
      const enOptions = options(en.stdout);
      expect(frOptions.map((m) => m[1])).toEqual(enOptions.map((m) => m[1]));
      expect(frOptions.length).toBeGreaterThan(0);
      frOptions.forEach((m, i) => {
        if (m[1] !== '-h, --help') expect(m[2], `${words.join(' ')} ${m[1]}`).not.toBe(enOptions[i]![2]);
      });
      // the description line (after the usage line and a blank) differs too
      expect(fr.stdout.split('\n')[2]).not.toBe(en.stdout.split('\n')[2]);
      expect(fr.stdout).toMatch(/Exemples :/);
    },
  );

  it('tix auth login --help: the example comments in French', async () => {
    const fr = await tix(['auth', 'login', '--help'], { env: isolatedEnv(french) });
    expect(fr.stdout).toMatch(/# pas de trousseau sur cette machine/);
    expect(fr.stdout).toMatch(/--insecure-storage\s+garder le jeton dans un fichier en clair/);
  });
});

describe('help topics', () => {
  it('exit-codes and environment in French and English; the codes and variable names the same', async () => {
    for (const topic of ['exit-codes', 'environment']) {
      const fr = await tix(['help', topic], { env: isolatedEnv(french) });
      const en = await tix(['help', topic], { env: isolatedEnv(english) });
      expect(fr.code).toBe(0);
      const keys = (text: string) => text.split('\n').map((l) => /^\s+(\S+)\s{2,}/.exec(l)?.[1]);
      expect(keys(fr.stdout)).toEqual(keys(en.stdout));
      expect(fr.stdout).not.toBe(en.stdout);
    }
    const fr = await tix(['help', 'exit-codes'], { env: isolatedEnv(french) });
    expect(fr.stdout).toMatch(/^Codes de sortie \(stables ; les scripts peuvent compter dessus\) :\n/);
    expect(fr.stdout).toMatch(/\s4 {2}pas connecté, jeton refusé, ou pas autorisé\n/);
    const env = await tix(['help', 'environment'], { env: isolatedEnv(french) });
    expect(env.stdout).toMatch(/TIX_LANG\s+fr ou en : la langue que lisent les personnes/);
  });

  it("the exit codes' English is the table of src/core/errors.ts", () => {
    for (const e of exitCodeMeanings) expect(helpText('en', `exit.${e.name}`)).toBe(e.meaning);
  });

  it('an unknown topic: the error in the reader language, the same JSON line', async () => {
    const fr = await tix(['help', 'nope'], { env: isolatedEnv(french) });
    const en = await tix(['help', 'nope'], { env: isolatedEnv(english) });
    expect(fr.code).toBe(2);
    expect(fr.stderr).toMatch(/^erreur : aucun sujet d'aide ni commande « nope » ; sujets : exit-codes, environment/);
    expect(en.stderr).toMatch(/^error: no help topic or command "nope"/);
    expect(fr.errorJson()).toEqual(en.errorJson());
  });
});

describe('tix auth status, token and logout', () => {
  it('status lines in French; --json and tix auth token byte-identical', async () => {
    const token = await s.tokenFor('yann@demo.test');
    const env = (lang: Record<string, string>) => isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: token, ...lang });
    const fr = await tix(['auth', 'status'], { env: env(french) });
    expect(fr.code).toBe(0);
    expect(fr.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+ \(profil default, fournisseur tix : tix serve\)\n/);
    expect(fr.stdout).toMatch(/✓ Connecté en tant que Yann Le Goff <yann@demo\.test>, administrateur chez /);
    expect(fr.stdout).toMatch(/Établissements : École Lille \(\d{14}\), École Paris/);
    expect(fr.stdout).toMatch(/Jeton : session venant de TIX_TOKEN, expire le \d+ \S+ \d{4}/);
    expect(fr.stdout).toMatch(/Portées : toutes/);
    const en = await tix(['auth', 'status'], { env: env(english) });
    expect(en.stdout).toMatch(/✓ Logged in as Yann Le Goff <yann@demo\.test>, admin at /);
    expect(en.stdout).toMatch(/Token: session from TIX_TOKEN, expires /);
    for (const args of [
      ['auth', 'status', '--json'],
      ['auth', 'token'],
      ['version', '--json'],
    ]) {
      const a = await tix(args, { env: env(french) });
      const b = await tix(args, { env: env(english) });
      expect(a.code, args.join(' ')).toBe(0);
      expect(a.stdout, args.join(' ')).toBe(b.stdout);
    }
  });

  it('a rejected token: the error in French, the JSON line the same', async () => {
    const env = (lang: Record<string, string>) => isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: 'tixs_forged', ...lang });
    const fr = await tix(['auth', 'status'], { env: env(french) });
    const en = await tix(['auth', 'status'], { env: env(english) });
    expect(fr.code).toBe(4);
    expect(en.code).toBe(4);
    expect(fr.stderr).toMatch(/^erreur : /);
    expect(fr.errorJson()).toEqual(en.errorJson());
    const logout = await tix(['auth', 'logout'], { env: env(french) });
    expect(logout.code).toBe(2);
    expect(logout.stderr).toMatch(/^erreur : le jeton vient de TIX_TOKEN, que tix ne peut pas oublier/);
  });

  it('login errors made by the CLI in French: a server that is not a URL, missing input without a terminal', async () => {
    const bad = await tix(['auth', 'login', '--server', 'localhost:8787', '--with-token'], { env: isolatedEnv(french), stdin: 'x' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^erreur : --server : une adresse avec son protocole est attendue, par exemple http:\/\/localhost:8787/);
    const missing = await tix(['auth', 'login', '--server', s.url], { env: isolatedEnv(french) });
    const missingEn = await tix(['auth', 'login', '--server', s.url], { env: isolatedEnv(english) });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /impossible de se connecter sans terminal[^\n]*\n\s+--email: l'adresse e-mail du compte est obligatoire/,
    );
    expect(missing.errorJson()).toEqual(missingEn.errorJson());
  });
});

describe('tix api in French', () => {
  it('its own errors in French, the JSON error line and the answer unchanged', async () => {
    const token = await s.tokenFor('sarah@demo.test');
    const env = (lang: Record<string, string>) => isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: token, ...lang });
    const fr = await tix(['api', '-X', 'POST', '--paginate', 'tickets'], { env: env(french) });
    const en = await tix(['api', '-X', 'POST', '--paginate', 'tickets'], { env: env(english) });
    expect(fr.code).toBe(2);
    expect(fr.stderr).toMatch(/^erreur : --paginate suit les pages d'un GET/);
    expect(fr.errorJson()).toEqual(en.errorJson());
    const badField = await tix(['api', 'me', '-f', 'novalue'], { env: env(french) });
    expect(badField.stderr).toMatch(/^erreur : --field : key=value est attendu, reçu « novalue »/);
    const me = [await tix(['api', 'me'], { env: env(french) }), await tix(['api', 'me'], { env: env(english) })];
    expect(me[0]!.code).toBe(0);
    expect(JSON.parse(me[0]!.stdout).user.email).toBe('sarah@demo.test');
    expect(JSON.parse(me[0]!.stdout)).toEqual(JSON.parse(me[1]!.stdout));
  });
});

describe('tix serve in French', () => {
  it('the start-up lines in French, the "listening on" line the same in both languages', async () => {
    const env = isolatedEnv(french);
    const server = await startServe(['--port', '0', '--db', ':memory:', '--demo'], env);
    try {
      const text = server.stderr();
      expect(text).toMatch(/organisation de démonstration chargée ; le mot de passe de chaque utilisateur est demo-password\n/);
      expect(text).toMatch(/ {2}agent@demo\.test {2}agent du support\n/);
      expect(text).toMatch(/essayez : tix auth login --server http:\/\/127\.0\.0\.1:\d+ --email yann@demo\.test\n/);
      expect(text).toMatch(/pas de serveur SMTP \(--smtp ou TIX_SMTP_URL\)/);
      expect(text).toMatch(/\ntix serve: listening on http:\/\/127\.0\.0\.1:\d+ \(database: :memory:\)\n$/);
      expect(await server.stop()).toBe(0);
      expect(server.stderr()).toMatch(/tix serve : arrêt\n$/);
    } finally {
      await server.stop();
    }
  });

  it('its usage errors in French, the JSON line the same', async () => {
    const fr = await tix(['serve', '--port', 'x'], { env: isolatedEnv(french) });
    const en = await tix(['serve', '--port', 'x'], { env: isolatedEnv(english) });
    expect(fr.code).toBe(2);
    expect(fr.stderr).toMatch(/^erreur : --port doit être un nombre de 0 à 65535, reçu « x »/);
    expect(en.stderr).toMatch(/^error: --port must be a number from 0 to 65535, got "x"/);
    expect(fr.errorJson()).toEqual(en.errorJson());
    const mail = await tix(['serve', '--mail-from', 'nobody'], { env: isolatedEnv(french) });
    expect(mail.stderr).toMatch(/^erreur : --mail-from : « nobody » : ce n'est pas une adresse e-mail valide/);
  });
});
