import { randomBytes } from 'node:crypto';
import type { Locale } from '../../../core/i18n.ts';
import type { Status } from '../../../core/lifecycle.ts';
import type {
  DeliveryOutcome,
  DeliveryRow,
  NotificationContext,
  NotificationKind,
  NotificationLevel,
  NotificationPreferences,
  NotificationStore,
  Recipient,
  SubscriptionRow,
} from '../store.ts';
import type { PgContactStore } from './contacts.ts';
import { toDelivery, toNotificationContext, toPreferences, toSubscription } from '../notification-rows.ts';
import { type PgDatabase, type Queryable, RollbackWith } from './database.ts';

/** A change people are told about, written by the ticket writes inside their own transaction. */
export interface NewNotificationEvent {
  ticketId: number;
  kind: NotificationKind;
  actorId: number | null;
  status: Status;
  at: string;
}

/** Writes an event to the outbox in the transaction of the change. */
export async function insertEvent(tx: Queryable, e: NewNotificationEvent): Promise<void> {
  await tx.query(
    'INSERT INTO notification_events (ticket_id, kind, actor_id, status, at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $5)',
    [e.ticketId, e.kind, e.actorId, e.status, e.at],
  );
}

/**
 * The outbox on PostgreSQL, shared by every instance. Claims take due events with FOR UPDATE SKIP LOCKED and
 * write a lease in the same statement: instances claiming at once get disjoint events and never wait for each
 * other. Changing an event's deliveries locks the event's row and checks the lease is still the caller's.
 */
export class PgNotificationStore implements NotificationStore {
  private readonly db: PgDatabase;
  private readonly contacts: PgContactStore;

  constructor(db: PgDatabase, contacts: PgContactStore) {
    this.db = db;
    this.contacts = contacts;
  }

  async claimEvents(now: string, owner: string, leaseUntil: string, limit: number): Promise<number[]> {
    const rows = await this.db.query(
      `UPDATE notification_events SET lease_owner = $1, lease_until = $2
       WHERE id IN (
         SELECT id FROM notification_events
         WHERE done_at IS NULL AND next_attempt_at <= $3 AND (lease_until IS NULL OR lease_until < $3)
         ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED
       )
       RETURNING id`,
      [owner, leaseUntil, now, limit],
    );
    return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  }

  async renewLease(eventId: number, owner: string, leaseUntil: string): Promise<boolean> {
    return (
      (await this.db.run('UPDATE notification_events SET lease_until = $3 WHERE id = $1 AND lease_owner = $2 AND done_at IS NULL', [
        eventId,
        owner,
        leaseUntil,
      ])) === 1
    );
  }

  async eventContext(eventId: number): Promise<NotificationContext | undefined> {
    const e = await this.db.one(
      `SELECT e.id, e.ticket_id, e.kind, e.actor_id, e.status, e.at,
         a.email AS actor_email, a.name AS actor_name, a.role AS actor_role,
         t.summary, t.type, t.category, t.establishment_id, t.created_by, t.on_behalf_of, t.follow_up_of,
         es.name AS establishment_name, es.siret, c.id AS company_id, c.name AS company_name, c.language AS company_language
       FROM notification_events e
       JOIN tickets t ON t.id = e.ticket_id
       JOIN establishments es ON es.id = t.establishment_id
       JOIN companies c ON c.id = es.company_id
       LEFT JOIN users a ON a.id = e.actor_id
       WHERE e.id = $1`,
      [eventId],
    );
    if (!e) return undefined;
    const ticketId = Number(e.ticket_id);
    // a follow-up is news for the people of the closed ticket it follows
    const followed = e.kind === 'follow-up' && e.follow_up_of !== null ? Number(e.follow_up_of) : ticketId;
    const establishmentId = Number(e.establishment_id);
    const companyId = Number(e.company_id);
    const people = await this.db.query(
      `SELECT u.id, u.email, u.name, u.role, u.company_id,
         EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.establishment_id = $1 AND m.role = 'admin') AS admin_here,
         EXISTS (SELECT 1 FROM messages g WHERE g.author_id = u.id AND g.ticket_id IN ($2, $3)) AS wrote,
         p.level, p.language, p.language_chosen
       FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id
       WHERE u.id IN (SELECT user_id FROM memberships WHERE establishment_id = $1 AND role = 'admin')
          OR u.id = $4 OR u.email = $5
          OR u.id IN (SELECT author_id FROM messages WHERE ticket_id IN ($2, $3))
          OR u.email IN (SELECT unnest(c.emails) FROM contacts c WHERE c.company_id = $6)
       ORDER BY u.id`,
      [establishmentId, ticketId, followed, Number(e.created_by), e.on_behalf_of, companyId],
    );
    const subscriptions = await this.db.query(
      // the followed ticket's first, this ticket's last: per address, the last one applies
      'SELECT * FROM ticket_subscriptions WHERE ticket_id IN ($1, $2) ORDER BY ticket_id = $1, at',
      [ticketId, followed],
    );
    return toNotificationContext(e, people, subscriptions, await this.contacts.listContacts(companyId));
  }

