import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  defineMessages,
  formatBytes,
  formatDate,
  formatList,
  formatRelativeTime,
  localeOf,
  type Locale,
  locales,
  negotiateLocale,
  type Text,
} from '../../src/core/i18n.ts';
import { statuses } from '../../src/core/lifecycle.ts';
import { t as auth } from '../../src/auth/messages.ts';
import { t as cli } from '../../src/cli/messages.ts';
import { t as completion } from '../../src/cli/completion/messages.ts';
import { t as config } from '../../src/commands/config/messages.ts';
import { t as contact } from '../../src/commands/contact/messages.ts';
import { t as establishment } from '../../src/commands/establishment/messages.ts';
import { t as api } from '../../src/commands/api.messages.ts';
import { t as authCommands } from '../../src/commands/auth/messages.ts';
import { t as help } from '../../src/commands/help.messages.ts';
import { t as serve } from '../../src/commands/serve.messages.ts';
import { t as version } from '../../src/commands/version.messages.ts';
import { t as notification } from '../../src/commands/notification/messages.ts';
import { t as settings } from '../../src/commands/settings/messages.ts';
import { t as token } from '../../src/commands/token/messages.ts';
import { t as ticket } from '../../src/commands/ticket/messages.ts';
import { t as type } from '../../src/commands/type/messages.ts';
import { t as core } from '../../src/core/messages.ts';
import { t as demo } from '../../src/dev/messages.ts';
import { t as io } from '../../src/io/messages.ts';
import { t as mail } from '../../src/server/notifications/messages.ts';
import { t as web } from '../../src/server/web/messages.ts';

// Every catalog of the project: test/cli/i18n.test.ts fails when a messages.ts is not listed here.
const catalogs = {
  auth,
  cli,
  config,
  contact,
  establishment,
  notification,
  settings,
  ticket,
  token,
  type,
  core,
  io,
  mail,
  web,
  authCommands,
  api,
  help,
  serve,
  version,
  completion,
  demo,
};

const placeholders = (text: Text) =>
  [
    ...new Set(
      (typeof text === 'string' ? [text] : Object.values(text)).flatMap((s) => [...(s ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1])),
    ),
  ].sort();

describe('message catalogs', () => {
  it('every messages.ts of src/ is checked here', () => {
    const src = new URL('../../src/', import.meta.url);
    // catalogs made with defineMessages (a provider's own wording helpers are not catalogs)
    const files = (readdirSync(src, { recursive: true }) as string[]).filter(
      (f) => /(^|[/.])messages\.ts$/.test(f) && readFileSync(new URL(f, src), 'utf8').includes('defineMessages('),
    );
    expect(files.length).toBe(Object.keys(catalogs).length);
  });

  for (const [name, catalog] of Object.entries(catalogs) as Array<[string, { messages: Record<Locale, Record<string, Text>> }]>) {
    it(`${name}: every key has an English and a French text, with the same placeholders`, () => {
      const keys = Object.keys(catalog.messages.en);
      expect(keys.length).toBeGreaterThan(0);
      for (const locale of locales) {
        expect(Object.keys(catalog.messages[locale]).sort(), `${name} ${locale}: keys`).toEqual([...keys].sort());
        for (const key of keys) {
          const text = catalog.messages[locale][key]!;
          const forms = typeof text === 'string' ? [text] : Object.values(text);
          for (const form of forms) expect(form?.trim(), `${name} ${locale} ${key}`).toBeTruthy();
          if (typeof text !== 'string') expect(text.other, `${name} ${locale} ${key}: plural without "other"`).toBeTruthy();
          expect(placeholders(text), `${name} ${locale} ${key}: placeholders`).toEqual(placeholders(catalog.messages.en[key]!));
        }
      }
    });
  }

  it('TypeScript refuses a catalog whose French lacks a key, or has one more', () => {
    // @ts-expect-error: "b" has no French text
    defineMessages({ en: { a: 'A', b: 'B' }, fr: { a: 'A' } });
    // @ts-expect-error: "c" has no English text
    defineMessages({ en: { a: 'A' }, fr: { a: 'A', c: 'C' } });
    const t = defineMessages({ en: { hello: 'Hello {name}' }, fr: { hello: 'Bonjour {name}' } });
    // @ts-expect-error: the placeholder's value is missing
    expect(t('en', 'hello')).toBe('Hello {name}');
    // @ts-expect-error: no such key
    t('en', 'bye', {});
    expect(t('fr', 'hello', { name: 'Yann' })).toBe('Bonjour Yann');
  });

  it('the statuses read like seed 000 in French', () => {
    expect(statuses.map((s) => web('fr', `status.${s}`))).toEqual(['Message envoyé', 'Réponse disponible', 'Ouvert', 'Résolu', 'Clôturé']);
    expect(statuses.map((s) => web('en', `status.${s}`))).toEqual(['Message sent', 'Answer available', 'Open', 'Resolved', 'Closed']);
  });
});

