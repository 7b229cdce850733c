import { randomBytes } from 'node:crypto';
import type { SQLInputValue } from 'node:sqlite';
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
import type { SqliteContactStore } from './contacts.ts';
import { toDelivery, toNotificationContext, toPreferences, toSubscription } from '../notification-rows.ts';
import type { Row, SqliteDatabase } from './database.ts';

/** A change people are told about, written by the ticket writes inside their own transaction. */
export interface NewNotificationEvent {
  ticketId: number;
  kind: NotificationKind;
  actorId: number | null;
  status: Status;
  at: string;
}

/** Writes an event to the outbox; the caller is inside the transaction of the change. */
export function insertEvent(sql: SqliteDatabase, e: NewNotificationEvent): void {
  sql.run(
    'INSERT INTO notification_events (ticket_id, kind, actor_id, status, at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)',
    e.ticketId,
    e.kind,
    e.actorId,
    e.status,
    e.at,
    e.at,
  );
}

/**
 * The outbox on SQLite, for one process (or several over one file: every write below is one IMMEDIATE
 * transaction, so a claim is atomic against any other writer of the file).
 */
export class SqliteNotificationStore implements NotificationStore {
  private readonly sql: SqliteDatabase;
  private readonly contacts: SqliteContactStore;

  constructor(sql: SqliteDatabase, contacts: SqliteContactStore) {
    this.sql = sql;
    this.contacts = contacts;
  }

  async claimEvents(now: string, owner: string, leaseUntil: string, limit: number): Promise<number[]> {
    return this.sql
      .transaction(() =>
        this.sql.all<Row>(
          `UPDATE notification_events SET lease_owner = ?, lease_until = ?
           WHERE id IN (SELECT id FROM notification_events
                        WHERE done_at IS NULL AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)
                        ORDER BY id LIMIT ?)
           RETURNING id`,
          owner,
          leaseUntil,
          now,
          now,
          limit,
        ),
      )
      .map((r) => Number(r.id))
      .sort((a, b) => a - b);
  }

  async renewLease(eventId: number, owner: string, leaseUntil: string): Promise<boolean> {
    const r = this.sql.run(
      'UPDATE notification_events SET lease_until = ? WHERE id = ? AND lease_owner = ? AND done_at IS NULL',
      leaseUntil,
      eventId,
      owner,
    );
    return Number(r.changes) === 1;
  }

