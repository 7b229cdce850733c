// The administration commands in French and English (issue 10 part 1): `tix contact`, `token`, `settings`,
// `config` and `establishment list` speak the reader's language (help, tables, prompts, confirmations, errors),
// and what programs read (JSON, tab-separated rows, exit codes, the JSON error line) is byte-identical in both.
// Also `token create --expires-in` in human durations, checked against the server's maximum (part 3).
import { screen } from '@inquirer/testing/vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { isolatedEnv, type Result, tempDir, tix } from '../helpers/cli.ts';
import { waitFor } from '../helpers/prompts.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
let dir: string;
beforeAll(async () => {
  s = await startTestServer();
  dir = tempDir();
}, 60_000);
afterAll(() => s.close());

// each test starts from the demo company without contacts
beforeEach(async () => {
  const company = (await s.store.identity.companyBySiren('812345676'))!;
  await s.store.contacts.applyContacts(company.id, (current) => ({ add: [], change: [], remove: current.map((c) => c.id) }), {
    at: new Date().toISOString(),
    dryRun: false,
  });
});

const french = { LANG: 'fr_FR.UTF-8', NO_COLOR: '1', COLUMNS: '200' };
const english = { LANG: 'C.UTF-8', NO_COLOR: '1', COLUMNS: '200' };
const as = async (user: string, lang: Record<string, string>) =>
  isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: await s.tokenFor(`${user}@demo.test`), ...lang });

async function addOps(): Promise<number> {
  const r = await tix(
    [
      'contact',
      'add',
      '--type',
      'technical',
      '--name',
      'Ops team',
      '--email',
      'ops@ecoles-demo.fr',
      '--phone',
      '+33612345678',
      '--json',
      'id',
    ],
    { env: await as('yann', english) },
  );
  expect(r.code, r.stderr).toBe(0);
  return r.json().id;
}

/** The option lines of a help text: flags, then description. */
const options = (text: string) =>
  text
    .split('\n')
    .map((l) => /^\s+(-[-\w, <>[\].|]+?)\s{2,}(\S.*)$/.exec(l))
    .filter((m) => m !== null);

