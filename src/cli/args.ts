import type { ProviderInfo } from '../api/provider.ts';
import { usageError } from '../core/errors.ts';
import { type LocalText, pickText } from '../core/i18n.ts';
import { t } from './messages.ts';

/** Parses an id argument ("42" or "#42"); anything else is a usage error naming what was expected. */
export function parseId(value: string, what: string | LocalText): number {
  const n = Number(value.replace(/^#/, ''));
  if (!Number.isSafeInteger(n) || n <= 0) throw usageError(t.text('args.id', { what, value }));
  return n;
}

/**
 * A ticket reference as the profile's helpdesk writes it ("42" on tix serve, "SD-42" on Jira): the provider
 * parses it, before anything is sent. `flag` names where it came from (e.g. --follow-up) in the error.
 */
export function parseRef(info: ProviderInfo, value: string, flag?: string): string {
  const ref = info.parseRef(value);
  if (ref === undefined) {
    const example: LocalText = (l) => pickText(info.refExample, l);
    const params = { example, provider: info.displayName, value };
    throw usageError(flag ? t.text('args.refFlag', { ...params, flag }) : t.text('args.ref', params));
  }
  return ref;
}

/** Commander's collector for a repeatable option: `--email a --email b` gives ["a", "b"]. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
