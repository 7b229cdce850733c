// French company identifiers (seed 000): a company has a SIREN (9 digits), each establishment a SIRET
// (its company's SIREN followed by a 5-digit NIC). Both carry a Luhn check digit.
import type { Locale } from './i18n.ts';
import { t } from './messages.ts';

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Returns why a SIREN is invalid, or undefined when it is fine. */
export function sirenProblem(siren: string, locale: Locale = 'en'): string | undefined {
  if (!/^\d{9}$/.test(siren)) return t(locale, 'siren.format');
  if (!luhnValid(siren)) return t(locale, 'siren.luhn');
  return undefined;
}

/** Returns why a SIRET is invalid, or undefined when it is fine. */
export function siretProblem(siret: string, locale: Locale = 'en'): string | undefined {
  if (!/^\d{14}$/.test(siret)) return t(locale, 'siret.format');
  if (!luhnValid(siret)) return t(locale, 'siret.luhn');
  return undefined;
}

/** Accepts the usual written forms ("732 829 320 00074") and returns digits only. */
export function normalizeDigits(value: string): string {
  return value.replace(/[\s.-]/g, '');
}

export function sirenOf(siret: string): string {
  return siret.slice(0, 9);
}

// Simple, deliberately permissive address check: one @, something on both sides, a dot in the domain.
// Group and distribution addresses (seed 003) are ordinary addresses, so nothing special is needed.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function emailProblem(email: string, locale: Locale = 'en'): string | undefined {
  if (email.length > 254 || !EMAIL.test(email)) return t(locale, 'email.invalid');
  return undefined;
}
