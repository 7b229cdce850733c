import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { prepareOrganisation } from '../../src/server/organisation-seed.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const clock = {
  at: Date.parse('2026-11-22T10:00:00Z'),
  now() {
    return new Date(this.at);
  },
};
let s: TestServer;
let yann: string, sarah: string, agent: string, eve: string, boss: string;
const DEMO_SIREN = '812345676';
const ACME_SIREN = '732829320';

beforeAll(async () => {
  s = await startTestServer({ app: { clock } });
  // a second company, to prove its administrator sees nothing of the demo company's contacts
  await s.store.identity.loadOrganisation(
    await prepareOrganisation(
      {
        companies: [{ siren: ACME_SIREN, name: 'ACME', establishments: [{ siret: '73282932000074', name: 'Siège' }] }],
        users: [{ email: 'boss@acme.test', name: 'Boss', password: 'demo-password', admin: ['73282932000074'] }],
      },
      'test',
    ),
  );
  [yann, sarah, agent, eve, boss] = await Promise.all(
    ['yann@demo.test', 'sarah@demo.test', 'agent@demo.test', 'eve@demo.test', 'boss@acme.test'].map((u) => s.tokenFor(u)),
  );
});
afterAll(() => s.close());
beforeEach(async () => {
  // each test starts from companies without contacts
  for (const siren of [DEMO_SIREN, ACME_SIREN]) {
    const company = (await s.store.identity.companyBySiren(siren))!;
    await s.store.contacts.applyContacts(company.id, (current) => ({ add: [], change: [], remove: current.map((c) => c.id) }), {
      at: new Date(clock.at).toISOString(),
      dryRun: false,
    });
  }
  clock.at += 60_000;
});

const ops = { type: 'technical', name: 'Ops team', emails: ['ops@ecoles-demo.fr'], phone: '+33 6 12 34 56 78' };
const add = (token: string, body: unknown) => s.api('POST', '/contacts', { token, body });
const list = async (token = yann, query = '') => (await s.api('GET', `/contacts${query}`, { token })).body.items;
const fieldsOf = (res: { body: any }) =>
  Object.fromEntries(res.body.error.fields.map((f: { field: string; message: string }) => [f.field, f.message]));
const now = () => new Date(clock.at).toISOString();
/** the demo company's contacts as stored */
const rows = async () =>
  (await s.store.contacts.listContacts((await s.store.identity.companyBySiren(DEMO_SIREN))!.id)).map((c) => ({
    id: c.id,
    type: c.type,
    name: c.name,
    emails: c.emails,
    phone: c.phone,
    updatedAt: c.updatedAt,
  }));

