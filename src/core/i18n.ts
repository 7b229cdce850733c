// French and English for what a person reads. The engine only: each part of tix keeps its own catalog
// (`defineMessages`), one map per locale, and TypeScript refuses a catalog whose French lacks a key of the
// English or has one more. Plurals, numbers, dates and relative times come from Intl, so there is no message
// library to load. It lives in src/core because the server (the web view) and the CLI both use it, and the
// server must not depend on the CLI's terminal layer (src/io).

export const locales = ['en', 'fr'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

/** Plural forms chosen by `Intl.PluralRules` on the `count` parameter; `other` is always there. */
export interface PluralText {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

/** A message: text with `{name}` placeholders, or plural forms of such text. */
export type Text = string | PluralText;

/** `{name}` is a placeholder; braces around anything else (a JSON example such as `{"contacts": […]}`) are text. */
type PlaceholderName<N extends string> = N extends `${string}${' ' | '"' | ':' | '{' | '[' | ','}${string}` ? never : N;
type Placeholders<S> = S extends `${string}{${infer Name}}${infer Rest}` ? PlaceholderName<Name> | Placeholders<Rest> : never;
type ParamNames<T> = T extends string ? Placeholders<T> : T extends PluralText ? 'count' | Placeholders<T[keyof T]> : never;
export type ParamValue = string | number;
/** What `t` needs for a message: nothing, or a value for each placeholder of its English text. */
type ParamsOf<T> = [ParamNames<T>] extends [never] ? [params?: Record<string, never>] : [params: Record<ParamNames<T>, ParamValue>];
/** The same for a message rendered later: a value may itself be text to render in the same language. */
type LazyParamsOf<T> = [ParamNames<T>] extends [never]
  ? [params?: Record<string, never>]
  : [params: Record<ParamNames<T>, ParamValue | LocalText>];

/**
 * Text that can be read in any supported language, rendered when it is shown: an error keeps one, so the
 * person at the terminal reads it in their language while the JSON error line for tools stays English.
 */
export type LocalText = (locale: Locale) => string;

export interface Translate<M extends Record<string, Text>> {
  <K extends keyof M & string>(locale: Locale, key: K, ...params: ParamsOf<M[K]>): string;
  /** the same message, rendered later in whatever language it is read in */
  text<K extends keyof M & string>(key: K, ...params: LazyParamsOf<M[K]>): LocalText;
  /** the catalog itself, for tests that compare the locales */
  readonly messages: { readonly [L in Locale]: Readonly<Record<keyof M & string, Text>> };
}

/**
 * A catalog: `t(locale, key, params)`. The English messages name the keys and their placeholders; the
 * French must have exactly the same keys (a missing or extra key does not compile).
 */
export function defineMessages<const M extends Record<string, Text>>(messages: {
  en: M;
  fr: { readonly [K in keyof M]: Text };
}): Translate<M> {
  const t = (locale: Locale, key: string, params: Record<string, ParamValue> = {}): string => {
    const text: Text = (messages[locale] as Record<string, Text>)[key] ?? (messages.en as Record<string, Text>)[key] ?? key;
    const chosen = typeof text === 'string' ? text : pluralForm(locale, text, Number(params.count));
    return interpolate(locale, chosen, params);
  };
  const text =
    (key: string, params: Record<string, ParamValue | LocalText> = {}): LocalText =>
    (locale) =>
      t(locale, key, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'function' ? v(locale) : v])));
  return Object.assign(t, { messages, text }) as unknown as Translate<M>;
}

/** Fixed words that read the same in every language (a command line, a file name) as a LocalText. */
export const verbatim =
  (text: string): LocalText =>
  () =>
    text;

/**
 * Words given in several languages by data rather than code: a request type's label, a status's label. The
 * helpdesk may know one language only; whatever it has is shown (the reader's language first, then English).
 */
export type Localized = Partial<Record<Locale, string>>;

/** The text of a Localized for a reader: their language, else English, else whatever there is. */
export function pickText(text: Localized | string | undefined, locale: Locale): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[locale] ?? text.en ?? Object.values(text).find((v) => v !== undefined) ?? '';
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** Intl objects are costly to make and safe to share: one per locale. */
function perLocale<T>(cache: Map<Locale, T>, locale: Locale, make: (locale: Locale) => T): T {
  let value = cache.get(locale);
  if (value === undefined) {
    value = make(locale);
    cache.set(locale, value);
  }
  return value;
}

function pluralForm(locale: Locale, text: PluralText, count: number): string {
  const rules = perLocale(pluralRules, locale, (l) => new Intl.PluralRules(l));
  // an exact 0 may have its own wording ("no unread message") in any language
  if (count === 0 && text.zero !== undefined) return text.zero;
  return text[rules.select(count)] ?? text.other;
}

/**
 * "Label: value" as each language writes it: French typography puts a space before the colon ("Gravité : Élevée").
 * Every line that prints a label and its value goes through here, so the two never drift apart.
 */
