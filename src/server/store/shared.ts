// What both databases' stores decide the same way, in one place.
import type { ContactDraft } from '../../core/contact-input.ts';
import type { Status } from '../../core/lifecycle.ts';
import type { ContactRow, NotificationKind } from './store.ts';

/** The same name, addresses and phone: an update that changes nothing keeps its time. */
export function sameContact(current: ContactRow, next: ContactDraft): boolean {
  return next.name === current.name && next.phone === current.phone && JSON.stringify(next.emails) === JSON.stringify(current.emails);
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
