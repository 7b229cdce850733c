// What both databases' stores decide the same way, in one place.
import type { ContactDraft } from '../../core/contact-input.ts';
import type { Status } from '../../core/lifecycle.ts';
import type { ContactRow, NotificationKind } from './store.ts';

/** The same name, addresses and phone: an update that changes nothing keeps its time. */
export function sameContact(current: ContactRow, next: ContactDraft): boolean {
  return next.name === current.name && next.phone === current.phone && JSON.stringify(next.emails) === JSON.stringify(current.emails);
}

/**
 * The words of a search as the user typed it: split on spaces and on anything but letters, digits and the
 * characters of addresses and names (@ . _ ' -), keeping those with a letter or a digit; at most 20. Both stores
 * search for every one of them.
 */
export function searchTerms(words: string): string[] {
  return (
    words
      .split(/\s+/)
      .map((w) =>
        w
          .replace(/"/g, '')
          .replace(/[^\p{L}\p{N}@._'-]+/gu, ' ')
          .trim(),
      )
      .flatMap((w) => w.split(/\s+/))
      // a word of punctuation only ("'", "...") is no word: it narrows nothing
      .filter((w) => /[\p{L}\p{N}]/u.test(w))
      .slice(0, 20)
  );
}

/**
 * The notification a change of status makes: resolved, closed, or reopened (back to an active status from
 * resolved or closed); none when the status stays.
 */
export function statusChangeKind(before: Status, after: Status): NotificationKind | undefined {
  if (after === before) return undefined;
  if (after === 'resolved') return 'resolved';
  if (after === 'closed') return 'closed';
  if (before === 'resolved' || before === 'closed') return 'reopened';
  return undefined;
}
