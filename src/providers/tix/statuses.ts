// tix serve's five statuses (seed 000, enforced by the server: src/core/lifecycle.ts) as the client knows them:
// each with its category, whether it takes replies, and its French label (in English people read the name). Keyed by the server's Status type, so
// a status added to the lifecycle does not compile until it is given a category here.
import { type Status, statusLabelsFr } from '../../core/lifecycle.ts';
import type { StatusSpec } from '../../core/status.ts';

const byStatus: Record<Status, Omit<StatusSpec, 'name'>> = {
  sent: { category: 'new', acceptsReplies: true, labels: { fr: statusLabelsFr.sent } },
  answered: { category: 'waiting', acceptsReplies: true, labels: { fr: statusLabelsFr.answered } },
  open: { category: 'open', acceptsReplies: true, labels: { fr: statusLabelsFr.open } },
  resolved: { category: 'resolved', acceptsReplies: true, labels: { fr: statusLabelsFr.resolved } },
  closed: { category: 'closed', acceptsReplies: false, labels: { fr: statusLabelsFr.closed } },
};

/** In the lifecycle's order: sent, answered, open, resolved, closed. */
export const tixStatuses: readonly StatusSpec[] = Object.entries(byStatus).map(([name, spec]) => ({ name, ...spec }));
