// tix serve's conversation lifecycle, from seed 000: sent -> answered / open -> resolved -> closed.
//   sent      "Message envoyé"       the customer wrote; support has not answered yet
//   answered  "Réponse disponible"   support answered; the customer's turn
//   open      "Ouvert"               the customer answered back; support's turn
//   resolved  "Résolu"               done; a customer reply reopens it; closes by itself after a delay
//   closed    "Clôturé"              final: no more replies; a follow-up ticket links to it
// The server enforces it; the tix provider declares it to the client, with a category for each status
// (src/providers/tix/statuses.ts).
import type { Actor } from './roles.ts';
import type { StatusAction } from './status.ts';

export const statuses = ['sent', 'answered', 'open', 'resolved', 'closed'] as const;
export type Status = (typeof statuses)[number];

/** Statuses still waiting on someone: what "open tickets" means in filters and duplicate checks. */
export const activeStatuses: readonly Status[] = ['sent', 'answered', 'open'];

/** Seed 000's labels, the ones French-speaking customers know. */
export const statusLabelsFr: Record<Status, string> = {
  sent: 'Message envoyé',
  answered: 'Réponse disponible',
  open: 'Ouvert',
  resolved: 'Résolu',
  closed: 'Clôturé',
};

/** The status after a reply, or undefined when a reply is refused (closed tickets take no replies). */
export function statusAfterReply(current: Status, by: Actor): Status | undefined {
  if (current === 'closed') return undefined;
  if (by === 'agent') return 'answered';
  return current === 'sent' ? 'sent' : 'open';
}

/**
 * The status after an action, or why it is refused. Agents may resolve, close and reopen anything; customers
 * may resolve and reopen their establishments' tickets, but a closed ticket stays closed for them (they file a
 * follow-up instead).
 */
export function statusAfterAction(
  current: Status,
  action: StatusAction,
  by: Actor,
): { status: Status } | { refused: 'forbidden' | 'state'; reason: string } {
  switch (action) {
    case 'resolve':
      if (current === 'closed') return { refused: 'state', reason: 'a closed ticket cannot be resolved' };
      return { status: 'resolved' };
    case 'close':
      if (by !== 'agent')
        return {
          refused: 'forbidden',
          reason: 'only support agents close tickets; resolve it instead (tix ticket resolve), it closes by itself later',
        };
      return { status: 'closed' };
    case 'reopen':
      if (current === 'closed' && by !== 'agent')
        return { refused: 'state', reason: 'a closed ticket cannot be reopened; file a follow-up instead' };
      if (current !== 'resolved' && current !== 'closed')
        return { refused: 'state', reason: `the ticket is ${current}, not resolved or closed` };
      return { status: 'open' };
  }
}
