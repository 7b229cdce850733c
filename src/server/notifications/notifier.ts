// The background task that delivers notification e-mails from the outbox (background.ts runs it on every
// instance of `tix serve` that has an SMTP server).
//
// Each run claims a batch of due events with a lease (the store gives each event to one instance). For each
// event it decides the recipients now (recipients.ts: preferences, unsubscriptions and contacts as they are at
// this moment), makes the event's delivery rows those (new addresses added, addresses no longer wanted
// cancelled), then sends each pending delivery, one SMTP transaction per address, renewing its lease before each.
// A delivery is marked sent as soon as the SMTP server accepted it.
//
// Guarantee: every (event, address) is sent at least once while SMTP works within `maxAgeMs`, and exactly once
// unless the process dies (or stalls longer than the lease) between the SMTP server's acceptance of a mail and the
// database update that marks it sent — a window of one database round trip. Then the next lease sends it again,
// with the same Message-ID, which lets receivers (and people) recognise the repeat.
//
// Failures: an address the SMTP server refuses for good fails alone (the others are sent); one it defers is
// retried with exponential backoff; an SMTP server that cannot be reached makes every delivery wait, retried with
// backoff (30 s doubling up to 30 min by default). A notification not sent within `maxAgeMs` (3 days) is given up.
import { randomUUID } from 'node:crypto';
import { type Catalog, contactRouting } from '../../core/catalog.ts';
import type { BackgroundLog, BackgroundTask } from '../background.ts';
import type { Clock } from '../services/principal.ts';
import type { DeliveryRow, NotificationContext, Store } from '../store/store.ts';
import { composeMail } from './compose.ts';
import type { Mailer } from './mailer.ts';
import { SendError } from './mailer.ts';
import { recipientsFor } from './recipients.ts';

export interface NotifierOptions {
  /** the sender: an address, or `Name <address>` (a function: decided when the server knows its public URL) */
  from: string | (() => string);
  /** first retry after a failure; doubles at each attempt */
  retryBaseMs: number;
  /** longest wait between two attempts */
  retryMaxMs: number;
  /** a notification not sent by then is given up */
  maxAgeMs: number;
  /** how long a claimed event is an instance's own before another may take it (renewed before each send) */
  leaseMs: number;
  /** events per claim */
  batch: number;
  /** how often each instance looks for due notifications (a change on this instance sends at once) */
  periodMs: number;
}

export const defaultNotifierOptions: Omit<NotifierOptions, 'from'> = {
  retryBaseMs: 30_000,
  retryMaxMs: 30 * 60_000,
  maxAgeMs: 3 * 86_400_000,
  leaseMs: 120_000,
  batch: 20,
  periodMs: 10_000,
};

export interface NotifierDeps {
  store: Store;
  clock: Clock;
  catalog: () => Catalog;
  publicUrl: () => string;
  autoCloseMs: number;
  /** the SMTP connection, made on first use (nodemailer loads then) */
  mailer: () => Promise<Mailer>;
  log: BackgroundLog;
}

export class Notifier {
  private readonly deps: NotifierDeps;
  private readonly options: NotifierOptions;
  /** consecutive runs that found the SMTP server unavailable, and when to try it again */
  private unavailable = 0;
  private retryAt = 0;
  private unsubscribeKey: Buffer | undefined;

  constructor(deps: NotifierDeps, options: NotifierOptions) {
    this.deps = deps;
    this.options = options;
  }

  task(): BackgroundTask {
    return { name: 'notify', periodMs: this.options.periodMs, run: () => this.run() };
  }

  /** One batch: claims due events and delivers them; says how many were handled and whether more may wait. */
  async run(): Promise<{ done: number; full: boolean }> {
    const { store, clock } = this.deps;
    if (clock.now().getTime() < this.retryAt) return { done: 0, full: false };
    const owner = randomUUID();
    const now = clock.now();
    const claimed = await store.notifications.claimEvents(
      now.toISOString(),
      owner,
      new Date(now.getTime() + this.options.leaseMs).toISOString(),
      this.options.batch,
    );
    let done = 0;
    for (const [i, eventId] of claimed.entries()) {
      const outcome = await this.deliver(eventId, owner);
      if (outcome === 'unavailable') {
        // the SMTP server cannot be used: the rest of the batch waits for the same retry
        const postponeUntil = new Date(this.retryAt).toISOString();
        for (const rest of claimed.slice(i + 1))
          await store.notifications.releaseEvent(rest, owner, clock.now().toISOString(), postponeUntil);
        return { done, full: false };
      }
      done++;
    }
    return { done, full: claimed.length === this.options.batch };
  }