describe('contacts: create, read, change, remove', () => {
  it('adds a contact with its phone in E.164 and its addresses lower-cased and deduplicated', async () => {
    const res = await add(yann, { ...ops, emails: ['Ops@Ecoles-Demo.fr', 'ops@ecoles-demo.fr', 'astreinte@ecoles-demo.fr'] });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      type: 'technical',
      name: 'Ops team',
      emails: ['ops@ecoles-demo.fr', 'astreinte@ecoles-demo.fr'],
      phone: '+33612345678',
      createdAt: now(),
      updatedAt: now(),
    });
    expect((await s.api('GET', `/contacts/${res.body.id}`, { token: yann })).body).toEqual(res.body);
  });

  it('accepts a contact without a phone, and the international call prefix 00', async () => {
    expect((await add(yann, { type: 'accounting', name: 'Compta', emails: ['compta@ecoles-demo.fr'] })).body.phone).toBeNull();
    expect(
      (await add(yann, { type: 'fraud', name: 'Fraude', emails: ['fraude@ecoles-demo.fr'], phone: '0044 20 7946 0958' })).body.phone,
    ).toBe('+442079460958');
  });

  it('lists by type in the order of seed 003, then by name, and filters by type', async () => {
    for (const [type, name] of [
      ['technical', 'Zed'],
      ['commercial', 'Marie'],
      ['technical', 'Alpha'],
      ['chargebacks', 'Litiges'],
    ]) {
      expect((await add(yann, { type, name, emails: [`${name.toLowerCase()}@ecoles-demo.fr`] })).status).toBe(201);
    }
    expect((await list()).map((c: { type: string; name: string }) => `${c.type}:${c.name}`)).toEqual([
      'commercial:Marie',
      'technical:Alpha',
      'technical:Zed',
      'chargebacks:Litiges',
    ]);
    expect((await list(yann, '?type=technical')).map((c: { name: string }) => c.name)).toEqual(['Alpha', 'Zed']);
    const unknown = await s.api('GET', '/contacts?type=billing', { token: yann });
    expect(unknown.status).toBe(422);
    expect(fieldsOf(unknown)).toEqual({
      type: 'unknown contact type "billing"; one of commercial, accounting, technical, fraud, chargebacks',
    });
  });

  it('changes the name and the phone, adds and removes addresses, and clears the phone with null', async () => {
    const { id } = (await add(yann, ops)).body;
    clock.at += 1000;
    const changed = await s.api('PATCH', `/contacts/${id}`, {
      token: yann,
      body: { name: 'Ops', phone: '+33 1 45 67 89 01', addEmails: ['Astreinte@ecoles-demo.fr'], removeEmails: ['OPS@ecoles-demo.fr'] },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id, name: 'Ops', phone: '+33145678901', emails: ['astreinte@ecoles-demo.fr'], updatedAt: now() });
    expect(changed.body.createdAt).not.toBe(now());
    const cleared = await s.api('PATCH', `/contacts/${id}`, { token: yann, body: { phone: null } });
    expect(cleared.body.phone).toBeNull();
    expect(await rows()).toEqual([expect.objectContaining({ id, name: 'Ops', phone: null, emails: ['astreinte@ecoles-demo.fr'] })]);
  });

  it('removes a contact at once; then it is not found', async () => {
    const { id } = (await add(yann, ops)).body;
    expect((await s.api('DELETE', `/contacts/${id}`, { token: yann })).status).toBe(204);
    expect((await s.api('GET', `/contacts/${id}`, { token: yann })).status).toBe(404);
    expect((await s.api('DELETE', `/contacts/${id}`, { token: yann })).status).toBe(404);
    expect(await rows()).toEqual([]);
    // the id of a removed contact never names another one
    expect((await add(yann, ops)).body.id).toBeGreaterThan(id);
  });

  it("shows one administrator's change to the other at once", async () => {
    const { id } = (await add(yann, ops)).body;
    await s.api('PATCH', `/contacts/${id}`, { token: yann, body: { addEmails: ['noc@ecoles-demo.fr'] } });
    expect(await list(sarah)).toEqual([expect.objectContaining({ id, emails: ['ops@ecoles-demo.fr', 'noc@ecoles-demo.fr'] })]);
    await s.api('PATCH', `/contacts/${id}`, { token: sarah, body: { name: 'NOC' } });
    expect((await list(yann))[0].name).toBe('NOC');
  });

  it('refuses a second contact of the same type and name, case aside (409), on create and on rename', async () => {
    await add(yann, ops);
    const again = await add(sarah, { ...ops, name: 'OPS TEAM' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'contact_exists',
      message: expect.stringMatching(/already a technical contact named "Ops team" \(#\d+\); change it instead \(tix contact edit \d+\)/),
    });
    expect((await add(yann, { ...ops, type: 'fraud' })).status).toBe(201);
    const other = (await add(yann, { ...ops, name: 'Other' })).body;
    expect((await s.api('PATCH', `/contacts/${other.id}`, { token: yann, body: { name: 'ops team' } })).status).toBe(409);
  });
});

