// What the server accepts as a JSON body beyond JSON.parse: valid UTF-8, no lone surrogates, no key twice.

/**
 * A string anywhere in a parsed JSON value (keys included) holding half a surrogate pair. Only a \uD8xx-\uDFxx
 * escape can make one (the bytes are valid UTF-8), so other bodies are not walked; the walk is iterative, as
 * deep as the nesting is.
 */
export function hasLoneSurrogate(text: string, value: unknown): boolean {
  if (!/\\u[dD][89a-fA-F]/.test(text)) return false;
  const lone = /[\ud800-\udfff]/u;
  const pending: unknown[] = [value];
  while (pending.length) {
    const v = pending.pop();
    if (typeof v === 'string') {
      if (lone.test(v)) return true;
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) pending.push(k, child);
    }
  }
  return false;
}

/**
 * The first key that appears twice in one object of `text`, which JSON.parse has already accepted. JSON.parse
 * keeps the last of two equal keys, so a body checked by one reader and acted on by another could mean two
 * different things; such a body is refused instead. Keys are compared decoded ("\u0061" is "a"). One pass,
 * no recursion.
 */
export function duplicateKey(text: string): string | undefined {
  // one entry per open object (its keys so far) or array (null)
  const open: Array<Set<string> | null> = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let j = i + 1;
      let escaped = false;
      while (text.charCodeAt(j) !== 0x22) {
        if (text.charCodeAt(j) === 0x5c /* \ */) {
          escaped = true;
          j++;
        }
        j++;
      }
      if (expectKey) {
        const keys = open.at(-1)!;
        const key = escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : text.slice(i + 1, j);
        if (keys.has(key)) return key;
        keys.add(key);
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b /* { */) {
      open.push(new Set());
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      open.push(null);
      expectKey = false;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      open.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      expectKey = open.at(-1) instanceof Set;
    }
  }
  return undefined;
}