describe('plurals and numbers (Intl.PluralRules, NumberFormat)', () => {
  const t = defineMessages({
    en: { unread: { zero: 'nothing unread', one: '{count} unread message', other: '{count} unread messages' } },
    fr: { unread: { zero: 'rien à lire', one: '{count} message non lu', other: '{count} messages non lus' } },
  });

  it('chooses the form by the language rules: French 0 and 1 are singular, English 1 only', () => {
    expect(t('en', 'unread', { count: 1 })).toBe('1 unread message');
    expect(t('en', 'unread', { count: 2 })).toBe('2 unread messages');
    expect(t('fr', 'unread', { count: 1 })).toBe('1 message non lu');
    expect(t('fr', 'unread', { count: 2 })).toBe('2 messages non lus');
    expect(t('en', 'unread', { count: 0 })).toBe('nothing unread');
    expect(web('fr', 'inbox.messages', { count: 0 })).toBe('0 message non lu');
    expect(web('en', 'inbox.messages', { count: 0 })).toBe('0 unread messages');
  });

  it('writes numbers the locale way, and falls back to "other" for forms a catalog does not have', () => {
    expect(t('en', 'unread', { count: 1234 })).toBe('1,234 unread messages');
    // French says "1 000 000 de messages" ("many"); without a "many" form, "other" is used
    expect(t('fr', 'unread', { count: 1_000_000 })).toBe('1\u202f000\u202f000 messages non lus');
  });

  it('lists the locale way (Intl.ListFormat)', () => {
    expect(formatList('en', ['manual', 'on-open'], 'disjunction')).toBe('manual or on-open');
    expect(formatList('fr', ['manual', 'on-open'], 'disjunction')).toBe('manual ou on-open');
    expect(formatList('en', ['a', 'b', 'c'])).toBe('a, b, and c');
    expect(formatList('fr', ['a', 'b', 'c'])).toBe('a, b et c');
  });

  it('sizes, dates and relative times', () => {
    // Intl separates with no-break spaces
    const plain = (s: string) => s.replace(/\s/g, ' ');
    expect(plain(formatBytes('en', 12))).toBe('12 bytes');
    expect(plain(formatBytes('fr', 1500))).toBe('1,5 ko');
    expect(plain(formatBytes('en', 2_500_000))).toBe('2.5 MB');
    expect(formatDate('en', '2026-12-03')).toBe('December 3, 2026');
    expect(formatDate('fr', '2026-12-03')).toBe('3 décembre 2026');
    const now = new Date('2026-11-30T12:00:00Z');
    expect(formatRelativeTime('en', '2026-11-30T09:00:00Z', now)).toBe('3 hours ago');
    expect(formatRelativeTime('fr', '2026-11-30T09:00:00Z', now)).toBe('il y a 3 heures');
    expect(formatRelativeTime('fr', '2026-11-29T12:00:00Z', now)).toBe('hier');
    expect(formatRelativeTime('en', '2026-11-30T11:59:58Z', now)).toBe('now');
  });
});

describe('choosing the language', () => {
  it('from Accept-Language: the supported language weighed most, English otherwise', () => {
    expect(negotiateLocale(undefined)).toBe('en');
    expect(negotiateLocale('')).toBe('en');
    expect(negotiateLocale('fr')).toBe('fr');
    expect(negotiateLocale('fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7')).toBe('fr');
    expect(negotiateLocale('en-GB,fr;q=0.5')).toBe('en');
    expect(negotiateLocale('de-DE,fr-CA;q=0.8,en;q=0.5')).toBe('fr');
    expect(negotiateLocale('en;q=0.2, fr;q=0.9')).toBe('fr');
    expect(negotiateLocale('fr;q=0, en')).toBe('en');
    expect(negotiateLocale('de, es')).toBe('en');
    expect(negotiateLocale('*')).toBe('en');
    expect(negotiateLocale(';;;,q=,fr;q=abc')).toBe('fr');
  });

  it('from a language tag or a POSIX locale', () => {
    expect(localeOf('fr_FR.UTF-8')).toBe('fr');
    expect(localeOf('fr-CA')).toBe('fr');
    expect(localeOf('en_US')).toBe('en');
    expect(localeOf('C.UTF-8')).toBeUndefined();
    expect(localeOf('de')).toBeUndefined();
  });
});
