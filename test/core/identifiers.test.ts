import { describe, expect, it } from 'vitest';
import { emailProblem, luhnValid, sirenProblem, siretProblem } from '../../src/core/identifiers.ts';
import { demoEstablishments } from '../../src/server/demo.ts';

describe('SIREN and SIRET', () => {
  it('accepts Luhn-valid numbers, including the demo organisation', () => {
    expect(sirenProblem('732829320')).toBeUndefined();
    expect(sirenProblem('812345676')).toBeUndefined();
    for (const e of Object.values(demoEstablishments)) expect(siretProblem(e.siret)).toBeUndefined();
  });

  it('rejects a wrong check digit and says why', () => {
    expect(luhnValid('812345677')).toBe(false);
    expect(sirenProblem('812345677')).toMatch(/check digit/);
    expect(siretProblem('81234567600018')).toMatch(/check digit/);
  });

  it('rejects the wrong length or non-digits with an example', () => {
    expect(sirenProblem('12345')).toMatch(/exactly 9 digits/);
    expect(siretProblem('8123456760001A')).toMatch(/exactly 14 digits/);
  });

  it('checks e-mail addresses, group addresses included', () => {
    expect(emailProblem('technique@votresociete.fr')).toBeUndefined();
    expect(emailProblem('not-an-email')).toMatch(/valid e-mail/);
    expect(emailProblem('a@b')).toMatch(/valid e-mail/);
  });
});
