// Phone numbers in international form (seed 003: "au format +indicatif"), normalised to E.164. Uses
// libphonenumber-js with its full metadata, so the client refuses exactly what the server refuses. It is
// heavy: commands load this module with `await import()` only when they have a phone number to check.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Locale } from './i18n.ts';
import { t } from './messages.ts';

export const PHONE_EXAMPLE = '+33 6 12 34 56 78';

/** Digits and the usual separators; letters ("ext. 12", "call …") are refused rather than guessed around. */
const WRITTEN = /^\+?[\d\s().\-/]+$/;

export type PhoneResult = { phone: string } | { problem: string };

/**
 * "+33 6 12 34 56 78", "+33 (0)6 12 34 56 78" and "0033 6 12 34 56 78" all give "+33612345678". A number
 * without a country code ("06 12 34 56 78") is refused with the international form to write instead.
 */
export function normalisePhone(text: string, locale: Locale = 'en'): PhoneResult {
  const raw = text.trim();
  if (raw === '') return { problem: t(locale, 'phone.empty', { example: PHONE_EXAMPLE }) };
  if (raw.length > 40 || !WRITTEN.test(raw)) return { problem: t(locale, 'phone.notPhone', { value: raw, example: PHONE_EXAMPLE }) };
  // 00 is the international call prefix in most of the world: 0033… is +33…
  const international = raw.startsWith('00') ? `+${raw.slice(2)}` : raw;
  if (!international.startsWith('+')) {
    // The product speaks to French companies first: show the French reading of the number when it has one.
    const french = parsePhoneNumberFromString(raw, 'FR');
    const example = french?.isValid() ? french.formatInternational() : PHONE_EXAMPLE;
    return { problem: t(locale, 'phone.noCountry', { value: raw, example }) };
  }
  const parsed = parsePhoneNumberFromString(international);
  if (!parsed?.isValid()) return { problem: t(locale, 'phone.invalid', { value: raw, example: PHONE_EXAMPLE }) };
  return { phone: parsed.number };
}