describe('contacts: validation (422, by field)', () => {
  it('names every bad field at once: type, address, phone', async () => {
    const res = await add(yann, { type: 'billing', name: ' ', emails: ['ok@ecoles-demo.fr', 'not-an-email'], phone: '06 12 34 56 78' });
    expect(res.status).toBe(422);
    expect(fieldsOf(res)).toEqual({
      type: 'unknown contact type "billing"; one of commercial, accounting, technical, fraud, chargebacks',
      name: expect.stringMatching(/^is required/),
      'emails[1]': '"not-an-email": not a valid e-mail address, e.g. support@example.com',
      phone: '"06 12 34 56 78" has no country code; write it in international form, e.g. +33 6 12 34 56 78',
    });
    expect(await rows()).toEqual([]);
  });

  it('refuses invalid phone numbers, naming the field', async () => {
    for (const phone of ['+33 1 23', '+33 6 12 34 56 789', 'call me', '+999 123 456']) {
      const res = await add(yann, { ...ops, phone });
      expect(res.status, phone).toBe(422);
      expect(Object.keys(fieldsOf(res))).toEqual(['phone']);
    }
    expect(fieldsOf(await add(yann, { ...ops, phone: '+33 1 23' })).phone).toMatch(/^"\+33 1 23" is not a valid phone number/);
  });

  it('needs one to twenty addresses', async () => {
    expect(fieldsOf(await add(yann, { ...ops, emails: [] })).emails).toMatch(/at least one e-mail address/);
    const many = await add(yann, { ...ops, emails: Array.from({ length: 21 }, (_, i) => `person${i}@ecoles-demo.fr`) });
    expect(many.status).toBe(422);
    expect(fieldsOf(many).emails).toMatch(/at most 20 addresses per contact \(got 21\); use a group or distribution address/);
  });

  it('refuses unknown and missing fields through the schema', async () => {
    const res = await add(yann, { type: 'technical', emails: ['a@b.fr'], colour: 'red' });
    expect(res.status).toBe(422);
    expect(fieldsOf(res)).toMatchObject({ name: 'is required', colour: 'is not a known field' });
  });

  it('keeps at least one address, and removes only addresses the contact has', async () => {
    const { id } = (await add(yann, ops)).body;
    const last = await s.api('PATCH', `/contacts/${id}`, { token: yann, body: { removeEmails: ['ops@ecoles-demo.fr'] } });
    expect(last.status).toBe(422);
    expect(fieldsOf(last)).toEqual({
      removeEmails: 'would leave the contact without an e-mail address; add another address first, or remove the contact',
    });
    const stranger = await s.api('PATCH', `/contacts/${id}`, { token: yann, body: { removeEmails: ['who@ecoles-demo.fr'] } });
    expect(fieldsOf(stranger)).toEqual({
      'removeEmails[0]': '"who@ecoles-demo.fr" is not an address of this contact (ops@ecoles-demo.fr)',
    });
    const bad = await s.api('PATCH', `/contacts/${id}`, { token: yann, body: { phone: '0612345678', addEmails: ['nope'] } });
    expect(Object.keys(fieldsOf(bad))).toEqual(['addEmails[0]', 'phone']);
    expect((await s.api('PATCH', `/contacts/${id}`, { token: yann, body: {} })).status).toBe(422);
    expect(await rows()).toEqual([expect.objectContaining({ emails: ['ops@ecoles-demo.fr'], phone: '+33612345678' })]);
  });
});

