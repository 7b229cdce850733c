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

/**
 * The exact unread rows of the tickets selected by `where` (on `t`), for every user who sees them (agents, and
 * the administrators of their establishment) or only for the user `onlyUser` (a parameter such as `?2` or `$2`):
 * messages by someone else that the user has not marked read.
 */
export const unreadRows = (where: string, onlyUser?: string) => `
  INSERT INTO ticket_unread (ticket_id, user_id, establishment_id, type, updated_at, unread)
  SELECT t.id AS ticket_id, v.user_id, t.establishment_id, t.type, t.updated_at, count(*) AS unread
  FROM (
    SELECT t.id AS ticket_id, u.id AS user_id FROM tickets t JOIN users u ON u.role = 'agent'${onlyUser ? ` AND u.id = ${onlyUser}` : ''} WHERE ${where}
    UNION
    SELECT t.id, mb.user_id FROM tickets t JOIN memberships mb ON mb.establishment_id = t.establishment_id AND mb.role = 'admin'${onlyUser ? ` AND mb.user_id = ${onlyUser}` : ''} WHERE ${where}
  ) v
  JOIN tickets t ON t.id = v.ticket_id
  JOIN messages m ON m.ticket_id = t.id AND m.author_id <> v.user_id
  WHERE NOT EXISTS (SELECT 1 FROM message_reads r WHERE r.user_id = v.user_id AND r.message_id = m.id)
  GROUP BY t.id, v.user_id`;
