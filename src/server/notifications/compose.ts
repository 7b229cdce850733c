// One notification e-mail: for one event and one address, in the recipient's language, as text and HTML. It says
// what changed, who, when, and where to read it; it never quotes a message (seed 004), so nothing anyone wrote
// but the ticket's summary (its title) is in it. Every mail of a ticket names the same thread root in
// In-Reply-To and References, so mail clients group a ticket's mails; the Message-ID is the same each time one
// delivery is sent, so a mail sent twice (see notifier.ts) is recognisable.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type Catalog, findType } from '../../core/catalog.ts';
import { isContactType } from '../../core/contacts.ts';
import { formatDateTime, type Locale, pickText } from '../../core/i18n.ts';
import type { DeliveryRow, NotificationContext } from '../store/store.ts';
import { html, type Html } from '../web/html.ts';
import { t } from './messages.ts';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  inReplyTo: string;
  references: string;
  headers: Record<string, string>;
}

export interface ComposeOptions {
  from: string;
  /** the public URL of the server, without a trailing slash */
  publicUrl: string;
  catalog: Catalog;
  /** how long a resolved ticket waits before it closes by itself */
  autoCloseMs: number;
  /** signs unsubscribe links (the server's secret, the same on every instance) */
  unsubscribeKey: Buffer;
}

/** The domain of the sender's address: Message-IDs are ours under it. */
export function mailDomain(from: string): string {
  const address = /<([^>]+)>\s*$/.exec(from)?.[1] ?? from;
  return address.split('@').pop()!.trim().toLowerCase() || 'localhost';
}

/** The Message-ID every mail of a ticket answers, so clients thread them (it is never sent itself). */
export const threadId = (ticketId: number, domain: string) => `<tix.ticket-${ticketId}@${domain}>`;

/** The Message-ID of one delivery: the same whenever it is sent. */
export const deliveryMessageId = (ctx: NotificationContext, d: DeliveryRow, domain: string) =>
  `<tix.ticket-${ctx.ticket.id}.event-${ctx.event.id}.to-${d.id}@${domain}>`;

/** The token of an unsubscribe link: which delivery, and the server's signature of it. */
export function unsubscribeToken(key: Buffer, deliveryId: number): string {
  return `${deliveryId}.${sign(key, deliveryId)}`;
}

/** The delivery an unsubscribe token names, when the signature holds. */
export function verifyUnsubscribeToken(key: Buffer, token: string): number | undefined {
  const m = /^([1-9]\d{0,15})\.([\w-]{22})$/.exec(token);
  if (!m) return undefined;
  const id = Number(m[1]);
  const expected = Buffer.from(sign(key, id));
  const given = Buffer.from(m[2]!);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
}

function sign(key: Buffer, deliveryId: number): string {
  return createHmac('sha256', key).update(`unsubscribe ${deliveryId}`).digest('base64url').slice(0, 22);
}

export const unsubscribePath = '/notifications/unsubscribe';

/** A delay in the largest whole unit: "7 days", "3 hours". */
export function formatDelay(locale: Locale, ms: number): string {
  const units = [
    ['delay.days', 86_400_000],
    ['delay.hours', 3_600_000],
    ['delay.minutes', 60_000],
  ] as const;
  for (const [key, size] of units) if (ms >= size && ms % size === 0) return t(locale, key, { count: ms / size });
  for (const [key, size] of units) if (ms >= size) return t(locale, key, { count: Math.round(ms / size) });
  return t(locale, 'delay.seconds', { count: Math.round(ms / 1000) });
}

