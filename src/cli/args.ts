import type { ProviderInfo } from '../api/provider.ts';
import { usageError } from '../core/errors.ts';

/** Parses an id argument ("42" or "#42"); anything else is a usage error naming what was expected. */
export function parseId(value: string, what: string): number {
  const n = Number(value.replace(/^#/, ''));
  if (!Number.isSafeInteger(n) || n <= 0) throw usageError(`expected a ${what} (a positive number), got "${value}"`);
  return n;
}

/**
 * A ticket reference as the profile's helpdesk writes it ("42" on tix serve, "SD-42" on Jira): the provider
 * parses it, before anything is sent. `flag` names where it came from (e.g. --follow-up) in the error.
 */
export function parseRef(info: ProviderInfo, value: string, flag?: string): string {
  const ref = info.parseRef(value);
  if (ref === undefined)
    throw usageError(`${flag ? `${flag}: ` : ''}expected ${info.refExample} (a ticket reference of ${info.displayName}), got "${value}"`);
  return ref;
}

/** Commander's collector for a repeatable option: `--email a --email b` gives ["a", "b"]. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
