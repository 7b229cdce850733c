// What the Zendesk provider is, without its code (read before anything is sent: references, statuses,
// capabilities, how one logs in). The code is in index.ts, loaded on first use.
import type { ProviderInfo } from '../../api/provider.ts';
import type { StatusSpec } from '../../core/status.ts';
import type { ZendeskStatus } from './wire.ts';

/**
 * Zendesk's six request statuses. "hold" waits on a third party, so it is support's turn as far as the
 * customer is concerned; a reply reopens a solved request; a closed one takes none (a follow-up instead).
 * French labels are those of Zendesk's French help centres.
 */
const byStatus: Record<ZendeskStatus, Omit<StatusSpec, 'name'>> = {
  new: { category: 'new', acceptsReplies: true, labels: { fr: 'Nouveau' } },
  open: { category: 'open', acceptsReplies: true, labels: { fr: 'Ouvert' } },
  pending: { category: 'waiting', acceptsReplies: true, labels: { fr: 'En attente de votre réponse' } },
  hold: { category: 'open', acceptsReplies: true, labels: { fr: 'En pause' } },
  solved: { category: 'resolved', acceptsReplies: true, labels: { fr: 'Résolu' } },
  closed: { category: 'closed', acceptsReplies: false, labels: { fr: 'Clos' } },
};

/** An API token travels joined to its owner's e-mail; an OAuth access token alone. */
export const API_TOKEN_SEPARATOR = '/token:';

export const info: ProviderInfo = {
  name: 'zendesk',
  displayName: 'Zendesk',
  // the end-user Requests API: no read state, contacts, tokens, settings or establishments (see the README)
  capabilities: ['tickets', 'requestTypes'],
  statuses: Object.entries(byStatus).map(([name, spec]) => ({ name, ...spec })),
  // a request id, as Zendesk shows it (#123) or bare
  parseRef: (text) => {
    const m = /^#?([1-9]\d*)$/.exec(text.trim());
    return m && Number.isSafeInteger(Number(m[1])) ? m[1] : undefined;
  },
  showRef: (ref) => `#${ref}`,
  refExample: 'a request number such as 123',
  // an API token with --email (kept as Zendesk's `email/token:API_TOKEN`), or an OAuth access token alone
  login: {
    password: false,
    token: true,
    credential: (token, email) => (email && !token.includes(API_TOKEN_SEPARATOR) ? `${email.trim()}${API_TOKEN_SEPARATOR}${token}` : token),
  },
};