export function composeMail(ctx: NotificationContext, d: DeliveryRow, o: ComposeOptions): OutgoingMail {
  const l = d.locale;
  const { ticket, event, actor } = ctx;
  const domain = mailDomain(o.from);
  const status = t(l, `status.${event.status}`);
  const actorName = actor ? (actor.role === 'agent' ? t(l, 'actor.support', { name: actor.name }) : actor.name) : '';
  const delay = formatDelay(l, o.autoCloseMs);
  const what =
    event.kind === 'reply'
      ? actor?.role === 'agent'
        ? t(l, 'what.reply.support', { id: ticket.id })
        : t(l, 'what.reply.customer', { actor: actorName, id: ticket.id })
      : t(l, `what.${event.kind}`, { actor: actorName, id: ticket.id, followed: ticket.followUpOf ?? '', delay });
  const type = findType(o.catalog, ticket.type);
  const typeLabel = type ? pickText(type.label, l) : ticket.type;
  const url = `${o.publicUrl}/tickets/${ticket.id}`;
  const unsubscribeUrl = `${o.publicUrl}${unsubscribePath}?token=${unsubscribeToken(o.unsubscribeKey, d.id)}`;
  const contactType = d.reason.startsWith('contact:') ? d.reason.slice('contact:'.length) : undefined;
  const why = contactType
    ? t(l, 'why.contact', {
        type: isContactType(contactType) ? t(l, `contact.${contactType}`) : contactType,
        company: ticket.companyName,
      })
    : t(l, `why.${d.reason as 'creator' | 'on-behalf' | 'subscriber' | 'follower' | 'all'}`);
  const stop = contactType ? t(l, 'stop.contact', { company: ticket.companyName }) : t(l, 'stop.person', { id: ticket.id });
  const facts: Array<[string, string]> = [
    [t(l, 'label.request'), `#${ticket.id} ${ticket.summary}`],
    [t(l, 'label.type'), typeLabel],
    [t(l, 'label.establishment'), `${ticket.establishmentName} (SIRET ${ticket.siret})`],
    [t(l, 'label.status'), status],
    [t(l, 'label.when'), `${formatDateTime(l, event.at, { timeZone: 'UTC' })} UTC`],
  ];

  const text = [
    what,
    '',
    ...facts.map(([label, value]) => `${label}: ${value}`),
    '',
    t(l, 'read.intro'),
    `  ${url}`,
    `  ${t(l, 'read.terminal', { id: ticket.id })}`,
    '',
    '-- ',
    why,
    stop,
    `  ${unsubscribeUrl}`,
    '',
  ].join('\n');

  const body: Html = html`<!doctype html>
<html lang="${l}">
<head><meta charset="utf-8"><title>${`#${ticket.id} ${ticket.summary}`}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1f2328">
<p style="font-size: 1.1em"><strong>${what}</strong></p>
<table style="border-collapse: collapse">
${facts.map(([label, value]) => html`<tr><th style="text-align: left; padding: 2px 12px 2px 0; color: #59636e; font-weight: normal">${label}</th><td>${value}</td></tr>\n`)}
</table>
<p>${t(l, 'read.intro')}<br><a href="${url}">${url}</a><br><code>tix ticket view ${String(ticket.id)}</code></p>
<hr style="border: none; border-top: 1px solid #d1d9e0">
<p style="color: #59636e; font-size: 0.9em">${why}<br>${stop}<br><a href="${unsubscribeUrl}">${t(l, 'stop.link', { id: ticket.id })}</a></p>
</body>
</html>
`;

  const thread = threadId(ticket.id, domain);
  return {
    from: o.from,
    to: d.address,
    subject: t(l, 'subject', { id: ticket.id, summary: ticket.summary, status }),
    text,
    html: body.markup,
    messageId: deliveryMessageId(ctx, d, domain),
    inReplyTo: thread,
    references: thread,
    headers: {
      // RFC 8058: one click (a POST from the mail client) unsubscribes this address from this ticket
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      // RFC 3834: an automatic message, which auto-responders must not answer
      'Auto-Submitted': 'auto-generated',
      'X-Tix-Ticket': String(ticket.id),
      'X-Tix-Event': event.kind,
    },
  };
}
