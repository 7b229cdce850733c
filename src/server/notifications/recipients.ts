// Who hears about a change of a ticket (README, "E-mail notifications"). Decided when the mail is about to be
// sent, from what the database says then: a preference changed, an unsubscription or a contact changed after the
// change applies to every mail not sent yet.
//
// - People of the ticket's company, each by their own preference (`tix notification set all|mine|none`):
//   its creator and its on-behalf-of person (`mine` and `all`); the administrators of its establishment who follow
//   it — they wrote on it or subscribed to it (`mine`), or every ticket of their establishments (`all`).
//   `tix ticket unsubscribe` (or the link in a mail) stops one ticket; `tix ticket subscribe` follows one.
// - The company's account contacts of the types the request-type catalog routes the ticket's type to (seed 003),
//   each of their addresses, in the company's language; their own unsubscribe link stops one ticket.
// - Never the author of the change, never a support agent, and never anyone outside the company; each address
//   once.
import type { ContactType } from '../../core/contacts.ts';
import type { Locale } from '../../core/i18n.ts';
import type { NotificationContext, Recipient } from '../store/store.ts';

type Person = NotificationContext['people'][number];

/** Why a person hears about a ticket, most personal first; undefined when they do not. */
export type PersonalReason = 'creator' | 'on-behalf' | 'subscriber' | 'follower' | 'all';

/**
 * Why this person would hear about this ticket now, whoever made the change: undefined when they do not (no
 * e-mail wanted, unsubscribed, not of the company, a support agent, or not following it).
 */
export function personalReason(
  p: Pick<Person, 'id' | 'email' | 'role' | 'companyId' | 'adminHere' | 'wrote' | 'preferences'>,
  ticket: Pick<NotificationContext['ticket'], 'createdById' | 'onBehalfOf' | 'companyId'>,
  subscribed: boolean | undefined,
): PersonalReason | undefined {
  if (p.role === 'agent' || p.companyId !== ticket.companyId) return undefined;
  if (p.preferences.level === 'none' || subscribed === false) return undefined;
  // the creator while they still administer the establishment (otherwise they cannot see it any more)
  if (p.id === ticket.createdById && p.adminHere) return 'creator';
  // the person the request is for, whether or not they reach messages: it is about them
  if (ticket.onBehalfOf !== null && p.email === ticket.onBehalfOf) return 'on-behalf';
  if (!p.adminHere) return undefined;
  if (subscribed === true) return 'subscriber';
  if (p.wrote) return 'follower';
  if (p.preferences.level === 'all') return 'all';
  return undefined;
}

/** Every address the event goes to, with why and in which language. */
export function recipientsFor(ctx: NotificationContext, routing: readonly ContactType[]): Recipient[] {
  const { ticket, actor } = ctx;
  // per address, the last word (this ticket's after the followed ticket's)
  const subscribed = new Map<string, boolean>();
  for (const s of ctx.subscriptions) subscribed.set(s.address, s.subscribed);
  const personByAddress = new Map(ctx.people.map((p) => [p.email, p]));
  const never = (address: string) => address === actor?.email || personByAddress.get(address)?.role === 'agent';
  const languageOf = (address: string): Locale => personByAddress.get(address)?.preferences.language ?? ticket.companyLanguage;

  const out = new Map<string, Recipient>();
  for (const p of ctx.people) {
    if (never(p.email)) continue;
    const reason = personalReason(p, ticket, subscribed.get(p.email));
    if (reason) out.set(p.email, { address: p.email, userId: p.id, reason, locale: languageOf(p.email) });
  }
  for (const contact of ctx.contacts) {
    if (!routing.includes(contact.type)) continue;
    for (const address of contact.emails) {
      if (out.has(address) || never(address) || subscribed.get(address) === false) continue;
      out.set(address, {
        address,
        userId: personByAddress.get(address)?.id ?? null,
        reason: `contact:${contact.type}`,
        locale: languageOf(address),
      });
    }
  }
  return [...out.values()];
}
