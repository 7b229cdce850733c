import { Argument } from 'commander';
import { preferenceKeys } from '../../auth/config.ts';
import { completeWith, words } from '../../cli/completion/hints.ts';
import type { Locale } from '../../core/i18n.ts';
import { t } from './messages.ts';

/** The KEY argument of get, set and unset: completes the keys, with what each one does (completion is English). */
export function keyArgument(l: Locale): Argument {
  return completeWith(
    new Argument('<key>', t(l, 'key', { keys: preferenceKeys.map((k) => k.key).join(', ') })),
    words(preferenceKeys.map((k) => ({ value: k.key, description: k.description('en') }))),
  );
}