  async syncDeliveries(
    eventId: number,
    owner: string,
    wanted: Recipient[],
    now: string,
    giveUpError?: string,
  ): Promise<DeliveryRow[] | 'lost'> {
    return this.db.transaction<DeliveryRow[] | 'lost'>(async (tx) => {
      // the event's row held until commit: its lease cannot change hands meanwhile
      const held = await tx.one('SELECT 1 FROM notification_events WHERE id = $1 AND lease_owner = $2 AND done_at IS NULL FOR UPDATE', [
        eventId,
        owner,
      ]);
      if (!held) throw new RollbackWith('lost' as const);
      if (giveUpError !== undefined) {
        await tx.query("UPDATE notification_deliveries SET state = 'failed', last_error = $2 WHERE event_id = $1 AND state = 'pending'", [
          eventId,
          giveUpError,
        ]);
        return [];
      }
      const existing = new Map(
        (await tx.query('SELECT id, address, state FROM notification_deliveries WHERE event_id = $1', [eventId])).map((r) => [
          String(r.address),
          r,
        ]),
      );
      for (const r of wanted) {
        const row = existing.get(r.address);
        if (!row) {
          await tx.query(
            `INSERT INTO notification_deliveries (event_id, address, user_id, reason, locale, state, next_attempt_at)
             VALUES ($1, $2, $3, $4, $5, 'pending', $6)`,
            [eventId, r.address, r.userId, r.reason, r.locale, now],
          );
        } else if (row.state === 'pending' || row.state === 'cancelled') {
          // wanted again (resubscribed before it went out): due now
          await tx.query(
            `UPDATE notification_deliveries SET user_id = $2, reason = $3, locale = $4, state = 'pending',
               next_attempt_at = CASE WHEN state = 'cancelled' THEN $5::timestamptz ELSE next_attempt_at END
             WHERE id = $1`,
            [Number(row.id), r.userId, r.reason, r.locale, now],
          );
        }
      }
      const keep = new Set(wanted.map((r) => r.address));
      const cancel = [...existing]
        .filter(([address, row]) => row.state === 'pending' && !keep.has(address))
        .map(([, row]) => Number(row.id));
      if (cancel.length) await tx.query("UPDATE notification_deliveries SET state = 'cancelled' WHERE id = ANY($1::bigint[])", [cancel]);
      return (
        await tx.query(
          "SELECT * FROM notification_deliveries WHERE event_id = $1 AND state = 'pending' AND next_attempt_at <= $2 ORDER BY id",
          [eventId, now],
        )
      ).map(toDelivery);
    });
  }

  async settleDelivery(deliveryId: number, outcome: DeliveryOutcome): Promise<void> {
    if (outcome.state === 'sent') {
      // sent is sent, even when a preference cancelled it while it was on its way
      await this.db.query(
        "UPDATE notification_deliveries SET state = 'sent', sent_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1 AND state IN ('pending', 'cancelled')",
        [deliveryId, outcome.at],
      );
    } else if (outcome.state === 'failed') {
      await this.db.query(
        "UPDATE notification_deliveries SET state = 'failed', attempts = attempts + 1, last_error = $2 WHERE id = $1 AND state = 'pending'",
        [deliveryId, outcome.error],
      );
    } else {
      await this.db.query(
        "UPDATE notification_deliveries SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3 WHERE id = $1 AND state = 'pending'",
        [deliveryId, outcome.error, outcome.nextAttemptAt],
      );
    }
  }

