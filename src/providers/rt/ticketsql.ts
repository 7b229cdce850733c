// Filters in RT's query language (TicketSQL). Values are always quoted strings: a value cannot end the string
// early and add clauses of its own.

/** 'it\'s' */
export function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** 'CF.{Name}', quoted as a whole: names may have spaces and hyphens. */
export function customField(name: string, prefix: 'CF' | 'TxnCF' = 'CF'): string {
  return quote(`${prefix}.{${name}}`);
}

export function any(clauses: string[]): string {
  return clauses.length === 1 ? clauses[0]! : `(${clauses.join(' OR ')})`;
}

/** Every clause: each is a comparison or an `any` in parentheses. */
export function all(clauses: string[]): string {
  return clauses.join(' AND ');
}

/**
 * A time as TicketSQL compares it: RT reads a bare time in the user's own time zone, so the offset is always
 * written (and RT cannot read fractions of seconds).
 */
export function rtTime(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace('T', ' ')} +0000`;
}

/** "YYYY-MM-DD" (midnight UTC) or RFC 3339 → a time TicketSQL reads; undefined when it is neither. */
export function sinceTime(text: string): string | undefined {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  return Number.isNaN(ms) ? undefined : rtTime(new Date(ms));
}

/** Keywords: each one in the subject or in a message (RT's full-text search; subjects only where RT has none). */
export function keywords(text: string): string[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 10)
    .map((word) => `(Subject LIKE ${quote(word)} OR Content LIKE ${quote(word)})`);
}
