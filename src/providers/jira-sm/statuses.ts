// Jira Service Management's statuses as tix sees them. A JSM workflow is each site's own: these are the statuses
// of the workflows JSM ships (service requests, incidents, general service management), each with the category
// tix files it under and whether a customer reply is taken. A status this list does not know is put in a
// category from JSM's own status category (NEW, INDETERMINATE, DONE) and its name.
import type { StatusCategory, StatusSpec } from '../../core/status.ts';

/** JSM's statusCategory: where a status stands in its workflow. */
export type JsmStatusCategory = 'UNDEFINED' | 'NEW' | 'INDETERMINATE' | 'DONE';

// DONE statuses split in two: a resolved request may still be answered (JSM's default automation puts it back in
// support's queue when the customer comments) and reopened; a closed, canceled or declined one is over: a reply
// would land on a request nobody looks at any more, so tix refuses it and offers a follow-up instead.
export const jsmStatuses: readonly StatusSpec[] = [
  { name: 'Waiting for support', category: 'new', acceptsReplies: true, labelFr: 'En attente du support' },
  { name: 'Open', category: 'new', acceptsReplies: true, labelFr: 'Ouvert' },
  { name: 'In progress', category: 'open', acceptsReplies: true, labelFr: 'En cours' },
  { name: 'Work in progress', category: 'open', acceptsReplies: true, labelFr: 'Travail en cours' },
  { name: 'Pending', category: 'open', acceptsReplies: true, labelFr: 'En suspens' },
  { name: 'Escalated', category: 'open', acceptsReplies: true, labelFr: 'Remonté' },
  { name: 'Under review', category: 'open', acceptsReplies: true, labelFr: "En cours d'examen" },
  { name: 'Waiting for approval', category: 'open', acceptsReplies: true, labelFr: "En attente d'approbation" },
  { name: 'Waiting for customer', category: 'waiting', acceptsReplies: true, labelFr: 'En attente du client' },
  { name: 'Resolved', category: 'resolved', acceptsReplies: true, labelFr: 'Résolu' },
  { name: 'Done', category: 'resolved', acceptsReplies: true, labelFr: 'Terminé' },
  { name: 'Completed', category: 'resolved', acceptsReplies: true, labelFr: 'Achevé' },
  { name: 'Closed', category: 'closed', acceptsReplies: false, labelFr: 'Clôturé' },
  { name: 'Canceled', category: 'closed', acceptsReplies: false, labelFr: 'Annulé' },
  { name: 'Cancelled', category: 'closed', acceptsReplies: false, labelFr: 'Annulé' },
  { name: 'Declined', category: 'closed', acceptsReplies: false, labelFr: 'Refusé' },
];

/** The category of a status: the declared one, else one read from JSM's status category and the name. */
export function categoryOf(status: string, jsmCategory: JsmStatusCategory | undefined): StatusCategory {
  const known = jsmStatuses.find((s) => s.name.toLowerCase() === status.toLowerCase());
  if (known) return known.category;
  if (jsmCategory === 'NEW') return 'new';
  if (jsmCategory === 'DONE') return /clos|cancel|declin|reject|withdr/i.test(status) ? 'closed' : 'resolved';
  return /customer|reporter/i.test(status) ? 'waiting' : 'open';
}
