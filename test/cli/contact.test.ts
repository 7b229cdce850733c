import { screen } from '@inquirer/testing/vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { prepareOrganisation } from '../../src/server/organisation-seed.ts';
import { isolatedEnv, tempDir, tix } from '../helpers/cli.ts';
import { waitFor } from '../helpers/prompts.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
let dir: string;
beforeAll(async () => {
  s = await startTestServer();
  dir = tempDir();
  await s.store.identity.loadOrganisation(
    await prepareOrganisation(
      {
        companies: [{ siren: '732829320', name: 'ACME', establishments: [{ siret: '73282932000074', name: 'Siège' }] }],
        users: [{ email: 'boss@acme.test', name: 'Boss', password: 'demo-password', admin: ['73282932000074'] }],
      },
      'test',
    ),
  );
});
afterAll(() => s.close());
// each test starts from a company without contacts
const demoCompany = async () => (await s.store.identity.companyBySiren('812345676'))!.id;
beforeEach(async () => {
  for (const siren of ['812345676', '732829320']) {
    const company = (await s.store.identity.companyBySiren(siren))!;
    await s.store.contacts.applyContacts(company.id, (current) => ({ add: [], change: [], remove: current.map((c) => c.id) }), {
      at: new Date().toISOString(),
      dryRun: false,
    });
  }
});

const as = async (user: string) =>
  isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: await s.tokenFor(user.includes('@') ? user : `${user}@demo.test`), NO_COLOR: '1' });
type Row = { id: number; type: string; name: string; emails: string; phone: string | null };
/** the demo company's contacts as stored, addresses as their JSON text */
const rows = async (): Promise<Row[]> =>
  (await s.store.contacts.listContacts(await demoCompany())).map((c) => ({
    id: c.id,
    type: c.type,
    name: c.name,
    emails: JSON.stringify(c.emails),
    phone: c.phone,
  }));
const fieldsOf = (r: { errorJson(): any }) =>
  Object.fromEntries(r.errorJson().fields.map((f: { field: string; message: string }) => [f.field, f.message]));

async function addOps(extra: string[] = []): Promise<number> {
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
      '+33 6 12 34 56 78',
      '--json',
      'id',
      ...extra,
    ],
    { env: await as('yann') },
  );
  expect(r.code, r.stderr).toBe(0);
  return r.json().id;
}

async function addCompta(): Promise<number> {
  const r = await tix(
    [
      'contact',
      'add',
      '--type',
      'accounting',
      '--name',
      'Compta',
      '--email',
      'compta@ecoles-demo.fr,factures@ecoles-demo.fr',
      '--json',
      'id',
    ],
    { env: await as('yann') },
  );
  expect(r.code, r.stderr).toBe(0);
  return r.json().id;
}

