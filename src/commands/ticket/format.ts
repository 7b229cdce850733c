import type { ProviderInfo } from '../../api/provider.ts';
import type { Message, Ticket, TicketRef, TicketWithMessages } from '../../api/types.ts';
import type { RequestType } from '../../core/catalog.ts';
import { acceptsReplies, type StatusCategory, statusLabel, statusSpec } from '../../core/status.ts';
import type { Env, IOStreams } from '../../io/iostreams.ts';
import { formatTime, link, type Column } from '../../io/output.ts';

/** The fields `--json` offers for a ticket; `view --json` adds messages. */
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
export const TICKET_VIEW_FIELDS = [...TICKET_FIELDS, 'messages'] as const;

const ansi = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
export const style = {
  bold: ansi(1, 22),
  dim: ansi(2, 22),
  red: ansi(31, 39),
  green: ansi(32, 39),
  yellow: ansi(33, 39),
  cyan: ansi(36, 39),
  magenta: ansi(35, 39),
};

/** Colours follow what a status means, so every helpdesk's statuses read alike. */
const categoryStyle: Record<StatusCategory, (s: string) => string> = {
  new: style.yellow,
  waiting: (s) => style.bold(style.green(s)),
  open: style.cyan,
  resolved: style.green,
  closed: style.dim,
};

/** The status as people read it: the helpdesk's label (French on a French locale, when it has one). */
export function statusText(info: ProviderInfo, env: Env, t: Pick<Ticket, 'status'>): string {
  return statusLabel(statusSpec(info.statuses, t.status), t.status, env);
}

export function styledStatus(io: IOStreams, env: Env, info: ProviderInfo, t: Pick<Ticket, 'status' | 'statusCategory'>): string {
  const text = statusText(info, env, t);
  return io.color ? categoryStyle[t.statusCategory](text) : text;
}

/**
 * Ticket list columns. On a terminal: names and relative times; piped, the same columns in the same order
 * with the machine-friendly value: reference, status, type, summary, SIRET, creator e-mail, RFC 3339 time,
 * unread.
 */
export function ticketColumns(io: IOStreams, env: Env, info: ProviderInfo): Column<Ticket>[] {
  const tty = io.isStdoutTTY;
  return [
    {
      header: 'id',
      value: (t) => (tty ? info.showRef(t.ref) : t.ref),
      style: (s, t) => (t.unread > 0 ? style.bold(s) : s),
      link: (t) => t.url,
    },
    { header: 'status', value: (t) => (tty ? statusText(info, env, t) : t.status), style: (s, t) => categoryStyle[t.statusCategory](s) },
    { header: 'type', value: (t) => t.type },
    {
      header: 'summary',
      value: (t) => (tty && t.unread > 0 ? `● ${t.summary}` : t.summary),
      flexible: true,
      style: (s, t) => (t.unread > 0 ? style.bold(s) : s),
    },
    { header: 'establishment', value: (t) => (tty ? (t.establishment?.name ?? '') : (t.establishment?.siret ?? '')), flexible: true },
    { header: 'creator', value: (t) => (tty ? t.createdBy.name : t.createdBy.email), flexible: true },
    { header: 'updated', value: (t) => formatTime(io, t.updatedAt), style: (s) => style.dim(s) },
    ...(tty ? [] : [{ header: 'unread', value: (t: Ticket) => String(t.unread) }]),
  ];
}

function fieldText(v: unknown): string {
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

/** The conversation as people read it: a header, the form values, then each message in order. */
export function renderTicket(io: IOStreams, env: Env, info: ProviderInfo, t: TicketWithMessages, type: RequestType | undefined): string {
  const c = io.color ? style : { bold: id, dim: id, red: id, green: id, yellow: id, cyan: id, magenta: id };
  const lines: string[] = [];
  lines.push(`${link(io, t.url, c.bold(info.showRef(t.ref)))}${c.bold(` ${t.summary}`)}`);
  lines.push(
    `${styledStatus(io, env, info, t)} · ${t.type} (${t.category})${t.establishment ? ` · ${t.establishment.name} (SIRET ${t.establishment.siret})` : ''}`,
  );
  if (t.unread > 0) lines.push(c.yellow(`${t.unread} unread message${t.unread === 1 ? '' : 's'}`));
  lines.push(
    c.dim(
      `Opened by ${t.createdBy.name} <${t.createdBy.email}>${t.onBehalfOf ? ` on behalf of ${t.onBehalfOf.name ? `${t.onBehalfOf.name} ` : ''}<${t.onBehalfOf.email}>` : ''} · created ${formatTime(io, t.createdAt)} · updated ${formatTime(io, t.updatedAt)}${t.closedAt ? ` · closed ${formatTime(io, t.closedAt)}${t.autoClosed ? ' (automatically, after being resolved)' : ''}` : ''}`,
    ),
  );
  if (t.followUpOf !== null) lines.push(c.dim(`Follows up ${info.showRef(String(t.followUpOf))}`));
  const values = Object.entries(t.fields).filter(([, v]) => v !== '' && !(Array.isArray(v) && v.length === 0));
  if (values.length) {
    lines.push('');
    for (const [id, v] of values) lines.push(`${type?.fields.find((f) => f.id === id)?.label ?? id}: ${fieldText(v)}`);
  }
  for (const m of t.messages) lines.push('', renderMessage(io, t.ref, m));
  if (!acceptsReplies(info.statuses, t))
    lines.push('', c.dim(`This ticket is closed. To continue: tix ticket create --follow-up ${t.ref}`));
  return `${lines.join('\n')}\n`;
}

/** One message: author, time, a "new" mark when unread, the body, its attachments. */
export function renderMessage(io: IOStreams, ref: TicketRef, m: Message): string {
  const c = io.color ? style : { bold: id, dim: id, yellow: id };
  const lines = [
    c.bold(
      `── ${m.author.name}${m.author.role === 'agent' ? ' (support)' : ''} · ${formatTime(io, m.createdAt)}${m.unread ? ` ${c.yellow('● new')}` : ''} ${'─'.repeat(8)}`,
    ),
    m.body,
  ];
  for (const a of m.attachments) lines.push(c.dim(`  📎 ${a.name} (${humanSize(a.size)}, ${a.contentType}) · tix ticket download ${ref}`));
  return lines.join('\n');
}

function id(s: string): string {
  return s;
}

export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
