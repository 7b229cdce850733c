// French and English for people, stable English for programs (issue 10 part 1): the language is chosen as
// documented, what people read changes with it, and what programs read (JSON, tab-separated rows, exit codes,
// error codes) is byte-identical in both. A static check keeps person-facing text in the catalogs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveLocale } from '../../src/core/i18n.ts';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { isolatedEnv, repoRoot, tix } from '../helpers/cli.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
let ticketId: number;
beforeAll(async () => {
  s = await startTestServer();
  const env = await as('sarah');
  const r = await tix(
    ['ticket', 'create', '--type', 'question', '--summary', 'Où trouver mes factures ?', '--description', 'Merci', '--json', 'id'],
    { env },
  );
  ticketId = r.json().id;
  await s.api('POST', `/tickets/${ticketId}/messages`, { token: await s.tokenFor('agent@demo.test'), body: { body: 'Voici' } });
}, 60_000);
afterAll(() => s.close());

const as = async (user: string, extra: Record<string, string> = {}) =>
  isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: await s.tokenFor(`${user}@demo.test`), ...extra });
const french = { LANG: 'fr_FR.UTF-8', NO_COLOR: '1', TIX_PAGER: 'cat' };
const english = { LANG: 'C.UTF-8', NO_COLOR: '1', TIX_PAGER: 'cat' };

describe('the language', () => {
  it('comes from TIX_LANG, then tix config lang, then LC_ALL, LC_MESSAGES, LANG; English by default', () => {
    expect(resolveLocale({})).toBe('en');
    expect(resolveLocale({ LANG: 'fr_FR.UTF-8' })).toBe('fr');
    expect(resolveLocale({ LANG: 'fr_FR.UTF-8', LC_MESSAGES: 'C' })).toBe('en');
    expect(resolveLocale({ LANG: 'en_US.UTF-8', LC_ALL: 'fr_CA.UTF-8' })).toBe('fr');
    expect(resolveLocale({ LC_ALL: 'fr_FR.UTF-8' }, 'en')).toBe('en');
    expect(resolveLocale({ LC_ALL: 'en_GB.UTF-8', TIX_LANG: 'fr' }, 'en')).toBe('fr');
    expect(resolveLocale({ LANG: 'de_DE.UTF-8' })).toBe('en');
  });

  it('tix config set lang fr speaks French where the environment says English; TIX_LANG still wins', async () => {
    const env = await as('sarah', english);
    expect((await tix(['config', 'set', 'lang', 'fr'], { env })).code).toBe(0);
    const fr = await tix(['ticket', 'list', '--limit', '1'], { env, tty: true });
    expect(fr.stdout.split('\n')[0]).toMatch(/^N°\s+STATUT/);
    const en = await tix(['ticket', 'list', '--limit', '1'], { env: { ...env, TIX_LANG: 'en' }, tty: true });
    expect(en.stdout.split('\n')[0]).toMatch(/^ID\s+STATUS/);
    expect((await tix(['config', 'set', 'lang', 'de'], { env })).code).toBe(2);
  });
});

