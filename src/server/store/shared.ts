// What both databases' stores decide the same way, in one place.
import type { ContactDraft } from '../../core/contact-input.ts';
import type { ContactRow } from './store.ts';

/** The same name, addresses and phone: an update that changes nothing keeps its time. */
export function sameContact(current: ContactRow, next: ContactDraft): boolean {
  return next.name === current.name && next.phone === current.phone && JSON.stringify(next.emails) === JSON.stringify(current.emails);
}
