import type { ProviderInfo } from '../../api/provider.ts';
import type { Message, Ticket, TicketRef, TicketWithMessages } from '../../api/types.ts';
import type { FieldSpec, FieldValue, RequestType } from '../../core/catalog.ts';
import { formatBytes, formatDate, labelled, pickText } from '../../core/i18n.ts';
import { acceptsReplies, statusLabel, statusSpec } from '../../core/status.ts';
import type { IOStreams } from '../../io/iostreams.ts';
import { formatTime, link, type Column } from '../../io/output.ts';
import { t } from './messages.ts';

/** The fields `--json` offers for a ticket; `view --json` adds messages and follow-ups. */
export const TICKET_FIELDS = [
  'id',
  'ref',
  'status',
  'statusCategory',
  'type',
  'category',
  'summary',
  'establishment',
  'createdBy',
  'onBehalfOf',
  'createdAt',
  'updatedAt',
  'closedAt',
  'autoClosed',
  'unread',
  'messageCount',
  'fields',
  'followUpOf',
  'url',
] as const;
export const TICKET_VIEW_FIELDS = [...TICKET_FIELDS, 'followUps', 'messages'] as const;

/** The status as people read it: the helpdesk's label in their language when it has one, else its name. */
export function statusText(io: IOStreams, info: ProviderInfo, t: Pick<Ticket, 'status'>): string {
  return statusLabel(statusSpec(info.statuses, t.status), t.status, io.locale);
}

/** Colours follow what a status means, so every helpdesk's statuses read alike. */
export function styledStatus(io: IOStreams, info: ProviderInfo, t: Pick<Ticket, 'status' | 'statusCategory'>): string {
  return io.colors.status(t.statusCategory, statusText(io, info, t));
}

/**
 * Ticket list columns. On a terminal: names, labels in the reader's language and relative times; a narrow
 * terminal keeps the summary, shortening the creator and the establishment first, then leaving out the
 * creator, the establishment, the type and the time. Piped, the same columns in the same order with the
 * machine-friendly value: reference, status, type, summary, SIRET, creator e-mail, RFC 3339 time, unread.
 */
export function ticketColumns(io: IOStreams, info: ProviderInfo): Column<Ticket>[] {
  const tty = io.isStdoutTTY;
  const l = io.locale;
  const c = io.colors;
  return [
    {
      header: t(l, 'column.id'),
      value: (x) => (tty ? info.showRef(x.ref) : x.ref),
      style: (s, x) => (x.unread > 0 ? c.bold(s) : s),
      link: (x) => x.url,
    },
    {
      header: t(l, 'column.status'),
      value: (x) => (tty ? statusText(io, info, x) : x.status),
      style: (s, x) => c.status(x.statusCategory, s),
    },
    { header: t(l, 'column.type'), value: (x) => x.type, shrink: 4, min: 8, drop: 3 },
    {
      header: t(l, 'column.summary'),
      value: (x) => (tty && x.unread > 0 ? `● ${x.summary}` : x.summary),
      style: (s, x) => (x.unread > 0 ? c.bold(s) : s),
      shrink: 5,
      min: 16,
    },
    {
      header: t(l, 'column.establishment'),
      value: (x) => (tty ? (x.establishment?.name ?? '') : (x.establishment?.siret ?? '')),
      shrink: 2,
      min: 10,
      drop: 2,
    },
    { header: t(l, 'column.creator'), value: (x) => (tty ? x.createdBy.name : x.createdBy.email), shrink: 1, min: 10, drop: 1 },
    { header: t(l, 'column.updated'), value: (x) => formatTime(io, x.updatedAt, { short: true }), style: (s) => c.dim(s), drop: 4 },
    ...(tty ? [] : [{ header: t(l, 'column.unread'), value: (x: Ticket) => String(x.unread) }]),
  ];
}