describe('people read French or English', () => {
  it('ticket view: labels, statuses, relative times and the conversation', async () => {
    const fr = await tix(['ticket', 'view', String(ticketId)], { env: await as('sarah', french), tty: true });
    expect(fr.stdout).toMatch(/Réponse disponible · Poser une question \(question\)/);
    expect(fr.stdout).toMatch(/1 message non lu/);
    expect(fr.stdout).toMatch(/Ouverte par .* · créée (il y a|maintenant)/);
    expect(fr.stdout).toMatch(/Consentement à la collecte et à l'utilisation des données : non/);
    expect(fr.stdout).toMatch(/\(support\) · .* ● nouveau/);
    const en = await tix(['ticket', 'view', String(ticketId)], { env: await as('sarah', english), tty: true });
    expect(en.stdout).toMatch(/answered · Ask a question \(question\)/);
    expect(en.stdout).toMatch(/1 unread message/);
    expect(en.stdout).toMatch(/Opened by .* · created (.* ago|now)/);
  });

  it('help: descriptions and examples in the reader language, flags unchanged', async () => {
    for (const args of [['ticket', 'list'], ['ticket', 'create'], ['ticket', 'reply'], ['inbox'], ['type', 'view']]) {
      const fr = await tix([...args, '--help'], { env: isolatedEnv(french) });
      const en = await tix([...args, '--help'], { env: isolatedEnv(english) });
      expect(fr.code).toBe(0);
      const options = (text: string) =>
        text
          .split('\n')
          .map((l) => /^\s+(-[-\w, <>[\].|]+?)\s{2,}(\S.*)$/.exec(l))
          .filter((m) => m !== null);
      const frOptions = options(fr.stdout);
      const enOptions = options(en.stdout);
      // the same flags, each described in its own language (help's own flag aside)
      expect(frOptions.map((m) => m[1])).toEqual(enOptions.map((m) => m[1]));
      frOptions.forEach((m, i) => {
        if (m[1] !== '-h, --help') expect(m[2], `${args.join(' ')} ${m[1]}`).not.toBe(enOptions[i]![2]);
      });
      expect(fr.stdout).toMatch(/Exemples :/);
      expect(en.stdout).toMatch(/Examples:/);
    }
  });

  it('errors: made by the CLI, and server codes rendered from their fields; the JSON line stays English', async () => {
    const fr = await tix(['ticket', 'view', '999999'], { env: await as('sarah', french) });
    const en = await tix(['ticket', 'view', '999999'], { env: await as('sarah', english) });
    expect(fr.code).toBe(3);
    expect(fr.stderr).toMatch(/^erreur : /);
    expect(en.stderr).toMatch(/^error: /);
    expect(fr.errorJson()).toEqual(en.errorJson());
    const badType = await tix(['ticket', 'create', '--type', 'incidnet', '--summary', 's', '--description', 'd'], {
      env: await as('sarah', french),
    });
    expect(badType.code).toBe(2);
    expect(badType.stderr).toMatch(/type de demande « incidnet » inconnu ; vouliez-vous dire incident \?/);
  });
  it('refusals worded from their reason: a token without the scope, an employee, in French; the JSON line unchanged', async () => {
    const token = (
      await s.api('POST', '/tokens', { token: await s.tokenFor('sarah@demo.test'), body: { name: 'lecture', scopes: ['tickets:read'] } })
    ).body.token as string;
    const reply = ['ticket', 'reply', String(ticketId), '--body', 'x'];
    const fr = await tix(reply, { env: isolatedEnv({ ...french, TIX_SERVER: s.url, TIX_TOKEN: token }) });
    const en = await tix(reply, { env: isolatedEnv({ ...english, TIX_SERVER: s.url, TIX_TOKEN: token }) });
    expect(fr.code).toBe(4);
    expect(fr.stderr).toMatch(
      /^erreur : ce jeton n’a pas la portée tickets:write ; créez-en un avec : tix token create --name NOM --scope tickets:write$/m,
    );
    expect(en.stderr).toMatch(
      /^error: this token lacks the tickets:write scope; create one with: tix token create --name NAME --scope tickets:write$/m,
    );
    expect(fr.errorJson()).toEqual(en.errorJson());
    expect(en.errorJson()).toMatchObject({ code: 'forbidden', exitCode: 4, reason: 'missing_scope', scopes: ['tickets:write'] });
    const employee = await tix(['ticket', 'list'], { env: await as('eve', french) });
    expect(employee.code).toBe(4);
    expect(employee.stderr).toMatch(/^erreur : votre compte n'administre aucun établissement/m);
  });
});

describe('programs read the same bytes in both languages', () => {
  it('JSON, tab-separated rows and error lines are byte-identical', async () => {
    for (const args of [
      ['ticket', 'list'],
      ['ticket', 'list', '--json'],
      ['ticket', 'view', String(ticketId), '--json'],
      ['type', 'list'],
      ['type', 'view', 'incident'],
      ['inbox', '--by', 'establishment'],
      ['inbox', '--json'],
      ['ticket', 'list', '--status', 'nope'],
      ['ticket', 'create', '--type', 'question', '--establishment', est.paris.siret],
    ]) {
      const fr = await tix(args, { env: await as('sarah', { ...french, TIX_NO_INPUT: '1' }) });
      const en = await tix(args, { env: await as('sarah', { ...english, TIX_NO_INPUT: '1' }) });
      expect(fr.code, args.join(' ')).toBe(en.code);
      expect(fr.stdout, args.join(' ')).toBe(en.stdout);
      if (en.code !== 0) expect(fr.errorJson(), args.join(' ')).toEqual(en.errorJson());
    }
  });
});

// Person-facing text written outside the catalogs: a literal English sentence as a command's description or
// an option's, in an error, or printed on stderr. Files not translated yet are listed with how many such
// strings they hold; the count may only go down (a new command starts at zero).
const untranslated: Record<string, number> = {};

const PERSON_FACING = [
  // .description('Some words') / .option('--x', 'some words') / .argument('<x>', 'some words')
  /\.(?:description|summary)\(\s*['"`][A-Za-z][^'"`]*\s[^'"`]*['"`]/g,
  /\.(?:option|requiredOption|argument)\(\s*['"`][^'"`]+['"`]\s*,\s*['"`][A-Za-z][^'"`]*\s[^'"`]*['"`]/g,
  // errors and lines for people with an English sentence in them
  /\b(?:usageError|notFoundError|authError|stateError|transientError|cancelledError)\(\s*['"`][^'"`]*[a-z]{3,} [a-z]{2,}/g,
  /\bio\.err\(\s*['"`][^'"`]*[A-Za-z]{3,} [a-z]{2,}/g,
  /\b(?:askText|askChoice|askConfirm|confirmOrCancel|askSecret)\(\s*\w+(?:\.io)?\s*,\s*['"`][A-Za-z]/g,
];

function bypasses(file: string): number {
  const text = readFileSync(join(repoRoot, file), 'utf8');
  return PERSON_FACING.reduce((n, re) => n + [...text.matchAll(re)].length, 0);
}

describe('person-facing text goes through the catalogs', () => {
  const files = (readdirSync(join(repoRoot, 'src/commands'), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('messages.ts'))
    .map((f) => `src/commands/${f}`)
    .concat(['src/cli/program.ts', 'src/cli/report.ts', 'src/cli/args.ts', 'src/cli/factory.ts', 'src/io/prompter.ts', 'src/io/editor.ts'])
    .concat(['src/io/files.ts', 'src/io/browser.ts', 'src/io/output.ts', 'src/core/catalog.ts', 'src/core/text.ts']);
  it.each(files)('%s', (file) => {
    const found = bypasses(file);
    const allowed = untranslated[file] ?? 0;
    expect(found, `${file}: English text outside the catalogs (${found}; allowed ${allowed})`).toBeLessThanOrEqual(allowed);
  });

  it('the check finds what it looks for', () => {
    const sample = [
      `cmd.description('List the request types')`,
      `.option('--all', 'every matching ticket')`,
      'throw usageError(`the reply is empty; nothing was sent`)',
      "io.err('Inbox zero: no unread messages.\\n')",
      "await askText(io, 'Your name')",
    ].join('\n');
    expect(PERSON_FACING.reduce((n, re) => n + [...sample.matchAll(re)].length, 0)).toBe(5);
    expect(PERSON_FACING.reduce((n, re) => n + [...`cmd.description(t(l, 'list.description'))`.matchAll(re)].length, 0)).toBe(0);
  });
});
