// Rows of the notification tables as the store's types, for both databases: the SQL differs, the rows do not
// (a flag is 1/0 on SQLite and true/false on PostgreSQL; timestamps are text on both).
import type { Locale } from '../../core/i18n.ts';
import type { Status } from '../../core/lifecycle.ts';
import type {
  AccountKind,
  ContactRow,
  DeliveryRow,
  DeliveryState,
  NotificationContext,
  NotificationKind,
  NotificationLevel,
  NotificationPreferences,
  SubscriptionRow,
} from './store.ts';

// biome-ignore lint/suspicious/noExplicitAny: a database row, typed by the mappers below
type Row = Record<string, any>;

function flag(v: unknown): boolean {
  return v === true || Number(v) === 1;
}

function textOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

function numberOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

export function toPreferences(r: Row): NotificationPreferences {
  return {
    level: (r.level ?? 'mine') as NotificationLevel,
    language: (r.language ?? null) as Locale | null,
    languageChosen: flag(r.language_chosen),
  };
}

export function toSubscription(r: Row): SubscriptionRow {
  return { ticketId: Number(r.ticket_id), address: String(r.address), subscribed: flag(r.subscribed), at: String(r.at) };
}

export function toDelivery(r: Row): DeliveryRow {
  return {
    id: Number(r.id),
    eventId: Number(r.event_id),
    address: String(r.address),
    userId: numberOrNull(r.user_id),
    reason: String(r.reason),
    locale: r.locale as Locale,
    state: r.state as DeliveryState,
    attempts: Number(r.attempts),
    nextAttemptAt: String(r.next_attempt_at),
    lastError: textOrNull(r.last_error),
    sentAt: textOrNull(r.sent_at),
  };
}

/**
 * What the worker needs to route and write one event's mails, from the event row joined with its ticket,
 * establishment, company and actor, the people who may receive it, the subscriptions and the company's contacts.
 */
export function toNotificationContext(e: Row, people: Row[], subscriptions: Row[], contacts: ContactRow[]): NotificationContext {
  return {
    event: {
      id: Number(e.id),
      ticketId: Number(e.ticket_id),
      kind: e.kind as NotificationKind,
      actorId: numberOrNull(e.actor_id),
      status: e.status as Status,
      at: String(e.at),
    },
    actor:
      e.actor_id === null
        ? null
        : { id: Number(e.actor_id), email: String(e.actor_email), name: String(e.actor_name), role: e.actor_role as AccountKind },
    ticket: {
      id: Number(e.ticket_id),
      summary: String(e.summary),
      type: String(e.type),
      category: String(e.category),
      establishmentId: Number(e.establishment_id),
      establishmentName: String(e.establishment_name),
      siret: String(e.siret),
      companyId: Number(e.company_id),
      companyName: String(e.company_name),
      companyLanguage: e.company_language as Locale,
      createdById: Number(e.created_by),
      onBehalfOf: textOrNull(e.on_behalf_of),
      followUpOf: numberOrNull(e.follow_up_of),
    },
    people: people.map((p) => ({
      id: Number(p.id),
      email: String(p.email),
      name: String(p.name),
      role: p.role as AccountKind,
      companyId: numberOrNull(p.company_id),
      adminHere: flag(p.admin_here),
      wrote: flag(p.wrote),
      preferences: toPreferences(p),
    })),
    subscriptions: subscriptions.map(toSubscription),
    contacts,
  };
}