/** A form value as people read it: yes/no, dates and choices in their language. */
export function fieldText(io: IOStreams, v: FieldValue | unknown, spec?: FieldSpec): string {
  const l = io.locale;
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'boolean') return t(l, v ? 'value.yes' : 'value.no');
  if (typeof v === 'string' && spec?.kind === 'date') return formatDate(l, v);
  if (typeof v === 'string' && spec?.kind === 'choice') {
    const choice = spec.choices?.find((c) => c.value === v);
    if (choice) return pickText(choice.label, l);
  }
  return String(v);
}

/** The conversation as people read it: a header, the form values, then each message in order. */
export function renderTicket(io: IOStreams, info: ProviderInfo, x: TicketWithMessages, type: RequestType | undefined): string {
  const c = io.colors;
  const l = io.locale;
  const lines: string[] = [];
  lines.push(`${link(io, x.url, c.bold(info.showRef(x.ref)))}${c.bold(` ${x.summary}`)}`);
  const typeName = type ? pickText(type.label, l) : x.type;
  lines.push(
    [
      styledStatus(io, info, x),
      type ? `${typeName} (${x.type})` : x.type,
      ...(x.establishment ? [t(l, 'view.establishment', { name: x.establishment.name, siret: x.establishment.siret })] : []),
    ].join(' · '),
  );
  if (x.unread > 0) lines.push(c.yellow(t(l, 'view.unread', { count: x.unread })));
  const onBehalf = x.onBehalfOf
    ? t(l, 'view.onBehalfOf', { who: x.onBehalfOf.name ? `${x.onBehalfOf.name} <${x.onBehalfOf.email}>` : `<${x.onBehalfOf.email}>` })
    : '';
  lines.push(
    c.dim(
      t(l, 'view.opened', {
        who: `${x.createdBy.name} <${x.createdBy.email}>`,
        onBehalf,
        created: formatTime(io, x.createdAt),
        updated: formatTime(io, x.updatedAt),
        closed: x.closedAt ? t(l, x.autoClosed ? 'view.autoClosed' : 'view.closedAt', { at: formatTime(io, x.closedAt) }) : '',
      }),
    ),
  );
  if (x.followUpOf !== null) lines.push(c.dim(t(l, 'view.followsUp', { ref: info.showRef(String(x.followUpOf)) })));
  const values = Object.entries(x.fields).filter(([, v]) => v !== '' && !(Array.isArray(v) && v.length === 0));
  if (values.length) {
    lines.push('');
    for (const [id, v] of values) {
      const spec = type?.fields.find((f) => f.id === id);
      lines.push(labelled(l, spec ? pickText(spec.label, l) : id, fieldText(io, v, spec)));
    }
  }
  for (const m of x.messages) lines.push('', renderMessage(io, x.ref, m));
  if (!acceptsReplies(info.statuses, x)) {
    const followUps = (x.followUps ?? []).map((r) => info.showRef(String(r)));
    lines.push(
      '',
      c.dim(
        followUps.length
          ? t(l, 'view.closedFollowedUp', { count: followUps.length, refs: followUps.join(', '), last: String(x.followUps!.at(-1)) })
          : t(l, 'view.closed', { ref: x.ref }),
      ),
    );
  } else if (x.followUps?.length) {
    lines.push(
      '',
      c.dim(t(l, 'view.followedUp', { count: x.followUps.length, refs: x.followUps.map((r) => info.showRef(String(r))).join(', ') })),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** One message: author, time, a "new" mark when unread, the body, its attachments. */
export function renderMessage(io: IOStreams, ref: TicketRef, m: Message): string {
  const c = io.colors;
  const l = io.locale;
  const author = m.author.role === 'agent' ? t(l, 'view.support', { name: m.author.name }) : m.author.name;
  const lines = [
    c.bold(`── ${author} · ${formatTime(io, m.createdAt)}${m.unread ? ` ${c.yellow(`● ${t(l, 'view.new')}`)}` : ''} ${'─'.repeat(8)}`),
    m.body,
  ];
  for (const a of m.attachments)
    lines.push(c.dim(`  📎 ${a.name} (${formatBytes(l, a.size)}, ${a.contentType}) · tix ticket download ${ref}`));
  return lines.join('\n');
}
