// What the Request Tracker provider is, without its code: read before anything is sent (references, statuses,
// capabilities), so it stays in the main bundle and costs nothing to load. The code (index.ts) loads only for a
// profile whose provider is rt.
import type { ProviderInfo } from '../../api/provider.ts';
import type { StatusSpec } from '../../core/status.ts';

/**
 * RT's default lifecycle (RT's French words as labels). A reply on resolved reopens the ticket (RT's scrip "On
 * Correspond Open Inactive Tickets"); RT would also reopen a rejected or deleted one, but tix refuses replies there,
 * as on any closed ticket: the way on is a follow-up. A status of a queue's own lifecycle, which REST2 does not
 * describe, counts as open.
 */
export const rtStatuses: readonly StatusSpec[] = [
  { name: 'new', category: 'new', acceptsReplies: true, labels: { fr: 'Nouveau' } },
  { name: 'open', category: 'open', acceptsReplies: true, labels: { fr: 'Ouvert' } },
  { name: 'stalled', category: 'waiting', acceptsReplies: true, labels: { fr: 'Stagnant' } },
  { name: 'resolved', category: 'resolved', acceptsReplies: true, labels: { fr: 'Résolu' } },
  { name: 'rejected', category: 'closed', acceptsReplies: false, labels: { fr: 'Rejeté' } },
  { name: 'deleted', category: 'closed', acceptsReplies: false, labels: { fr: 'Effacé' } },
];

export const info: ProviderInfo = {
  name: 'rt',
  displayName: 'Request Tracker',
  // RT has no read state, account contacts, tix tokens, organisation settings or establishments
  capabilities: ['tickets', 'requestTypes'],
  statuses: rtStatuses,
  parseRef: (text) => {
    const m = /^#?([1-9]\d*)$/.exec(text.trim());
    return m && Number.isSafeInteger(Number(m[1])) ? m[1] : undefined;
  },
  showRef: (ref) => `#${ref}`,
  refExample: 'a ticket number such as 42',
  // an RT auth token, or the RT user name and password (RT cannot issue a token over REST2)
  login: { password: true, token: true },
};
