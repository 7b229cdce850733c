import { usageError } from '../core/errors.ts';

/** Parses an id argument ("42" or "#42"); anything else is a usage error naming what was expected. */
export function parseId(value: string, what: string): number {
  const n = Number(value.replace(/^#/, ''));
  if (!Number.isSafeInteger(n) || n <= 0) throw usageError(`expected a ${what} (a positive number), got "${value}"`);
  return n;
}

/** Commander's collector for a repeatable option: `--email a --email b` gives ["a", "b"]. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