describe('help', () => {
  it.each([
    ['contact', 'list'],
    ['contact', 'add'],
    ['contact', 'edit'],
    ['contact', 'remove'],
    ['contact', 'apply'],
    ['token', 'create'],
    ['token', 'list'],
    ['token', 'revoke'],
    ['settings', 'list'],
    ['settings', 'set'],
    ['config', 'list'],
    ['config', 'get'],
    ['config', 'set'],
    ['config', 'unset'],
    ['establishment', 'list'],
  ])('tix %s %s --help: description, options and examples in the reader language, flags unchanged', async (...args) => {
    const fr = await tix([...args, '--help'], { env: isolatedEnv(french) });
    const en = await tix([...args, '--help'], { env: isolatedEnv(english) });
    expect(fr.code).toBe(0);
    expect(en.code).toBe(0);
    const description = (text: string) => text.split('\n')[2];
    expect(description(fr.stdout)).not.toBe(description(en.stdout));
    const frOptions = options(fr.stdout);
    const enOptions = options(en.stdout);
    expect(frOptions.map((m) => m[1])).toEqual(enOptions.map((m) => m[1]));
    frOptions.forEach((m, i) => {
      if (m[1] !== '-h, --help') expect(m[2], `${args.join(' ')} ${m[1]}`).not.toBe(enOptions[i]![2]);
    });
    expect(fr.stdout).toMatch(/^Utilisation : tix /);
    expect(fr.stdout).toMatch(/\nExemples :\n {2}\$ tix /);
    expect(en.stdout).toMatch(/\nExamples:\n {2}\$ tix /);
    // example comments too
    const comments = (text: string) => text.split('\n').filter((l) => /^ {2}# /.test(l));
    comments(fr.stdout).forEach((line, i) => {
      expect(line).not.toBe(comments(en.stdout)[i]);
    });
  });

  it('contact types are named as the help centre names them, next to the values to type', async () => {
    const fr = await tix(['contact', 'add', '--help'], { env: isolatedEnv(french) });
    expect(fr.stdout.replace(/\s+/g, ' ')).toMatch(
      /commercial \(Commercial\), accounting \(Comptable\), technical \(Technique\), fraud \(Fraude\), chargebacks \(Litiges\)/,
    );
  });
});

describe('tix contact in French and English', () => {
  it('add, list, edit and remove: confirmations and tables in the reader language', async () => {
    const fr = await as('yann', french);
    const add = await tix(['contact', 'add', '--type', 'technical', '--name', 'Ops team', '--email', 'ops@ecoles-demo.fr'], { env: fr });
    expect(add.code, add.stderr).toBe(0);
    expect(add.stderr).toMatch(/^✓ Contact ajouté : n° (\d+) Technique « Ops team » <ops@ecoles-demo\.fr>\n$/);
    const id = /n° (\d+)/.exec(add.stderr)![1]!;

    const list = await tix(['contact', 'list'], { env: fr, tty: true });
    expect(list.stdout).toMatch(/^N°\s+TYPE\s+NOM\s+ADRESSES E-MAIL\s+TÉLÉPHONE\s+MIS À JOUR\n/);
    expect(list.stdout).toMatch(new RegExp(`\\n${id}\\s+Technique\\s+Ops team\\s+ops@ecoles-demo\\.fr\\s+(maintenant|il y a)`));
    const enList = await tix(['contact', 'list'], { env: await as('yann', english), tty: true });
    expect(enList.stdout).toMatch(/^ID\s+TYPE\s+NAME\s+EMAILS\s+PHONE\s+UPDATED\n/);
    expect(enList.stdout).toMatch(/\s+technical\s+Ops team/);

    const none = await tix(['contact', 'list', '--type', 'fraud'], { env: fr, tty: true });
    expect(none.stderr).toBe('Aucun contact Fraude. Ajoutez-en un avec : tix contact add\n');

    const edit = await tix(['contact', 'edit', id, '--add-email', 'noc@ecoles-demo.fr', '--phone', '+33 6 12 34 56 78'], { env: fr });
    expect(edit.stderr).toMatch(
      /^✓ Contact modifié : n° \d+ Technique « Ops team » <ops@ecoles-demo\.fr>, <noc@ecoles-demo\.fr> \+33612345678\n$/,
    );
    const nothing = await tix(['contact', 'edit', id], { env: fr });
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/^erreur : rien à modifier : indiquez --name/);
    expect(nothing.stderr).toMatch(/\nastuce : sur un terminal, tix contact edit \d+ demande les modifications\n/);

    const needsYes = await tix(['contact', 'remove', id], { env: fr });
    expect(needsYes.code).toBe(2);
    expect(needsYes.stderr).toMatch(/^erreur : supprimer le contact n° \d+ exige --yes/);
    const removed = await tix(['contact', 'remove', id, '--yes'], { env: fr });
    expect(removed.stderr).toBe(`✓ Contact supprimé : n° ${id}\n`);
  });

  it("the server's refusals read in the reader language; the JSON error line is the same in both", async () => {
    const id = await addOps();
    const again = ['contact', 'add', '--type', 'technical', '--name', 'OPS TEAM', '--email', 'x@ecoles-demo.fr'];
    const fr = await tix(again, { env: await as('yann', french) });
    const en = await tix(again, { env: await as('yann', english) });
    expect(fr.code).toBe(5);
    expect(fr.stderr).toContain(
      `erreur : il existe déjà un contact Technique nommé « Ops team » (n° ${id}) ; modifiez-le plutôt (tix contact edit ${id})`,
    );
    expect(en.stderr).toContain(
      `error: there is already a technical contact named "Ops team" (#${id}); change it instead (tix contact edit ${id})`,
    );
    expect(fr.errorJson()).toEqual(en.errorJson());
    expect(en.errorJson()).toMatchObject({ code: 'contact_exists', contactId: id, type: 'technical', name: 'Ops team' });

    const last = ['contact', 'edit', String(id), '--remove-email', 'ops@ecoles-demo.fr'];
    const frLast = await tix(last, { env: await as('yann', french) });
    const enLast = await tix(last, { env: await as('yann', english) });
    expect(frLast.code).toBe(2);
    expect(frLast.stderr).toMatch(/--remove-email: laisserait le contact sans adresse e-mail/);
    expect(enLast.stderr).toMatch(/--remove-email: would leave the contact without an e-mail address/);
    expect(frLast.errorJson()).toEqual(enLast.errorJson());
  });

  it('missing and bad fields are listed in the reader language', async () => {
    const fr = await tix(['contact', 'add', '--phone', '0612345678'], { env: await as('yann', french) });
    expect(fr.code).toBe(2);
    expect(fr.stderr).toMatch(/^erreur : impossible d'ajouter le contact/);
    expect(fr.stderr).toMatch(/ {2}--type: est obligatoire : commercial \(Commercial\)/);
    expect(fr.stderr).toMatch(/ {2}--name: est obligatoire : une personne ou une équipe/);
    expect(fr.stderr).toMatch(/ {2}--email: est obligatoire : une ou plusieurs adresses/);
    const bad = await tix(['contact', 'list', '--type', 'nope'], { env: await as('yann', french) });
    expect(bad.stderr).toMatch(/^erreur : --type : type de contact inconnu « nope »/);
  });

  it('apply: the plan, the dry run and the refusal without --yes in the reader language', async () => {
    await addOps();
    const file = join(dir, 'contacts.json');
    writeFileSync(file, JSON.stringify([{ type: 'fraud', name: 'Fraude', emails: ['fraude@ecoles-demo.fr'] }]));
    const dry = await tix(['contact', 'apply', '-f', file, '--dry-run'], { env: await as('yann', french) });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toMatch(/^\+ ajout Fraude « Fraude » <fraude@ecoles-demo\.fr>\n- suppression n° \d+ Technique « Ops team »/);
    expect(dry.stderr).toMatch(/\nsimulation : rien n'a été modifié\n$/);
    const changed = join(dir, 'changed.json');
    writeFileSync(changed, JSON.stringify([{ type: 'technical', name: 'Ops team', emails: ['ops@ecoles-demo.fr', 'noc@ecoles-demo.fr'] }]));
    const change = await tix(['contact', 'apply', '-f', changed, '--dry-run'], { env: await as('yann', french) });
    expect(change.stderr).toMatch(
      /^~ modification n° \d+ Technique « Ops team » : \+<noc@ecoles-demo\.fr> ; téléphone \+33612345678 → aucun\n/,
    );
    const refused = await tix(['contact', 'apply', '-f', file], { env: await as('yann', french) });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/erreur : ce plan supprime 1 contact, ce qui exige --yes sans terminal/);
    expect(refused.stderr).toMatch(/astuce : vérifiez le plan avec --dry-run/);
    const enRefused = await tix(['contact', 'apply', '-f', file], { env: await as('yann', english) });
    expect(refused.errorJson()).toEqual(enRefused.errorJson());
    const applied = await tix(['contact', 'apply', '-f', file, '--yes'], { env: await as('yann', french) });
    expect(applied.stderr).toMatch(/✓ Plan appliqué : ajouts : 1, modifications : 0, suppressions : 1\n$/);
  });

  it('a file that is not JSON: where it stops being JSON, in the reader language (not V8 English)', async () => {
    const cases: Array<[string, RegExp, RegExp]> = [
      ['[\n  {"type": "fraud",\n   name: "x"}\n]', /\(ligne 3, colonne 4\)/, /\(line 3, column 4\)/],
      ['[{"type": "fraud"},]', /\(« \] » inattendu\)/, /\(unexpected '\]'\)/],
      ['[{"type": "fraud"', /\(le texte s'arrête avant la fin du JSON\)/, /\(the text ends before the JSON does\)/],
    ];
    for (const [text, fr, en] of cases) {
      const file = join(dir, 'broken.json');
      writeFileSync(file, text);
      const inFrench = await tix(['contact', 'apply', '-f', file, '--dry-run'], { env: await as('yann', french) });
      expect(inFrench.code).toBe(2);
      expect(inFrench.stderr).toMatch(fr);
      expect(inFrench.stderr).toMatch(/n'est pas du JSON valide/);
      expect(inFrench.stderr.split('\n')[0]).not.toMatch(/Unexpected|Expected|position|JSON input/);
      const inEnglish = await tix(['ticket', 'create', '--from-json', file], { env: await as('yann', english) });
      expect(inEnglish.code).toBe(2);
      expect(inEnglish.stderr).toMatch(en);
    }
  });

  it('prompts, their checks and the confirmation in French', { timeout: 120_000 }, async () => {
    const run = tix(['contact', 'add', '--json', 'type,name,phone'], { env: await as('yann', french), tty: true });
    await waitFor(/Type de contact/, run);
    expect(screen.getScreen()).toMatch(/Commercial/);
    screen.keypress('down');
    screen.keypress('down');
    screen.keypress('enter'); // Technique
    await waitFor(/Nom \(une personne ou une équipe\)/, run);
    screen.type('Ops team');
    screen.keypress('enter');
    await waitFor(/Adresses e-mail/, run);
    screen.type('ops@ecoles-demo.fr, pas-une-adresse');
    screen.keypress('enter');
    await waitFor(/« pas-une-adresse » : /, run);
    for (let i = 0; i < ', pas-une-adresse'.length; i++) screen.keypress('backspace');
    screen.keypress('enter');
    await waitFor(/Téléphone \(facultatif/, run);
    screen.keypress('enter');
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ type: 'technical', name: 'Ops team', phone: null });

    screen.clear();
    const id = (await tix(['contact', 'list', '--json', 'id'], { env: await as('yann', english) })).json()[0].id;
    const remove = tix(['contact', 'remove', String(id)], { env: await as('yann', french), tty: true });
    await waitFor(
      new RegExp(
        `Supprimer le contact n° ${id} Technique « Ops team » <ops@ecoles-demo\\.fr> \\? La modification prend effet immédiatement\\.`,
      ),
      remove,
    );
    screen.keypress('enter'); // non par défaut
    const declined = await remove;
    expect(declined.code).toBe(130);
    expect(declined.stderr).toMatch(/^erreur : annulé/);
  });
});

describe('tix token in French and English', () => {
  it('create, list and revoke say what they did in the reader language', async () => {
    const fr = await as('yann', french);
    const created = await tix(['token', 'create', '--name', 'ci-fr', '--expires-in', '6w'], { env: fr });
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^tixp_\S+\n$/);
    expect(created.stderr).toMatch(
      /^✓ Jeton \d+ « ci-fr » créé \(tickets:read, tickets:write\), expire le .*2\d{3}.* : enregistrez-le comme secret\.\n$/,
    );
    const id = /Jeton (\d+)/.exec(created.stderr)![1]!;

    const list = await tix(['token', 'list'], { env: fr, tty: true });
    expect(list.stdout).toMatch(/^N°\s+NOM\s+PRÉFIXE\s+DROITS\s+ÉTAT\s+EXPIRATION\s+DERNIÈRE UTILISATION\n/);
    expect(list.stdout).toMatch(new RegExp(`\\n${id}\\s+ci-fr\\s+tixp_\\S+\\s+tickets:read,tickets:write\\s+actif\\s+\\S.*\\s+jamais`));
    const en = await tix(['token', 'list'], { env: await as('yann', english), tty: true });
    expect(en.stdout).toMatch(/^ID\s+NAME\s+PREFIX\s+SCOPES\s+STATE\s+EXPIRES\s+LAST USED\n/);
    expect(en.stdout).toMatch(/\s+active\s+\S.*\s+never/);

    const revoked = await tix(['token', 'revoke', id], { env: fr });
    expect(revoked.stderr).toBe(`✓ Jeton ${id} révoqué\n`);
    // piped rows keep the English state
    expect((await tix(['token', 'list'], { env: fr })).stdout).toMatch(new RegExp(`^${id}\\tci-fr\\t\\S+\\t\\S+\\trevoked\\t`, 'm'));
  });

  it('--expires-in takes human durations: minutes, hours, days, weeks, years', async () => {
    const env = await as('yann', english);
    const day = 86_400_000;
    for (const [text, ms] of [
      ['30m', 30 * 60_000],
      ['12h', 12 * 3_600_000],
      ['90d', 90 * day],
      ['90j', 90 * day],
      ['6w', 42 * day],
      ['1y', 365 * day],
    ] as const) {
      const before = Date.now();
      const r = await tix(['token', 'create', '--name', `life-${text}`, '--expires-in', text, '--json', 'expiresAt,createdAt'], { env });
      expect(r.code, `${text}: ${r.stderr}`).toBe(0);
      const { expiresAt, createdAt } = r.json();
      expect(Date.parse(expiresAt) - Date.parse(createdAt), text).toBe(ms);
      expect(Date.parse(createdAt)).toBeGreaterThanOrEqual(before - 1000);
    }
  });

  it('--expires-in 2y is refused before anything is sent, naming the flag, the forms and the maximum', async () => {
    const en = await tix(['token', 'create', '--name', 'two-years', '--expires-in', '2y'], { env: await as('yann', english) });
    const fr = await tix(['token', 'create', '--name', 'two-years', '--expires-in', '2y'], { env: await as('yann', french) });
    expect(en.code).toBe(2);
    expect(en.stdout).toBe('');
    expect(en.stderr).toMatch(/^error: --expires-in: "2y" is longer than the server allows: a token lives at most 366 days\n/);
    expect(en.stderr).toMatch(/\nhint: use --expires-in 366d \(or 1y\)/);
    expect(fr.stderr).toMatch(/^erreur : --expires-in : « 2y » dépasse ce que le serveur accepte : un jeton vit 366 jours au plus\n/);
    expect(en.errorJson()).toEqual(fr.errorJson());
    expect(en.errorJson()).toMatchObject({ code: 'invalid_value', exitCode: 2, maxDays: 366 });
    expect(en.stderr).not.toMatch(/expiresInSeconds/);
    const tokens = (await tix(['token', 'list', '--json', 'name'], { env: await as('yann', english) })).json();
    expect(tokens.map((t: { name: string }) => t.name)).not.toContain('two-years');

    for (const bad of ['soon', '30s', '90', '1.5y', '-1d']) {
      const r = await tix(['token', 'create', '--name', 'x', '--expires-in', bad], { env: await as('yann', english) });
      expect(r.code, bad).toBe(2);
      expect(r.stderr, bad).toMatch(
        /^error: --expires-in: expected a duration such as 30m, 12h, 90d, 6w or 1y \(a whole number and a unit: m minutes, h hours, d days, w weeks, y years of 365 days\)/,
      );
    }
    const blank = await tix(['token', 'create', '--name', '  '], { env: await as('yann', french) });
    expect(blank.code).toBe(2);
    expect(blank.stderr).toMatch(/^erreur : --name : est vide/);
    const short = await tix(['token', 'create', '--name', 'x', '--expires-in', '0m'], { env: await as('yann', french) });
    expect(short.stderr).toMatch(/^erreur : --expires-in : « 0m » est trop court : un jeton vit au moins 1 minute/);
  });
});

describe('tix settings, config and establishment list in French and English', () => {
  it('settings list and set', async () => {
    const fr = await tix(['settings', 'list'], { env: await as('yann', french), tty: true });
    expect(fr.stdout).toMatch(/^Paramètres de .+ \(SIREN \d{9}\)\nPARAMÈTRE\s+VALEUR\s+SIGNIFICATION\n/);
    expect(fr.stdout).toMatch(/mark-read\s+\S+\s+manual : seul tix ticket read marque les messages comme lus/);
    const en = await tix(['settings', 'list'], { env: await as('yann', english), tty: true });
    expect(en.stdout).toMatch(/^Settings of .+ \(SIREN \d{9}\)\nSETTING\s+VALUE\s+MEANING\n/);

    const set = await tix(['settings', 'set', 'language', 'fr'], { env: await as('yann', french) });
    expect(set.stderr).toMatch(/^✓ language vaut maintenant fr pour /);
    const bad = await tix(['settings', 'set', 'mark-read', 'jamais'], { env: await as('yann', french) });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^erreur : mark-read : manual ou on-open attendu, reçu « jamais »/);
    const enBad = await tix(['settings', 'set', 'mark-read', 'jamais'], { env: await as('yann', english) });
    expect(enBad.stderr).toMatch(/^error: mark-read: expected manual or on-open, got "jamais"/);
    expect(bad.errorJson()).toEqual(enBad.errorJson());
    await tix(['settings', 'set', 'language', 'en'], { env: await as('yann', english) });
  });

  it('config list, set and unset', async () => {
    const env = isolatedEnv(french);
    const set = await tix(['config', 'set', 'color', 'never'], { env });
    expect(set.stderr).toBe('✓ color vaut maintenant never\n');
    const list = await tix(['config', 'list'], { env, tty: true });
    expect(list.stdout).toMatch(/^CLÉ\s+VALEUR\s+SIGNIFICATION\n/);
    expect(list.stdout).toMatch(/\ncolor\s+never\s+\S/);
    const unset = await tix(['config', 'unset', 'color'], { env });
    expect(unset.stderr).toBe('✓ color retiré (désormais auto, la valeur par défaut)\n');
    const bad = await tix(['config', 'set', 'color', 'violet'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^erreur : color : « violet » n'est pas une valeur valide ; valeurs possibles : auto, always, never/);
    const profile = await tix(['config', 'set', 'profile', 'travail'], { env });
    expect(profile.stderr).toMatch(
      /! le profil « travail » n'existe pas encore ; connectez-vous pour le créer : tix --profile travail auth login/,
    );
  });

  it('establishment list', async () => {
    const fr = await tix(['establishment', 'list'], { env: await as('yann', french), tty: true });
    expect(fr.stdout).toMatch(/^SIRET\s+SIREN\s+NOM\n/);
    expect(fr.stdout).toContain(est.paris.siret);
    const en = await tix(['establishment', 'list'], { env: await as('yann', english), tty: true });
    expect(en.stdout).toMatch(/^SIRET\s+SIREN\s+NAME\n/);
  });
});

describe("the server's refusals, rendered from their code and data", () => {
  it('not found, forbidden and a missing --company read in French; the JSON error line is the same in both', async () => {
    const pat = (
      await tix(['token', 'create', '--name', 'pat', '--scope', 'contacts:read'], { env: await as('yann', english) })
    ).stdout.trim();
    const cases: Array<[string, string[], number, RegExp]> = [
      ['yann', ['contact', 'remove', '999999', '--yes'], 3, /^erreur : le contact n° 999999 n'existe pas\n/],
      ['yann', ['contact', 'edit', '999999', '--name', 'x'], 3, /^erreur : le contact n° 999999 n'existe pas\n/],
      [
        'agent',
        ['contact', 'add', '--type', 'fraud', '--name', 'x', '--email', 'x@ecoles-demo.fr'],
        4,
        /^erreur : les agents du support consultent les contacts sans les modifier/,
      ],
      ['eve', ['contact', 'list'], 4, /^erreur : seuls les administrateurs de l'entreprise peuvent le faire\n/],
      ['agent', ['contact', 'list'], 2, /\n {2}--company: est obligatoire pour les agents du support/],
      ['agent', ['contact', 'list', '--company', '732829320'], 3, /^erreur : aucune entreprise de SIREN 732829320/],
      ['agent', ['settings', 'list'], 2, /^erreur : --company est obligatoire pour les agents du support/],
      ['agent', ['settings', 'set', 'language', 'fr'], 4, /^erreur : seuls les administrateurs de l'entreprise peuvent le faire\n/],
      ['yann', ['token', 'revoke', '99999'], 3, /^erreur : aucun jeton actif 99999 parmi les vôtres\n/],
      ['pat', ['token', 'list'], 4, /^erreur : un jeton d'accès personnel ne gère pas les jetons/],
    ];
    for (const [user, args, code, french_] of cases) {
      const env = async (lang: Record<string, string>) =>
        user === 'pat' ? isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: pat, ...lang }) : await as(user, lang);
      const fr = await tix(args, { env: await env(french) });
      const en = await tix(args, { env: await env(english) });
      expect(fr.code, `${user} ${args.join(' ')}: ${fr.stderr}`).toBe(code);
      expect(fr.stderr, `${user} ${args.join(' ')}`).toMatch(french_);
      expect(en.stderr, `${user} ${args.join(' ')}`).toMatch(/^error: [a-z-]/);
      expect(fr.errorJson(), `${user} ${args.join(' ')}`).toEqual(en.errorJson());
    }
  });
});

describe('programs read the same bytes in both languages', () => {
  it('JSON, tab-separated rows, exit codes and error lines', async () => {
    await addOps();
    const runs: string[][] = [
      ['contact', 'list'],
      ['contact', 'list', '--json'],
      ['contact', 'list', '--type', 'nope'],
      ['contact', 'list', '--company', '123'],
      ['contact', 'add', '--type', 'fraud'],
      ['contact', 'edit', '999999', '--name', 'x'],
      ['contact', 'remove', '999999', '--yes'],
      ['contact', 'apply', '-f', join(dir, 'missing.json')],
      ['token', 'list'],
      ['token', 'list', '--json', 'id,name,scopes,revokedAt'],
      ['token', 'create', '--name', 'x', '--expires-in', '2y'],
      ['token', 'create', '--name', 'x', '--scope', 'admin'],
      ['token', 'revoke', 'abc'],
      ['settings', 'list'],
      ['settings', 'list', '--json'],
      ['settings', 'set', 'nope', 'x'],
      ['config', 'list'],
      ['config', 'list', '--json'],
      ['config', 'get', 'color'],
      ['config', 'set', 'color', 'violet'],
      ['establishment', 'list'],
      ['establishment', 'list', '--json'],
    ];
    for (const args of runs) {
      const fr: Result = await tix(args, { env: await as('yann', { ...french, TIX_NO_INPUT: '1' }) });
      const en: Result = await tix(args, { env: await as('yann', { ...english, TIX_NO_INPUT: '1' }) });
      expect(fr.code, args.join(' ')).toBe(en.code);
      expect(fr.stdout, args.join(' ')).toBe(en.stdout);
      if (en.code !== 0) {
        expect(fr.errorJson(), args.join(' ')).toEqual(en.errorJson());
        expect(fr.stderr.split('\n')[0], args.join(' ')).not.toBe(en.stderr.split('\n')[0]);
      }
    }
  });
});
