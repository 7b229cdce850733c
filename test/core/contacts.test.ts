import { describe, expect, it } from 'vitest';
import { checkContactInput, apiFieldNames, parseContactList } from '../../src/core/contact-input.ts';
import { checkEmails, contactNameKey, sameEmails } from '../../src/core/contacts.ts';
import { normalisePhone } from '../../src/core/phone.ts';

describe('phone numbers', () => {
  it('normalises international forms to E.164', () => {
    for (const written of ['+33 6 12 34 56 78', '+33612345678', '+33 (0)6 12 34 56 78', '+33.6.12.34.56.78', '0033 6 12 34 56 78']) {
      expect(normalisePhone(written), written).toEqual({ phone: '+33612345678' });
    }
    expect(normalisePhone('+1 202-555-0143')).toEqual({ phone: '+12025550143' });
    expect(normalisePhone('+44 20 7946 0958')).toEqual({ phone: '+442079460958' });
  });

  it('refuses a national number, showing its international form', () => {
    expect(normalisePhone('06 12 34 56 78')).toEqual({
      problem: '"06 12 34 56 78" has no country code; write it in international form, e.g. +33 6 12 34 56 78',
    });
    expect(normalisePhone('01 45 67 89 01')).toEqual({
      problem: '"01 45 67 89 01" has no country code; write it in international form, e.g. +33 1 45 67 89 01',
    });
    expect(normalisePhone('12345')).toEqual({
      problem: '"12345" has no country code; write it in international form, e.g. +33 6 12 34 56 78',
    });
  });

  it('refuses invalid numbers and text', () => {
    expect(normalisePhone('+33 1 23')).toEqual({ problem: expect.stringMatching(/^"\+33 1 23" is not a valid phone number/) });
    expect(normalisePhone('+999 123 456')).toEqual({ problem: expect.stringMatching(/is not a valid phone number/) });
    expect(normalisePhone('+33 6 12 34 56 78 ext. 4')).toEqual({ problem: expect.stringMatching(/is not a phone number/) });
    expect(normalisePhone(' ')).toEqual({ problem: expect.stringMatching(/^is empty/) });
  });
});

describe('contact fields', () => {
  it('lower-cases and deduplicates addresses, and names each bad one', () => {
    expect(checkEmails(['Ops@X.fr', 'ops@x.fr', ' b@x.fr '], (i) => `e${i}`, 'emails')).toEqual({
      emails: ['ops@x.fr', 'b@x.fr'],
      problems: [],
    });
    expect(checkEmails(['a@x.fr', 'bad'], (i) => `e${i}`, 'emails').problems).toEqual([
      { field: 'e1', message: '"bad": not a valid e-mail address, e.g. support@example.com' },
    ]);
    expect(sameEmails(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(contactNameKey('  Équipe OPS ')).toBe('équipe ops');
  });

  it('checks only what is given, for a change', () => {
    expect(checkContactInput({ phone: null }, apiFieldNames())).toEqual({ value: { phone: null }, problems: [] });
    expect(checkContactInput({ name: 'a\nb' }, apiFieldNames()).problems).toEqual([
      { field: 'name', message: 'must be one line of plain text: it contains a control character (U+000A) at position 2; remove it' },
    ]);
  });
});

describe('contact files', () => {
  const entry = { type: 'technical', name: 'Ops', emails: ['ops@x.fr'] };

  it('takes {"contacts": [...]} or a bare array, and can ignore the extra keys of tix contact list --json', () => {
    expect(parseContactList({ contacts: [entry] })).toEqual({ contacts: [{ ...entry, phone: null }], problems: [] });
    const exported = [{ id: 3, ...entry, phone: '+33612345678', createdAt: 'x', updatedAt: 'y' }];
    expect(parseContactList(exported, { ignore: ['id', 'createdAt', 'updatedAt'] })).toEqual({
      contacts: [{ ...entry, phone: '+33612345678' }],
      problems: [],
    });
    expect(parseContactList(exported).problems.map((p) => p.field)).toEqual(['[0].id', '[0].createdAt', '[0].updatedAt']);
  });

  it('reports every problem by its path', () => {
    const { problems } = parseContactList({ contacts: [entry, 'x', { type: 'ops', emails: 'a@x.fr', phone: 33, colour: 1 }] });
    expect(problems).toEqual([
      { field: 'contacts[1]', message: 'expected an object with type, name, emails and optionally phone' },
      { field: 'contacts[2].colour', message: 'unknown key; allowed: type, name, emails, phone' },
      { field: 'contacts[2].name', message: 'is required' },
      { field: 'contacts[2].emails', message: 'expected an array of e-mail addresses, e.g. ["ops@example.com"]' },
      { field: 'contacts[2].phone', message: 'expected a string in international form, e.g. "+33 6 12 34 56 78", or null' },
      { field: 'contacts[2].type', message: 'unknown contact type "ops"; one of commercial, accounting, technical, fraud, chargebacks' },
    ]);
    expect(parseContactList({ people: [] }).problems[0]!.field).toBe('(root)');
  });
});
