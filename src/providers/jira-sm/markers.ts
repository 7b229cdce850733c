// JSM has no idempotency keys: a create or a reply sent again after a lost answer would file twice. tix records
// the request's key on what it writes instead, as an invisible marker at the end of the description or comment
// (zero-width characters: nothing shows in the portal, in Jira or in e-mails), and before writing, or after a
// lost answer, looks for it. The marker holds 64 bits of the key's SHA-256, never the key itself.
import { createHash } from 'node:crypto';

const OPEN = '\u2063'; // INVISIBLE SEPARATOR
const DIGITS = ['\u200b', '\u200c', '\u200d', '\u2060']; // zero-width space, non-joiner, joiner, word joiner
const MARKER = /\u2063(?:\u200b|\u200c|\u200d|\u2060){32}\u2063/g;

/** The invisible marker of an idempotency key: 32 base-4 digits of its hash between two separators. */
export function markerOf(key: string): string {
  const bytes = createHash('sha256').update(key).digest().subarray(0, 8);
  let digits = '';
  for (const byte of bytes) for (let shift = 6; shift >= 0; shift -= 2) digits += DIGITS[(byte >> shift) & 3];
  return `${OPEN}${digits}${OPEN}`;
}

/** The text with the key's marker at its end. */
export function withMarker(text: string, key: string | undefined): string {
  return key === undefined ? text : `${text}${markerOf(key)}`;
}

/** Whether the text carries the key's marker. */
export function hasMarker(text: string | undefined, key: string): boolean {
  return typeof text === 'string' && text.includes(markerOf(key));
}

/** The text as people wrote it: without markers. */
export function withoutMarkers(text: string): string {
  return text.replace(MARKER, '');
}
