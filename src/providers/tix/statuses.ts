// tix serve's five statuses (seed 000, enforced by the server: src/core/lifecycle.ts) as the client knows them:
// each with its category, whether it takes replies, and its French label. Keyed by the server's Status type, so
// a status added to the lifecycle does not compile until it is given a category here.
import { type Status, statusLabelsFr } from '../../core/lifecycle.ts';
import type { StatusSpec } from '../../core/status.ts';

const byStatus: Record<Status, Omit<StatusSpec, 'name'>> = {
  sent: { category: 'new', acceptsReplies: true, labelFr: statusLabelsFr.sent },
  answered: { category: 'waiting', acceptsReplies: true, labelFr: statusLabelsFr.answered },
  open: { category: 'open', acceptsReplies: true, labelFr: statusLabelsFr.open },
  resolved: { category: 'resolved', acceptsReplies: true, labelFr: statusLabelsFr.resolved },
  closed: { category: 'closed', acceptsReplies: false, labelFr: statusLabelsFr.closed },
};

/** In the lifecycle's order: sent, answered, open, resolved, closed. */
export const tixStatuses: readonly StatusSpec[] = Object.entries(byStatus).map(([name, spec]) => ({ name, ...spec }));