  /** Decides the event's recipients now and sends what is due; 'unavailable' when the SMTP server is down. */
  private async deliver(eventId: number, owner: string): Promise<'ok' | 'lost' | 'unavailable'> {
    const { store, clock } = this.deps;
    const ctx = await store.notifications.eventContext(eventId);
    if (!ctx) return 'lost';
    const now = clock.now();
    const tooOld = now.getTime() - Date.parse(ctx.event.at) > this.options.maxAgeMs;
    const wanted = tooOld ? [] : recipientsFor(ctx, contactRouting(this.deps.catalog(), ctx.ticket.type, ctx.ticket.category));
    const due = await store.notifications.syncDeliveries(
      eventId,
      owner,
      wanted,
      now.toISOString(),
      tooOld ? `not sent within ${Math.round(this.options.maxAgeMs / 3_600_000)} hours: given up` : undefined,
    );
    if (due === 'lost') return 'lost';
    for (const d of due) {
      const renewed = await store.notifications.renewLease(
        eventId,
        owner,
        new Date(clock.now().getTime() + this.options.leaseMs).toISOString(),
      );
      // another instance took the event (this one stalled past its lease): it sends the rest
      if (!renewed) return 'lost';
      const result = await this.send(ctx, d);
      if (result === 'unavailable') {
        const retryAt = new Date(this.retryAt).toISOString();
        for (const rest of due.slice(due.indexOf(d)))
          await store.notifications.settleDelivery(rest.id, { state: 'retry', error: this.lastError, nextAttemptAt: retryAt });
        await store.notifications.releaseEvent(eventId, owner, clock.now().toISOString());
        return 'unavailable';
      }
    }
    await store.notifications.releaseEvent(eventId, owner, clock.now().toISOString());
    return 'ok';
  }

  private lastError = '';

  /** Sends one delivery and records what became of it. */
  private async send(ctx: NotificationContext, d: DeliveryRow): Promise<'sent' | 'failed' | 'unavailable'> {
    const { store, clock, log } = this.deps;
    this.unsubscribeKey ??= await store.notifications.secret('unsubscribe');
    const mail = composeMail(ctx, d, {
      from: typeof this.options.from === 'function' ? this.options.from() : this.options.from,
      publicUrl: this.deps.publicUrl(),
      catalog: this.deps.catalog(),
      autoCloseMs: this.deps.autoCloseMs,
      unsubscribeKey: this.unsubscribeKey,
    });
    try {
      const mailer = await this.deps.mailer();
      await mailer.send(mail);
    } catch (err) {
      const e = err instanceof SendError ? err : new SendError('unavailable', (err as Error).message);
      const at = clock.now();
      if (e.failure === 'unavailable') {
        this.unavailable++;
        this.retryAt = at.getTime() + this.backoff(this.unavailable);
        this.lastError = e.message;
        log.error(
          { task: 'notify', err: e },
          `cannot send notification e-mails (${e.message}); trying again in ${Math.round((this.retryAt - at.getTime()) / 1000)} s`,
        );
        return 'unavailable';
      }
      if (e.failure === 'refused' || d.attempts + 1 >= 20) {
        log.info({ task: 'notify', delivery: d.id, ticket: ctx.ticket.id, error: e.message }, `notification to ${d.address} refused`);
        await store.notifications.settleDelivery(d.id, { state: 'failed', error: e.message, at: at.toISOString() });
        return 'failed';
      }
      await store.notifications.settleDelivery(d.id, {
        state: 'retry',
        error: e.message,
        nextAttemptAt: new Date(at.getTime() + this.backoff(d.attempts + 1)).toISOString(),
      });
      return 'failed';
    }
    this.unavailable = 0;
    this.retryAt = 0;
    await store.notifications.settleDelivery(d.id, { state: 'sent', at: clock.now().toISOString() });
    // durable before the next mail (SQLite groups writes until the event loop turns): the window in which a
    // death makes this mail go again stays one commit wide
    await store.flush();
    log.info({ task: 'notify', delivery: d.id, ticket: ctx.ticket.id, event: ctx.event.kind }, `notification sent to ${d.address}`);
    return 'sent';
  }

  /** The wait before attempt n+1: base × 2^(n-1), capped, with up to 10 % jitter so instances spread out. */
  private backoff(attempt: number): number {
    const ms = Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** Math.min(30, attempt - 1));
    return Math.round(ms * (1 + Math.random() * 0.1));
  }
}
