import type { NotificationLevel, NotificationSettings, TicketSubscription } from '../../api/types.ts';
import type { Locale } from '../../core/i18n.ts';
import { forbidden, notFound } from '../errors.ts';
import { verifyUnsubscribeToken } from '../notifications/compose.ts';
import { personalReason } from '../notifications/recipients.ts';
import type { Store } from '../store/store.ts';
import { canAccessEstablishment, type Clock, type Principal, requireMessageAccess, requireScope } from './principal.ts';

/**
 * A person's e-mail notification preferences and ticket subscriptions. Anyone of a company may set their own
 * (an employee receives the mails of requests made on their behalf); support agents receive no notification.
 * What is set applies to every mail not sent yet: the notifier decides recipients when it sends.
 */
export class NotificationService {
  private readonly store: Store;
  private readonly clock: Clock;

  constructor(store: Store, clock: Clock) {
    this.store = store;
    this.clock = clock;
  }

  private notAgent(p: Principal): void {
    if (p.role === 'agent') throw forbidden('support agents receive no e-mail notifications from tix');
  }

  async settings(p: Principal): Promise<NotificationSettings> {
    this.notAgent(p);
    requireScope(p, 'settings:read');
    const prefs = await this.store.notifications.preferences(p.user.id);
    const company = p.user.companyId === null ? undefined : await this.store.identity.getCompany(p.user.companyId);
    const subscriptions = await this.store.notifications.subscriptionsOf(p.user.email);
    return {
      email: p.user.email,
      level: prefs.level,
      language: prefs.language ?? company?.language ?? 'en',
      languageSource: prefs.languageChosen ? 'chosen' : prefs.language ? 'login' : 'company',
      subscriptions: subscriptions.map((s) => ({ ticketId: s.ticketId, subscribed: s.subscribed, at: s.at })),
    };
  }

  async update(p: Principal, change: { level?: NotificationLevel; language?: Locale }): Promise<NotificationSettings> {
    this.notAgent(p);
    requireScope(p, 'settings:write');
    await this.store.notifications.setPreferences(p.user.id, change, this.clock.now().toISOString());
    return this.settings(p);
  }

  /** Follows a ticket (or stops following it) by e-mail; says whether its notifications now reach the person. */
  async subscribe(p: Principal, ticketId: number, subscribed: boolean): Promise<TicketSubscription> {
    requireMessageAccess(p);
    requireScope(p, 'tickets:write');
    const ticket = await this.store.tickets.getTicket(ticketId, p.user.id);
    if (!ticket || !canAccessEstablishment(p, ticket.establishmentId)) throw notFound(`no ticket #${ticketId}`);
    this.notAgent(p);
    await this.store.notifications.setSubscription(ticketId, p.user.email, subscribed, this.clock.now().toISOString());
    const prefs = await this.store.notifications.preferences(p.user.id);
    const messages = await this.store.tickets.ticketMessages(ticketId, p.user.id);
    const company = (await this.store.identity.establishmentsByIds([ticket.establishmentId]))[0]?.companyId ?? null;
    const reason = personalReason(
      {
        id: p.user.id,
        email: p.user.email,
        role: 'customer',
        companyId: p.user.companyId,
        adminHere: p.adminOf.has(ticket.establishmentId),
        wrote: messages.some((m) => m.authorId === p.user.id),
        preferences: prefs,
      },
      { createdById: ticket.createdById, onBehalfOf: ticket.onBehalfOf, companyId: company ?? -1 },
      subscribed,
    );
    return { ticketId, subscribed, receives: reason !== undefined, reason: reason ?? null, level: prefs.level };
  }

  /** What an unsubscribe link names: the ticket and the address, when the link is one this server signed. */
  async unsubscribeTarget(token: string): Promise<{ ticketId: number; address: string } | undefined> {
    const id = verifyUnsubscribeToken(await this.store.notifications.secret('unsubscribe'), token);
    const delivery = id === undefined ? undefined : await this.store.notifications.delivery(id);
    return delivery && { ticketId: delivery.ticketId, address: delivery.address };
  }

  /** Follows an unsubscribe link: that address no longer receives that ticket's notifications. */
  async unsubscribeByLink(token: string): Promise<{ ticketId: number; address: string } | undefined> {
    const target = await this.unsubscribeTarget(token);
    if (target) await this.store.notifications.setSubscription(target.ticketId, target.address, false, this.clock.now().toISOString());
    return target;
  }
}