export function labelled(locale: Locale, label: string, value: string): string {
  return `${label}${locale === 'fr' ? ' :' : ':'} ${value}`;
}

/** Fills `{name}` with its value; numbers are written the locale's way (1 000 in French). */
export function interpolate(locale: Locale, text: string, params: Record<string, ParamValue>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (typeof value === 'number') return formatNumber(locale, value);
    return value;
  });
}

export function formatNumber(locale: Locale, n: number): string {
  return perLocale(numberFormats, locale, (l) => new Intl.NumberFormat(l)).format(n);
}

const listFormats = new Map<string, Intl.ListFormat>();

/** Words as a list the locale's way: "manual or on-open" / "manual ou on-open", "a, b and c" / "a, b et c". */
export function formatList(locale: Locale, items: readonly string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  let format = listFormats.get(`${locale}/${type}`);
  if (!format) {
    format = new Intl.ListFormat(locale, { type });
    listFormats.set(`${locale}/${type}`, format);
  }
  return format.format(items);
}

/** A file size the locale's way, in decimal units: "1.5 kB" / "1,5 ko". */
export function formatBytes(locale: Locale, bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  // "12 bytes" / "12 octets" in full; larger units short (kB, ko)
  const unitDisplay = unit === 0 ? 'long' : 'short';
  return new Intl.NumberFormat(locale, { style: 'unit', unit: units[unit], unitDisplay, maximumFractionDigits: unit === 0 ? 0 : 1 }).format(
    value,
  );
}

/** A date and time the locale's way: "3 Dec 2026, 14:05" / "3 déc. 2026, 14:05". */
export function formatDateTime(locale: Locale, at: Date | string, options: { timeZone?: string } = {}): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...options }).format(new Date(at));
}

/** A calendar date (a form's YYYY-MM-DD value) the locale's way, without shifting it by a time zone. */
export function formatDate(locale: Locale, date: string): string {
  const at = new Date(/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : date);
  if (Number.isNaN(at.getTime())) return date;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(at);
}

const relativeUnits: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

/**
 * How long ago (or ahead) a time is: "3 hours ago" / "il y a 3 heures", "yesterday" / "hier"; `short` for
 * tables: "3 hr. ago" / "il y a 3 h".
 */
export function formatRelativeTime(
  locale: Locale,
  at: Date | string | number,
  now: Date = new Date(),
  style: 'long' | 'short' = 'long',
): string {
  const diff = new Date(at).getTime() - now.getTime();
  let format = relativeFormats.get(`${locale}/${style}`);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style });
    relativeFormats.set(`${locale}/${style}`, format);
  }
  // seconds are noise to a reader: "now" / "maintenant"
  if (Math.abs(diff) < 45_000) return format.format(0, 'second');
  for (const [unit, ms] of relativeUnits) if (Math.abs(diff) >= ms) return format.format(Math.round(diff / ms), unit);
  return format.format(0, 'second');
}

/**
 * The language to speak to the person at the terminal: TIX_LANG, then tix config's `lang`, then LC_ALL,
 * LC_MESSAGES and LANG, as POSIX programs read them: the first one that is set decides, and English is the
 * default (also for a language tix does not speak, such as de_DE, and for the C and POSIX locales).
 */
export function resolveLocale(env: Record<string, string | undefined>, configured?: string): Locale {
  for (const value of [env.TIX_LANG, configured, env.LC_ALL, env.LC_MESSAGES, env.LANG])
    if (value !== undefined && value.trim() !== '') return localeOf(value) ?? defaultLocale;
  return defaultLocale;
}

/** The supported locale a language tag or a POSIX locale names: "fr-CA" and "fr_FR.UTF-8" are French. */
export function localeOf(tag: string): Locale | undefined {
  const language = tag
    .trim()
    .toLowerCase()
    .split(/[-_.@]/)[0];
  return (locales as readonly string[]).includes(language ?? '') ? (language as Locale) : undefined;
}

/** The language of this terminal's messages (LC_ALL, LC_MESSAGES, LANG, in POSIX order), when it is one of ours. */
export function localeFromEnv(env: Record<string, string | undefined>): Locale | undefined {
  return localeOf(env.LC_ALL || env.LC_MESSAGES || env.LANG || '');
}

/**
 * The locale to answer in from an HTTP Accept-Language header (RFC 9110 §12.5.4): the supported language the
 * client weighs most (q=0 means "not this one"), English when it names none of ours.
 */
export function negotiateLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return defaultLocale;
  const ranges = acceptLanguage
    .split(',')
    .slice(0, 50)
    .map((part, index) => {
      const [tag = '', ...attributes] = part.trim().split(';');
      const q = attributes.map((a) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(a)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.tag !== '' && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const r of ranges) {
    if (r.tag === '*') return defaultLocale;
    const locale = localeOf(r.tag);
    if (locale) return locale;
  }
  return defaultLocale;
}