describe('contacts: who may do what', () => {
  it('employees reach no contacts (403, administrator profile required)', async () => {
    const res = await s.api('GET', '/contacts', { token: eve });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/administrator profile/);
    expect((await add(eve, ops)).status).toBe(403);
  });

  it('support agents read any company by SIREN, and change nothing', async () => {
    const { id } = (await add(yann, ops)).body;
    const without = await s.api('GET', '/contacts', { token: agent });
    expect(without.status).toBe(422);
    expect(fieldsOf(without).company).toMatch(/is required for support agents/);
    expect(await list(agent, `?company=${DEMO_SIREN}`)).toEqual([expect.objectContaining({ id, name: 'Ops team' })]);
    expect((await s.api('GET', `/contacts/${id}?company=${DEMO_SIREN}`, { token: agent })).status).toBe(200);
    expect((await s.api('GET', `/contacts?company=${ACME_SIREN}`, { token: agent })).body.items).toEqual([]);
    expect((await s.api('GET', '/contacts?company=732829321', { token: agent })).status).toBe(422);
    expect((await s.api('GET', '/contacts?company=552100554', { token: agent })).status).toBe(404);
    expect((await add(agent, ops)).status).toBe(403);
    expect((await s.api('PATCH', `/contacts/${id}`, { token: agent, body: { name: 'x' } })).status).toBe(403);
    expect((await s.api('DELETE', `/contacts/${id}`, { token: agent })).status).toBe(403);
    expect((await s.api('POST', '/contacts/apply', { token: agent, body: { contacts: [] } })).status).toBe(403);
    expect(await rows()).toHaveLength(1);
  });

  it("another company's contacts answer 404, exactly like contacts that do not exist", async () => {
    const { id } = (await add(yann, ops)).body;
    expect(await list(boss)).toEqual([]);
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { name: 'Mine now' }],
      ['DELETE', undefined],
    ] as const) {
      const theirs = await s.api(method, `/contacts/${id}`, { token: boss, body });
      const none = await s.api(method, '/contacts/999999', { token: boss, body });
      expect(theirs.status, method).toBe(404);
      expect(theirs.body.error.message).toBe(`no contact #${id}`);
      expect(none.body.error.message).toBe('no contact #999999');
    }
    expect((await s.api('GET', `/contacts?company=${DEMO_SIREN}`, { token: boss })).status).toBe(404);
    expect((await add(boss, ops)).status).toBe(201);
    expect(await list(yann)).toEqual([expect.objectContaining({ id })]);
  });

  it('personal access tokens need the contacts scopes', async () => {
    const pat = (await s.api('POST', '/tokens', { token: yann, body: { name: 'read-only', scopes: ['contacts:read'] } })).body.token;
    expect((await s.api('GET', '/contacts', { token: pat })).status).toBe(200);
    const write = await add(pat, ops);
    expect(write.status).toBe(403);
    expect(write.body.error.message).toMatch(/lacks the contacts:write scope/);
  });
});