  async releaseEvent(eventId: number, owner: string, now: string, postponeUntil?: string): Promise<void> {
    if (postponeUntil !== undefined) {
      await this.db.query(
        'UPDATE notification_events SET lease_owner = NULL, lease_until = NULL, next_attempt_at = $3 WHERE id = $1 AND lease_owner = $2',
        [eventId, owner, postponeUntil],
      );
      return;
    }
    await this.db.query(
      `UPDATE notification_events e SET lease_owner = NULL, lease_until = NULL,
         done_at = CASE WHEN p.n = 0 THEN $3::timestamptz END,
         next_attempt_at = coalesce(p.first, e.next_attempt_at)
       FROM (SELECT count(*) AS n, min(next_attempt_at) AS first FROM notification_deliveries WHERE event_id = $1 AND state = 'pending') p
       WHERE e.id = $1 AND e.lease_owner = $2`,
      [eventId, owner, now],
    );
  }

  async pendingEvents(): Promise<number> {
    return Number((await this.db.one('SELECT count(*) AS n FROM notification_events WHERE done_at IS NULL'))!.n);
  }

  async deliveries(eventId: number): Promise<DeliveryRow[]> {
    return (await this.db.query('SELECT * FROM notification_deliveries WHERE event_id = $1 ORDER BY id', [eventId])).map(toDelivery);
  }

  async ticketEvents(ticketId: number): Promise<Array<NotificationContext['event'] & { doneAt: string | null }>> {
    return (await this.db.query('SELECT * FROM notification_events WHERE ticket_id = $1 ORDER BY id', [ticketId])).map((e) => ({
      id: Number(e.id),
      ticketId: Number(e.ticket_id),
      kind: e.kind as NotificationKind,
      actorId: e.actor_id === null ? null : Number(e.actor_id),
      status: e.status as Status,
      at: String(e.at),
      doneAt: e.done_at ?? null,
    }));
  }

  async delivery(deliveryId: number): Promise<(DeliveryRow & { ticketId: number }) | undefined> {
    const row = await this.db.one(
      'SELECT d.*, e.ticket_id FROM notification_deliveries d JOIN notification_events e ON e.id = d.event_id WHERE d.id = $1',
      [deliveryId],
    );
    return row && { ...toDelivery(row), ticketId: Number(row.ticket_id) };
  }

  async deleteDoneBefore(cutoff: string): Promise<number> {
    return this.db.run('DELETE FROM notification_events WHERE done_at IS NOT NULL AND done_at < $1', [cutoff]);
  }

  async preferences(userId: number): Promise<NotificationPreferences> {
    return toPreferences((await this.db.one('SELECT * FROM notification_preferences WHERE user_id = $1', [userId])) ?? {});
  }

  async setPreferences(
    userId: number,
    change: { level?: NotificationLevel; language?: Locale },
    at: string,
  ): Promise<NotificationPreferences> {
    await this.db.query(
      `INSERT INTO notification_preferences AS p (user_id, level, language, language_chosen, updated_at)
       VALUES ($1, coalesce($2::text, 'mine'), $3::text, $4, $5)
       ON CONFLICT (user_id) DO UPDATE SET level = coalesce($2::text, p.level), language = coalesce($3::text, p.language),
         language_chosen = p.language_chosen OR $4, updated_at = $5`,
      [userId, change.level ?? null, change.language ?? null, change.language !== undefined, at],
    );
    return this.preferences(userId);
  }

  async noteLoginLanguage(userId: number, language: Locale, at: string): Promise<void> {
    await this.db.query(
      `INSERT INTO notification_preferences AS p (user_id, language, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET language = $2, updated_at = $3
       WHERE NOT p.language_chosen AND p.language IS DISTINCT FROM $2`,
      [userId, language, at],
    );
  }

  async setSubscription(ticketId: number, address: string, subscribed: boolean, at: string): Promise<void> {
    await this.db.query(
      `INSERT INTO ticket_subscriptions (ticket_id, address, subscribed, at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (ticket_id, address) DO UPDATE SET subscribed = $3, at = $4`,
      [ticketId, address, subscribed, at],
    );
  }

  async subscriptionsOf(address: string): Promise<SubscriptionRow[]> {
    return (await this.db.query('SELECT * FROM ticket_subscriptions WHERE address = $1 ORDER BY at DESC, ticket_id DESC', [address])).map(
      toSubscription,
    );
  }

  async secret(name: string): Promise<Buffer> {
    await this.db.query('INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING', [name, randomBytes(32)]);
    return Buffer.from((await this.db.one('SELECT value FROM server_secrets WHERE name = $1', [name]))!.value as Uint8Array);
  }
}
