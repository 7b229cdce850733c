import { Argument } from 'commander';
import { preferenceKeys } from '../../auth/config.ts';
import { completeWith, words } from '../../cli/completion/hints.ts';

/** The KEY argument of get, set and unset: completes the keys, with what each one does. */
export function keyArgument(): Argument {
  return completeWith(
    new Argument('<key>', `one of ${preferenceKeys.map((k) => k.key).join(', ')}`),
    words(preferenceKeys.map((k) => ({ value: k.key, description: k.description('en') }))),
  );
}