describe('tix contact add (flags)', () => {
  it('adds a contact with its phone normalised to E.164, and says so on stderr', async () => {
    const r = await tix(
      [
        'contact',
        'add',
        '--type',
        'Technical',
        '--name',
        'Ops team',
        '--email',
        'Ops@Ecoles-Demo.fr',
        '--email',
        'astreinte@ecoles-demo.fr',
        '--phone',
        '+33 6 12 34 56 78',
      ],
      { env: await as('yann') },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^✓ Added contact #\d+ technical "Ops team" <ops@ecoles-demo\.fr>, <astreinte@ecoles-demo\.fr> \+33612345678\n$/,
    );
    expect(await rows()).toEqual([
      expect.objectContaining({
        type: 'technical',
        name: 'Ops team',
        emails: '["ops@ecoles-demo.fr","astreinte@ecoles-demo.fr"]',
        phone: '+33612345678',
      }),
    ]);
  });

  it('prints the new contact with --json', async () => {
    const r = await tix(['contact', 'add', '--type', 'fraud', '--name', 'Fraude', '--email', 'fraude@ecoles-demo.fr', '--json'], {
      env: await as('sarah'),
    });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({
      id: expect.any(Number),
      type: 'fraud',
      name: 'Fraude',
      emails: ['fraude@ecoles-demo.fr'],
      phone: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('without a terminal, lists every missing field at once (exit 2) and adds nothing', async () => {
    const r = await tix(['contact', 'add', '--phone', '+33612345678'], { env: await as('yann') });
    expect(r.code).toBe(2);
    expect(fieldsOf(r)).toEqual({
      '--type': 'is required: one of commercial, accounting, technical, fraud, chargebacks',
      '--name': 'is required: a person or a team, e.g. "Ops team"',
      '--email': 'is required: one or more addresses (repeat --email)',
    });
    expect(await rows()).toEqual([]);
  });

  it('a national phone number is refused with its international form (exit 2, --phone)', async () => {
    const r = await tix(
      ['contact', 'add', '--type', 'technical', '--name', 'Ops', '--email', 'ops@ecoles-demo.fr', '--phone', '06 12 34 56 78'],
      { env: await as('yann') },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--phone: "06 12 34 56 78" has no country code; write it in international form, e.g. +33 6 12 34 56 78');
    expect(Object.keys(fieldsOf(r))).toEqual(['--phone']);
    expect(await rows()).toEqual([]);
  });

  it('an invalid phone number and a bad address are each refused, naming the flag (exit 2)', async () => {
    const phone = await tix(
      ['contact', 'add', '--type', 'technical', '--name', 'Ops', '--email', 'ops@ecoles-demo.fr', '--phone', '+33 1 23'],
      { env: await as('yann') },
    );
    expect(phone.code).toBe(2);
    expect(fieldsOf(phone)).toEqual({ '--phone': expect.stringMatching(/^"\+33 1 23" is not a valid phone number/) });
    const email = await tix(
      ['contact', 'add', '--type', 'technical', '--name', 'Ops', '--email', 'ops@ecoles-demo.fr', '--email', 'ops@'],
      { env: await as('yann') },
    );
    expect(email.code).toBe(2);
    expect(fieldsOf(email)).toEqual({ '--email': '"ops@": not a valid e-mail address, e.g. support@example.com' });
    const type = await tix(['contact', 'add', '--type', 'billing', '--name', 'Ops', '--email', 'ops@ecoles-demo.fr'], {
      env: await as('yann'),
    });
    expect(fieldsOf(type)).toEqual({
      '--type': 'unknown contact type "billing"; one of commercial, accounting, technical, fraud, chargebacks',
    });
    expect(await rows()).toEqual([]);
  });

  it('a second contact of the same type and name is refused by state (exit 5)', async () => {
    const id = await addOps();
    const r = await tix(['contact', 'add', '--type', 'technical', '--name', 'OPS TEAM', '--email', 'x@ecoles-demo.fr'], {
      env: await as('sarah'),
    });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(`change it instead (tix contact edit ${id})`);
  });

  it('only administrators change contacts: agents and employees get exit 4', async () => {
    for (const user of ['agent', 'eve']) {
      const r = await tix(['contact', 'add', '--type', 'fraud', '--name', 'x', '--email', 'x@ecoles-demo.fr'], { env: await as(user) });
      expect(r.code, user).toBe(4);
    }
    expect(await rows()).toEqual([]);
  });
});

describe('tix contact list', () => {
  it('prints tab-separated rows in a fixed order when piped', async () => {
    const ops = await addOps();
    const compta = await addCompta();
    const r = await tix(['contact', 'list'], { env: await as('sarah') });
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(lines).toEqual([
      [
        String(compta),
        'accounting',
        'Compta',
        'compta@ecoles-demo.fr,factures@ecoles-demo.fr',
        '',
        expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      ],
      [String(ops), 'technical', 'Ops team', 'ops@ecoles-demo.fr', '+33612345678', expect.stringMatching(/^\d{4}-\d\d-\d\dT/)],
    ]);
  });

  it('shows a table on a terminal, and says when there is nothing', async () => {
    const empty = await tix(['contact', 'list'], { env: await as('yann'), tty: true });
    expect(empty.code).toBe(0);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toBe('No contacts. Add one with: tix contact add\n');
    await addOps();
    const r = await tix(['contact', 'list'], { env: await as('yann'), tty: true });
    expect(r.stdout).toMatch(
      /^ID\s+TYPE\s+NAME\s+EMAILS\s+PHONE\s+UPDATED\n\d+\s+technical\s+Ops team\s+ops@ecoles-demo\.fr\s+\+33612345678\s+now\n$/,
    );
  });

  it('filters by type and prints the fields asked with --json', async () => {
    await addOps();
    await addCompta();
    const r = await tix(['contact', 'list', '--type', 'accounting', '--json', 'name,emails,phone'], { env: await as('yann') });
    expect(r.json()).toEqual([{ name: 'Compta', emails: ['compta@ecoles-demo.fr', 'factures@ecoles-demo.fr'], phone: null }]);
    const bad = await tix(['contact', 'list', '--json', 'name,colour'], { env: await as('yann') });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown JSON field colour; available: id, type, name, emails, phone, createdAt, updatedAt/);
    const type = await tix(['contact', 'list', '--type', 'billing'], { env: await as('yann') });
    expect(type.code).toBe(2);
    expect(type.stderr).toContain('--type: unknown contact type "billing"');
  });

  it('support agents name the company with --company; employees get exit 4', async () => {
    await addOps();
    const agent = await as('agent');
    const without = await tix(['contact', 'list'], { env: agent });
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('--company: is required for support agents');
    const r = await tix(['contact', 'list', '--company', '812 345 676', '--json', 'name'], { env: agent });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual([{ name: 'Ops team' }]);
    expect((await tix(['contact', 'list', '--company', '812345677'], { env: agent })).code).toBe(2);
    expect((await tix(['contact', 'list'], { env: await as('eve') })).code).toBe(4);
  });

  it("another company's administrator sees none of them", async () => {
    await addOps();
    const r = await tix(['contact', 'list', '--json'], { env: await as('boss@acme.test') });
    expect(r.json()).toEqual([]);
    expect((await tix(['contact', 'list', '--company', '812345676'], { env: await as('boss@acme.test') })).code).toBe(3);
  });
});

describe('tix contact edit', () => {
  it('adds and removes addresses, and changes name and phone', async () => {
    const id = await addOps();
    const r = await tix(
      [
        'contact',
        'edit',
        String(id),
        '--add-email',
        'noc@ecoles-demo.fr',
        '--remove-email',
        'OPS@ecoles-demo.fr',
        '--name',
        'NOC',
        '--phone',
        '+33 1 45 67 89 01',
        '--json',
        'name,emails,phone',
      ],
      { env: await as('sarah') },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ name: 'NOC', emails: ['noc@ecoles-demo.fr'], phone: '+33145678901' });
    const text = await tix(['contact', 'edit', `#${id}`, '--add-email', 'ops@ecoles-demo.fr'], { env: await as('yann') });
    expect(text.stderr).toBe(`✓ Updated contact #${id} technical "NOC" <noc@ecoles-demo.fr>, <ops@ecoles-demo.fr> +33145678901\n`);
  });

  it("removes the phone with --phone '' or --clear-phone", async () => {
    const id = await addOps();
    expect((await tix(['contact', 'edit', String(id), '--phone', ''], { env: await as('yann') })).code).toBe(0);
    expect((await rows())[0]!.phone).toBeNull();
    await tix(['contact', 'edit', String(id), '--phone', '+33612345678'], { env: await as('yann') });
    expect((await tix(['contact', 'edit', String(id), '--clear-phone'], { env: await as('yann') })).code).toBe(0);
    expect((await rows())[0]!.phone).toBeNull();
    expect((await tix(['contact', 'edit', String(id), '--clear-phone', '--phone', '+33612345678'], { env: await as('yann') })).code).toBe(
      2,
    );
  });

  it('keeps at least one address: removing the last one is exit 2, naming --remove-email', async () => {
    const id = await addOps();
    const r = await tix(['contact', 'edit', String(id), '--remove-email', 'ops@ecoles-demo.fr'], { env: await as('yann') });
    expect(r.code).toBe(2);
    expect(fieldsOf(r)).toEqual({
      '--remove-email': 'would leave the contact without an e-mail address; add another address first, or remove the contact',
    });
    expect(r.stderr).toMatch(/^error: cannot change contact #\d+; nothing was changed:\n {2}--remove-email: /);
    expect((await rows())[0]!.emails).toBe('["ops@ecoles-demo.fr"]');
  });

  it('refuses bad values by flag, and changes nothing', async () => {
    const id = await addOps();
    const r = await tix(['contact', 'edit', String(id), '--phone', '01 45 67 89 01', '--add-email', 'nope'], { env: await as('yann') });
    expect(r.code).toBe(2);
    expect(fieldsOf(r)).toEqual({
      '--add-email': '"nope": not a valid e-mail address, e.g. support@example.com',
      '--phone': '"01 45 67 89 01" has no country code; write it in international form, e.g. +33 1 45 67 89 01',
    });
    expect(await rows()).toEqual([expect.objectContaining({ emails: '["ops@ecoles-demo.fr"]', phone: '+33612345678' })]);
  });

  it('needs something to change without a terminal (exit 2); unknown and foreign ids are not found (exit 3); agents get exit 4', async () => {
    const id = await addOps();
    const none = await tix(['contact', 'edit', String(id)], { env: await as('yann') });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('nothing to change: give --name, --phone, --clear-phone, --add-email or --remove-email');
    expect((await tix(['contact', 'edit', '999999', '--name', 'x'], { env: await as('yann') })).code).toBe(3);
    expect((await tix(['contact', 'edit', String(id), '--name', 'x'], { env: await as('boss@acme.test') })).code).toBe(3);
    expect((await tix(['contact', 'edit', String(id), '--name', 'x'], { env: await as('agent') })).code).toBe(4);
    expect((await tix(['contact', 'edit', 'three', '--name', 'x'], { env: await as('yann') })).code).toBe(2);
    expect((await rows())[0]!.name).toBe('Ops team');
  });
});

describe('tix contact remove', () => {
  it('needs --yes without a terminal (exit 2), then removes at once', async () => {
    const id = await addOps();
    const refused = await tix(['contact', 'remove', String(id)], { env: await as('yann') });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`hint: tix contact remove ${id} --yes`);
    expect(await rows()).toHaveLength(1);
    const r = await tix(['contact', 'rm', String(id), '--yes'], { env: await as('yann') });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`✓ Removed contact #${id}\n`);
    expect(await rows()).toEqual([]);
    expect((await tix(['contact', 'remove', String(id), '--yes'], { env: await as('yann') })).code).toBe(3);
  });

  it('non-administrators get exit 4 and remove nothing', async () => {
    const id = await addOps();
    expect((await tix(['contact', 'remove', String(id), '--yes'], { env: await as('agent') })).code).toBe(4);
    expect((await tix(['contact', 'remove', String(id), '--yes'], { env: await as('eve') })).code).toBe(4);
    expect((await tix(['contact', 'remove', String(id), '--yes'], { env: await as('boss@acme.test') })).code).toBe(3);
    expect(await rows()).toHaveLength(1);
  });
});

describe('tix contact apply', () => {
  const file = (name: string, data: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof data === 'string' ? data : JSON.stringify(data, null, 2));
    return path;
  };
  const declared = {
    contacts: [
      { type: 'technical', name: 'Ops team', emails: ['ops@ecoles-demo.fr', 'noc@ecoles-demo.fr'], phone: '+33 6 12 34 56 78' },
      { type: 'chargebacks', name: 'Litiges', emails: ['litiges@ecoles-demo.fr'] },
    ],
  };

  it('--dry-run shows the plan and changes nothing', async () => {
    const ops = await addOps();
    const compta = await addCompta();
    const before = await rows();
    const r = await tix(['contact', 'apply', '-f', file('dry.json', declared), '--dry-run'], { env: await as('yann') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        '+ add chargebacks "Litiges" <litiges@ecoles-demo.fr>',
        `~ change #${ops} technical "Ops team": +<noc@ecoles-demo.fr>`,
        `- remove #${compta} accounting "Compta" <compta@ecoles-demo.fr>, <factures@ecoles-demo.fr>`,
        'dry run: nothing was changed',
        '',
      ].join('\n'),
    );
    expect(await rows()).toEqual(before);
  });

  it('--json prints the plan object', async () => {
    const ops = await addOps();
    const r = await tix(['contact', 'apply', '--file', file('json.json', declared), '--dry-run', '--json'], { env: await as('yann') });
    expect(r.json()).toEqual({
      applied: false,
      fingerprint: expect.any(String),
      plan: {
        add: [{ id: null, type: 'chargebacks', name: 'Litiges', emails: ['litiges@ecoles-demo.fr'], phone: null }],
        change: [
          {
            id: ops,
            before: expect.objectContaining({ emails: ['ops@ecoles-demo.fr'] }),
            after: expect.objectContaining({ emails: ['ops@ecoles-demo.fr', 'noc@ecoles-demo.fr'] }),
          },
        ],
        remove: [],
        unchanged: 0,
      },
    });
  });

  it('applies adds and changes without --yes; removals need --yes without a terminal (exit 2, listed, nothing changed)', async () => {
    const ops = await addOps();
    const path = file('real.json', declared);
    const applied = await tix(['contact', 'apply', '-f', path, '--json', 'applied'], { env: await as('yann') });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.json()).toEqual({ applied: true });
    expect(applied.stderr).toContain('✓ Applied: 1 added, 1 changed, 0 removed');
    expect(await rows()).toEqual([
      expect.objectContaining({ id: ops, emails: '["ops@ecoles-demo.fr","noc@ecoles-demo.fr"]' }),
      expect.objectContaining({ type: 'chargebacks', name: 'Litiges' }),
    ]);

    const fewer = file('fewer.json', { contacts: [declared.contacts[0]] });
    const before = await rows();
    const refused = await tix(['contact', 'apply', '-f', fewer], { env: await as('yann') });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /this plan removes 1 contact, which needs --yes without a terminal; nothing was changed:\n {2}- #\d+ chargebacks "Litiges" <litiges@ecoles-demo\.fr>/,
    );
    expect(refused.errorJson()).toMatchObject({ code: 'confirmation_required', remove: [before[1]!.id] });
    expect(await rows()).toEqual(before);
    const yes = await tix(['contact', 'apply', '-f', fewer, '--yes'], { env: await as('yann') });
    expect(yes.code).toBe(0);
    expect(await rows()).toEqual([before[0]]);
  });

  it('a file with a bad entry changes nothing and names every problem by its path (exit 2)', async () => {
    await addOps();
    const before = await rows();
    const bad = file('bad.json', {
      contacts: [...declared.contacts, { type: 'fraud', name: 'Fraude', emails: ['fraude@'], phone: '06 12 34 56 78' }],
    });
    const r = await tix(['contact', 'apply', '-f', bad, '--yes'], { env: await as('yann') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${bad} is not a valid contact list; nothing was changed:\n`);
    expect(fieldsOf(r)).toEqual({
      'contacts[2].emails[0]': '"fraude@": not a valid e-mail address, e.g. support@example.com',
      'contacts[2].phone': '"06 12 34 56 78" has no country code; write it in international form, e.g. +33 6 12 34 56 78',
    });
    expect(await rows()).toEqual(before);
    expect((await tix(['contact', 'apply', '-f', file('broken.json', '{"contacts": ['), '--yes'], { env: await as('yann') })).code).toBe(2);
    expect((await tix(['contact', 'apply', '-f', join(dir, 'missing.json')], { env: await as('yann') })).code).toBe(2);
    expect(await rows()).toEqual(before);
  });

  it('the output of list --json applies back with nothing to change; standard input works too', async () => {
    await addOps();
    await addCompta();
    const exported = await tix(['contact', 'list', '--json'], { env: await as('yann') });
    const r = await tix(['contact', 'apply', '-f', '-'], { env: await as('yann'), stdin: exported.stdout });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('  2 unchanged\n✓ The contacts already match standard input; nothing to change\n');
  });

  it('only administrators apply: agents and employees get exit 4', async () => {
    const path = file('denied.json', declared);
    expect((await tix(['contact', 'apply', '-f', path], { env: await as('agent') })).code).toBe(4);
    expect((await tix(['contact', 'apply', '-f', path, '--dry-run'], { env: await as('eve') })).code).toBe(4);
    expect(await rows()).toEqual([]);
  });
});

describe('on a terminal', () => {
  it('tix contact add asks for what is missing, checking the phone as it is typed', async () => {
    const run = tix(['contact', 'add', '--json', 'type,name,emails,phone'], { env: await as('yann'), tty: true });
    await waitFor(/Type of contact/, run);
    screen.keypress('down');
    screen.keypress('down');
    screen.keypress('enter'); // technical
    await waitFor(/Name/, run);
    screen.type('Ops team');
    screen.keypress('enter');
    await waitFor(/E-mail addresses/, run);
    screen.type('ops@ecoles-demo.fr, Noc@Ecoles-Demo.fr');
    screen.keypress('enter');
    await waitFor(/Phone \(optional/, run);
    screen.type('06 12 34 56 78');
    screen.keypress('enter');
    await waitFor(/has no country code; write it in international form, e\.g\. \+33 6 12 34 56 78/, run);
    for (let i = 0; i < 14; i++) screen.keypress('backspace');
    screen.type('+33 6 12 34 56 78');
    screen.keypress('enter');
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({
      type: 'technical',
      name: 'Ops team',
      emails: ['ops@ecoles-demo.fr', 'noc@ecoles-demo.fr'],
      phone: '+33612345678',
    });
    expect(await rows()).toHaveLength(1);
  });

  it('tix contact add asks only for what the flags did not give', async () => {
    const run = tix(['contact', 'add', '--type', 'fraud', '--email', 'fraude@ecoles-demo.fr', '--json', 'type,name,phone'], {
      env: await as('yann'),
      tty: true,
    });
    const first = await waitFor(/Name/, run);
    expect(first).not.toMatch(/Type of contact/);
    screen.type('Fraude');
    screen.keypress('enter');
    await waitFor(/Phone \(optional/, run);
    screen.keypress('enter'); // no phone
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ type: 'fraud', name: 'Fraude', phone: null });
  });

  it('tix contact remove asks first: declining is exit 130 and removes nothing', async () => {
    const id = await addOps();
    const run = tix(['contact', 'remove', String(id)], { env: await as('yann'), tty: true });
    await waitFor(new RegExp(`Remove contact #${id} technical "Ops team" <ops@ecoles-demo\\.fr> \\+33612345678\\?`), run);
    screen.type('n');
    screen.keypress('enter');
    const r = await run;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('cancelled; nothing was changed');
    expect(await rows()).toHaveLength(1);

    screen.clear();
    const yes = tix(['contact', 'remove', String(id)], { env: await as('yann'), tty: true });
    await waitFor(/Remove contact/, yes);
    screen.type('y');
    screen.keypress('enter');
    expect((await yes).code).toBe(0);
    expect(await rows()).toEqual([]);
  });

  it('tix contact edit without flags offers each value to edit, and changes only what differs', async () => {
    const id = await addOps();
    const run = tix(['contact', 'edit', String(id), '--json', 'name,emails,phone'], { env: await as('yann'), tty: true });
    await waitFor(/Name/, run);
    screen.keypress('enter'); // kept as it is
    await waitFor(/E-mail addresses/, run);
    screen.type(', noc@ecoles-demo.fr');
    screen.keypress('enter');
    await waitFor(/Phone \(international form; - for none\)/, run);
    for (let i = 0; i < 12; i++) screen.keypress('backspace');
    screen.type('-');
    screen.keypress('enter');
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ name: 'Ops team', emails: ['ops@ecoles-demo.fr', 'noc@ecoles-demo.fr'], phone: null });
  });

  it('tix contact apply asks before applying; declining is exit 130 and changes nothing', async () => {
    await addOps();
    const before = await rows();
    writeFileSync(join(dir, 'terminal.json'), JSON.stringify([{ type: 'fraud', name: 'Fraude', emails: ['fraude@ecoles-demo.fr'] }]));
    const run = tix(['contact', 'apply', '-f', join(dir, 'terminal.json')], { env: await as('yann'), tty: true });
    await waitFor(/Apply this plan \(1 to add, 0 to change, 1 to remove\)\?/, run);
    screen.keypress('enter'); // default: no
    const r = await run;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('- remove');
    expect(await rows()).toEqual(before);
  });
});
