// What a flag's value or an argument completes to, when commander's own data (choices) does not say.
// Kept tiny and free of imports: command modules use it at load time.

/** Values `tix __complete WHAT` prints, asked for by the shell scripts while completing. */
export const dynamicKinds = ['ticket-ids', 'types', 'profiles', 'statuses', 'establishments', 'contact-ids', 'fields'] as const;
export type DynamicKind = (typeof dynamicKinds)[number];

export interface Word {
  value: string;
  description?: string;
}

export type Values =
  | { kind: 'words'; words: Word[] }
  | { kind: 'dynamic'; what: DynamicKind }
  | { kind: 'files' }
  | { kind: 'dirs' }
  /** the values depend on an earlier argument (1-based position `on`): tix config set KEY VALUE */
  | { kind: 'keyed'; on: number; cases: Record<string, Values> };

const hints = new WeakMap<object, Values>();

/** Attaches completion values to a commander Option or Argument; returns it for chaining. */
export function completeWith<T extends object>(target: T, values: Values): T {
  hints.set(target, values);
  return target;
}

export function completionHint(target: object): Values | undefined {
  return hints.get(target);
}

export function words(list: ReadonlyArray<string | Word>): Values {
  return { kind: 'words', words: list.map((w) => (typeof w === 'string' ? { value: w } : w)) };
}