describe('contacts: apply a declared set', () => {
  const apply = (body: unknown, token = yann) => s.api('POST', '/contacts/apply', { token, body });
  async function existing() {
    const a = (await add(yann, ops)).body;
    const b = (await add(yann, { type: 'accounting', name: 'Compta', emails: ['compta@ecoles-demo.fr'] })).body;
    const c = (await add(yann, { type: 'fraud', name: 'Old fraud desk', emails: ['fraud@ecoles-demo.fr'] })).body;
    return { a, b, c };
  }
  const declared = [
    { type: 'technical', name: 'ops TEAM', emails: ['ops@ecoles-demo.fr'], phone: '+33612345678' }, // same contact; only the name's case differs
    { type: 'accounting', name: 'Compta', emails: ['compta@ecoles-demo.fr', 'factures@ecoles-demo.fr'] },
    { type: 'chargebacks', name: 'Litiges', emails: ['litiges@ecoles-demo.fr'], phone: '+33 1 45 67 89 01' },
  ];

  it('plans adds, changes and removes; a dry run changes nothing', async () => {
    const { a, b, c } = await existing();
    const before = await rows();
    const res = await apply({ contacts: declared, dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      applied: false,
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      plan: {
        add: [{ id: null, type: 'chargebacks', name: 'Litiges', emails: ['litiges@ecoles-demo.fr'], phone: '+33145678901' }],
        change: [
          {
            id: a.id,
            before: { type: 'technical', name: 'Ops team', emails: ['ops@ecoles-demo.fr'], phone: '+33612345678' },
            after: { type: 'technical', name: 'ops TEAM', emails: ['ops@ecoles-demo.fr'], phone: '+33612345678' },
          },
          {
            id: b.id,
            before: { type: 'accounting', name: 'Compta', emails: ['compta@ecoles-demo.fr'], phone: null },
            after: { type: 'accounting', name: 'Compta', emails: ['compta@ecoles-demo.fr', 'factures@ecoles-demo.fr'], phone: null },
          },
        ],
        remove: [c],
        unchanged: 0,
      },
    });
    expect(await rows()).toEqual(before);
  });

  it('applies the plan in one go, and a second apply finds nothing to do', async () => {
    const { a, b, c } = await existing();
    clock.at += 5000;
    const res = await apply({ contacts: declared });
    expect(res.status).toBe(200);
    expect(res.body.applied).toBe(true);
    const added = res.body.plan.add[0].id;
    expect(added).toEqual(expect.any(Number));
    expect(await list(sarah)).toEqual([
      expect.objectContaining({ id: b.id, emails: ['compta@ecoles-demo.fr', 'factures@ecoles-demo.fr'], updatedAt: now() }),
      expect.objectContaining({ id: a.id, name: 'ops TEAM' }),
      expect.objectContaining({ id: added, type: 'chargebacks', name: 'Litiges', phone: '+33145678901' }),
    ]);
    expect((await s.api('GET', `/contacts/${c.id}`, { token: yann })).status).toBe(404);
    const again = await apply({ contacts: declared, dryRun: true });
    expect(again.body.plan).toEqual({ add: [], change: [], remove: [], unchanged: 3 });
  });

  it('a list with a bad entry changes nothing and names every problem by its path', async () => {
    await existing();
    const before = await rows();
    const res = await apply({
      contacts: [
        ...declared,
        { type: 'fraud', name: 'Fraude', emails: ['fraude@', 'ok@ecoles-demo.fr'], phone: '06 12 34 56 78' },
        { type: 'accounting', name: 'COMPTA', emails: ['x@ecoles-demo.fr'] },
      ],
    });
    expect(res.status).toBe(422);
    expect(fieldsOf(res)).toEqual({
      'contacts[3].emails[0]': '"fraude@": not a valid e-mail address, e.g. support@example.com',
      'contacts[3].phone': '"06 12 34 56 78" has no country code; write it in international form, e.g. +33 6 12 34 56 78',
      'contacts[4].name': expect.stringMatching(/"COMPTA" is listed twice among the accounting contacts \(also contacts\[1\]\)/),
    });
    expect(res.body.error.message).toMatch(/^the contact list has 3 problems; nothing was changed/);
    expect(await rows()).toEqual(before);
  });

  it('applies only the plan that was shown when given its fingerprint (409 otherwise, nothing changed)', async () => {
    const { a } = await existing();
    const shown = (await apply({ contacts: declared, dryRun: true })).body;
    await s.api('PATCH', `/contacts/${a.id}`, { token: sarah, body: { phone: null } });
    const before = await rows();
    const stale = await apply({ contacts: declared, ifFingerprint: shown.fingerprint });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('plan_changed');
    expect(await rows()).toEqual(before);
    const fresh = (await apply({ contacts: declared, dryRun: true })).body;
    const ok = await apply({ contacts: declared, ifFingerprint: fresh.fingerprint });
    expect(ok.status).toBe(200);
    expect(ok.body.fingerprint).toBe(fresh.fingerprint);
  });

  it('an empty list removes every contact; employees and other companies cannot apply', async () => {
    await existing();
    expect((await apply({ contacts: [] }, eve)).status).toBe(403);
    expect((await apply({ contacts: [] }, boss)).body.plan.remove).toEqual([]);
    expect(await rows()).toHaveLength(3);
    const res = await apply({ contacts: [] });
    expect(res.body.plan.remove).toHaveLength(3);
    expect(await rows()).toEqual([]);
  });
});

describe('contacts: the OpenAPI document', () => {
  it('describes the contact routes', async () => {
    const doc = (await s.api('GET', '/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/contacts', '/contacts/{id}', '/contacts/apply']));
    expect(doc.paths['/contacts/{id}'].patch.requestBody.content['application/json'].schema.properties).toHaveProperty('removeEmails');
  });
});