  async eventContext(eventId: number): Promise<NotificationContext | undefined> {
    const e = this.sql.get<Row>(
      `SELECT e.*, a.email AS actor_email, a.name AS actor_name, a.role AS actor_role,
         t.summary, t.type, t.category, t.establishment_id, t.created_by, t.on_behalf_of, t.follow_up_of,
         es.name AS establishment_name, es.siret, c.id AS company_id, c.name AS company_name, c.language AS company_language
       FROM notification_events e
       JOIN tickets t ON t.id = e.ticket_id
       JOIN establishments es ON es.id = t.establishment_id
       JOIN companies c ON c.id = es.company_id
       LEFT JOIN users a ON a.id = e.actor_id
       WHERE e.id = ?`,
      eventId,
    );
    if (!e) return undefined;
    const ticketId = Number(e.ticket_id);
    // a follow-up is news for the people of the closed ticket it follows
    const followed = e.kind === 'follow-up' && e.follow_up_of !== null ? Number(e.follow_up_of) : ticketId;
    const establishmentId = Number(e.establishment_id);
    const companyId = Number(e.company_id);
    const people = this.sql.all<Row>(
      `SELECT u.id, u.email, u.name, u.role, u.company_id,
         EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.establishment_id = ?1 AND m.role = 'admin') AS admin_here,
         EXISTS (SELECT 1 FROM messages g WHERE g.author_id = u.id AND g.ticket_id IN (?2, ?3)) AS wrote,
         p.level, p.language, p.language_chosen
       FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id
       WHERE u.id IN (SELECT user_id FROM memberships WHERE establishment_id = ?1 AND role = 'admin')
          OR u.id = ?4 OR u.email = ?5
          OR u.id IN (SELECT author_id FROM messages WHERE ticket_id IN (?2, ?3))
          OR u.email IN (SELECT j.value FROM contacts c, json_each(c.emails) j WHERE c.company_id = ?6)
       ORDER BY u.id`,
      establishmentId,
      ticketId,
      followed,
      Number(e.created_by),
      e.on_behalf_of,
      companyId,
    );
    const subscriptions = this.sql.all<Row>(
      // the followed ticket's first, this ticket's last: per address, the last one applies
      'SELECT * FROM ticket_subscriptions WHERE ticket_id IN (?1, ?2) ORDER BY ticket_id = ?1, at',
      ticketId,
      followed,
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
    return this.sql.transaction(() => {
      const held = this.sql.get<Row>(
        'SELECT 1 AS held FROM notification_events WHERE id = ? AND lease_owner = ? AND done_at IS NULL',
        eventId,
        owner,
      );
      if (!held) return 'lost' as const;
      if (giveUpError !== undefined) {
        this.sql.run(
          "UPDATE notification_deliveries SET state = 'failed', last_error = ? WHERE event_id = ? AND state = 'pending'",
          giveUpError,
          eventId,
        );
        return [];
      }
      const existing = new Map(
        this.sql
          .all<Row>('SELECT id, address, state FROM notification_deliveries WHERE event_id = ?', eventId)
          .map((r) => [String(r.address), r]),
      );
      for (const r of wanted) {
        const row = existing.get(r.address);
        if (!row) {
          this.sql.run(
            `INSERT INTO notification_deliveries (event_id, address, user_id, reason, locale, state, next_attempt_at)
             VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
            eventId,
            r.address,
            r.userId,
            r.reason,
            r.locale,
            now,
          );
        } else if (row.state === 'pending' || row.state === 'cancelled') {
          // wanted again (resubscribed before it went out): due now
          this.sql.run(
            `UPDATE notification_deliveries SET user_id = ?, reason = ?, locale = ?, state = 'pending',
               next_attempt_at = CASE WHEN state = 'cancelled' THEN ? ELSE next_attempt_at END
             WHERE id = ?`,
            r.userId,
            r.reason,
            r.locale,
            now,
            Number(row.id),
          );
        }
      }
      const keep = new Set(wanted.map((r) => r.address));
      for (const [address, row] of existing)
        if (row.state === 'pending' && !keep.has(address))
          this.sql.run("UPDATE notification_deliveries SET state = 'cancelled' WHERE id = ?", Number(row.id));
      return this.sql
        .all<Row>(
          "SELECT * FROM notification_deliveries WHERE event_id = ? AND state = 'pending' AND next_attempt_at <= ? ORDER BY id",
          eventId,
          now,
        )
        .map(toDelivery);
    });
  }

  async settleDelivery(deliveryId: number, outcome: DeliveryOutcome): Promise<void> {
    if (outcome.state === 'sent') {
      // sent is sent, even when a preference cancelled it while it was on its way
      this.sql.run(
        "UPDATE notification_deliveries SET state = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ? AND state IN ('pending', 'cancelled')",
        outcome.at,
        deliveryId,
      );
    } else if (outcome.state === 'failed') {
      this.sql.run(
        "UPDATE notification_deliveries SET state = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ? AND state = 'pending'",
        outcome.error,
        deliveryId,
      );
    } else {
      this.sql.run(
        "UPDATE notification_deliveries SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ? AND state = 'pending'",
        outcome.error,
        outcome.nextAttemptAt,
        deliveryId,
      );
    }
  }

  async releaseEvent(eventId: number, owner: string, now: string, postponeUntil?: string): Promise<void> {
    if (postponeUntil !== undefined) {
      this.sql.run(
        'UPDATE notification_events SET lease_owner = NULL, lease_until = NULL, next_attempt_at = ? WHERE id = ? AND lease_owner = ?',
        postponeUntil,
        eventId,
        owner,
      );
      return;
    }
    this.sql.run(
      `UPDATE notification_events SET lease_owner = NULL, lease_until = NULL,
         done_at = CASE WHEN NOT EXISTS (SELECT 1 FROM notification_deliveries d WHERE d.event_id = ?1 AND d.state = 'pending') THEN ?3 END,
         next_attempt_at = coalesce((SELECT min(d.next_attempt_at) FROM notification_deliveries d WHERE d.event_id = ?1 AND d.state = 'pending'), next_attempt_at)
       WHERE id = ?1 AND lease_owner = ?2`,
      eventId,
      owner,
      now,
    );
  }

  async pendingEvents(): Promise<number> {
    return Number(this.sql.get<Row>('SELECT count(*) AS n FROM notification_events WHERE done_at IS NULL')!.n);
  }

  async deliveries(eventId: number): Promise<DeliveryRow[]> {
    return this.sql.all<Row>('SELECT * FROM notification_deliveries WHERE event_id = ? ORDER BY id', eventId).map(toDelivery);
  }

  async ticketEvents(ticketId: number): Promise<Array<NotificationContext['event'] & { doneAt: string | null }>> {
    return this.sql.all<Row>('SELECT * FROM notification_events WHERE ticket_id = ? ORDER BY id', ticketId).map((e) => ({
      id: Number(e.id),
      ticketId: Number(e.ticket_id),
      kind: e.kind as NotificationKind,
      actorId: e.actor_id === null ? null : Number(e.actor_id),
      status: e.status as Status,
      at: String(e.at),
      doneAt: e.done_at === null ? null : String(e.done_at),
    }));
  }

  async delivery(deliveryId: number): Promise<(DeliveryRow & { ticketId: number }) | undefined> {
    const row = this.sql.get<Row>(
      'SELECT d.*, e.ticket_id FROM notification_deliveries d JOIN notification_events e ON e.id = d.event_id WHERE d.id = ?',
      deliveryId,
    );
    return row && { ...toDelivery(row), ticketId: Number(row.ticket_id) };
  }

  async deleteDoneBefore(cutoff: string): Promise<number> {
    return Number(this.sql.run('DELETE FROM notification_events WHERE done_at IS NOT NULL AND done_at < ?', cutoff).changes);
  }

  async preferences(userId: number): Promise<NotificationPreferences> {
    return toPreferences(this.sql.get<Row>('SELECT * FROM notification_preferences WHERE user_id = ?', userId) ?? {});
  }

  async setPreferences(
    userId: number,
    change: { level?: NotificationLevel; language?: Locale },
    at: string,
  ): Promise<NotificationPreferences> {
    const level: SQLInputValue = change.level ?? null;
    const language: SQLInputValue = change.language ?? null;
    this.sql.run(
      `INSERT INTO notification_preferences (user_id, level, language, language_chosen, updated_at) VALUES (?1, coalesce(?2, 'mine'), ?3, ?4, ?5)
       ON CONFLICT (user_id) DO UPDATE SET level = coalesce(?2, level), language = coalesce(?3, language),
         language_chosen = max(language_chosen, ?4), updated_at = ?5`,
      userId,
      level,
      language,
      change.language ? 1 : 0,
      at,
    );
    return this.preferences(userId);
  }

  async noteLoginLanguage(userId: number, language: Locale, at: string): Promise<void> {
    this.sql.run(
      `INSERT INTO notification_preferences (user_id, language, updated_at) VALUES (?1, ?2, ?3)
       ON CONFLICT (user_id) DO UPDATE SET language = ?2, updated_at = ?3 WHERE language_chosen = 0 AND language IS NOT ?2`,
      userId,
      language,
      at,
    );
  }

  async setSubscription(ticketId: number, address: string, subscribed: boolean, at: string): Promise<void> {
    this.sql.run(
      `INSERT INTO ticket_subscriptions (ticket_id, address, subscribed, at) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (ticket_id, address) DO UPDATE SET subscribed = ?3, at = ?4`,
      ticketId,
      address,
      subscribed ? 1 : 0,
      at,
    );
  }

  async subscriptionsOf(address: string): Promise<SubscriptionRow[]> {
    return this.sql
      .all<Row>('SELECT * FROM ticket_subscriptions WHERE address = ? ORDER BY at DESC, ticket_id DESC', address)
      .map(toSubscription);
  }

  async secret(name: string): Promise<Buffer> {
    this.sql.run('INSERT INTO server_secrets (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING', name, randomBytes(32));
    return Buffer.from(this.sql.get<Row>('SELECT value FROM server_secrets WHERE name = ?', name)!.value as Uint8Array);
  }
}
