// The web view's pages, as plain functions from data to HTML. Every value goes through `html`, which escapes
// it; there is no script on any page.
import type {
  WireMessage as Message,
  WireTicket as Ticket,
  WireTicketWithMessages as TicketWithMessages,
} from '../../providers/tix/wire.ts';
import type { FieldSpec, FieldValue, RequestType } from '../../core/catalog.ts';
import { formatBytes, formatDate, formatDateTime, formatRelativeTime, type Locale, type Localized, pickText } from '../../core/i18n.ts';
import { html, type Html } from './html.ts';
import { t } from './messages.ts';
import { stylesheetPath } from './style.ts';

export interface PageContext {
  locale: Locale;
  now: Date;
  /** the public URL's path ("/tix" behind a proxy that serves tix under /tix/), before every link */
  base: string;
  /** the signed-in user, with the token their sign-out form must carry */
  session?: { name: string; email: string; logoutToken: string };
}

/** A ticket's page, below the public URL; the API's ticket `url` points here too. */
export const ticketPath = (id: number) => `/tickets/${id}`;
export const attachmentPath = (ticketId: number, attachmentId: string) =>
  `/tickets/${ticketId}/attachments/${encodeURIComponent(attachmentId)}`;

function layout(ctx: PageContext, title: string, content: Html, head: Html = html``): string {
  const l = ctx.locale;
  const s = ctx.session;
  return html`<!doctype html>
<html lang="${l}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${title} · tix</title>
<link rel="stylesheet" href="${ctx.base}${stylesheetPath}">
${head}
</head>
<body>
<header class="top">
<a class="brand" href="${ctx.base}/">tix</a>
${
  s &&
  html`<nav><a href="${ctx.base}/inbox">${t(l, 'nav.inbox')}</a></nav>
<span class="who">${t(l, 'nav.signedInAs', { name: s.name })}</span>
<form method="post" action="${ctx.base}/logout"><input type="hidden" name="csrf" value="${s.logoutToken}"><button type="submit">${t(l, 'nav.signOut')}</button></form>`
}
</header>
<main>
${content}
</main>
</body>
</html>
`.markup;
}

function time(ctx: PageContext, at: string): Html {
  return html`<time datetime="${at}" title="${formatDateTime(ctx.locale, at, { timeZone: 'UTC' })} UTC">${formatRelativeTime(ctx.locale, at, ctx.now)}</time>`;
}

function status(ctx: PageContext, s: Ticket['status']): Html {
  return html`<span class="status status-${s}" data-status="${s}">${t(ctx.locale, `status.${s}`)}</span>`;
}

/** The label in the page's language (the catalog gives one per language). */
function label(ctx: PageContext, item: { label: Localized }): string {
  return pickText(item.label, ctx.locale);
}

export function loginPage(ctx: PageContext, form: { csrf: string; next: string; email?: string; error?: string }): string {
  const l = ctx.locale;
  return layout(
    ctx,
    t(l, 'login.title'),
    html`<h1>${t(l, 'login.title')}</h1>
<p class="muted">${t(l, 'login.intro')}</p>
${form.error && html`<p class="alert" role="alert">${form.error}</p>`}
<form class="login card" method="post" action="${ctx.base}/login">
<input type="hidden" name="csrf" value="${form.csrf}">
<input type="hidden" name="next" value="${form.next}">
<label>${t(l, 'login.email')} <input type="email" name="email" autocomplete="username" required value="${form.email ?? ''}"></label>
<label>${t(l, 'login.password')} <input type="password" name="password" autocomplete="current-password" required></label>
<div><button class="primary" type="submit">${t(l, 'login.submit')}</button></div>
</form>`,
  );
}

/** The inbox: the totals the server counted (every unread ticket), then the newest of those tickets. */
export function inboxPage(ctx: PageContext, inbox: { total: { tickets: number; messages: number }; items: Ticket[] }): string {
  const l = ctx.locale;
  const tickets = inbox.items;
  const content = tickets.length
    ? html`<p>${t(l, 'inbox.tickets', { count: inbox.total.tickets })} · ${t(l, 'inbox.messages', { count: inbox.total.messages })}</p>
<table>
<thead><tr><th>${t(l, 'column.ticket')}</th><th>${t(l, 'column.summary')}</th><th>${t(l, 'column.status')}</th><th>${t(l, 'column.establishment')}</th><th>${t(l, 'column.updated')}</th><th>${t(l, 'column.unread')}</th></tr></thead>
<tbody>
${tickets.map(
  (x) =>
    html`<tr><td><a href="${ctx.base}${ticketPath(x.id)}">#${String(x.id)}</a></td><td class="summary"><a href="${ctx.base}${ticketPath(x.id)}">${x.summary}</a></td><td>${status(ctx, x.status)}</td><td>${x.establishment.name}</td><td>${time(ctx, x.updatedAt)}</td><td>${x.unread}</td></tr>
`,
)}</tbody>
</table>`
    : html`<p class="card">${t(l, 'inbox.empty')}</p>`;
  return layout(ctx, t(l, 'inbox.title'), html`<h1>${t(l, 'inbox.title')}</h1>${content}`);
}

export function ticketPage(ctx: PageContext, ticket: TicketWithMessages, type: RequestType | undefined): string {
  const l = ctx.locale;
  const x = ticket;
  const person = (p: { name: string | null; email: string }) => (p.name ? `${p.name} <${p.email}>` : p.email);
  const fields = formValues(ctx, x, type);
  const command = x.status === 'closed' ? `tix ticket create --follow-up ${x.id}` : `tix ticket reply ${x.id}`;
  return layout(
    ctx,
    `#${x.id} ${x.summary}`,
    html`<h1>#${String(x.id)} ${x.summary}</h1>
<section class="card">
<dl class="facts">
<dt>${t(l, 'ticket.status')}</dt><dd>${status(ctx, x.status)}${
      x.unread > 0 && html` <span class="muted">· ${t(l, 'inbox.messages', { count: x.unread })}</span>`
    }</dd>
<dt>${t(l, 'ticket.type')}</dt><dd>${type ? label(ctx, type) : x.type}</dd>
<dt>${t(l, 'ticket.establishment')}</dt><dd>${x.establishment.name} <span class="muted">(SIRET ${x.establishment.siret})</span></dd>
<dt>${t(l, 'ticket.createdBy')}</dt><dd>${person(x.createdBy)}</dd>
${x.onBehalfOf && html`<dt>${t(l, 'ticket.onBehalfOf')}</dt><dd>${person(x.onBehalfOf)}</dd>`}
<dt>${t(l, 'ticket.createdAt')}</dt><dd>${time(ctx, x.createdAt)}</dd>
<dt>${t(l, 'ticket.updatedAt')}</dt><dd>${time(ctx, x.updatedAt)}</dd>
${x.followUpOf !== null && html`<dt>${t(l, 'ticket.followUpOf')}</dt><dd><a href="${ctx.base}${ticketPath(x.followUpOf)}">#${String(x.followUpOf)}</a></dd>`}
</dl>
</section>
${
  fields.length > 0 &&
  html`<h2>${t(l, 'ticket.details')}</h2>
<section class="card"><dl class="facts">
${fields.map(([name, value]) => html`<dt>${name}</dt><dd>${value}</dd>\n`)}</dl></section>`
}
<h2>${t(l, 'ticket.conversation')}</h2>
${x.messages.map((m) => message(ctx, x.id, m))}
<p class="muted">${t(l, x.status === 'closed' ? 'ticket.closed' : 'ticket.readOnly')} <code>${command}</code></p>`,
  );
}

function message(ctx: PageContext, ticketId: number, m: Message): Html {
  const l = ctx.locale;
  const agent = m.author.role === 'agent';
  return html`<article class="message${agent ? ' agent' : ''}" id="message-${String(m.id)}">
<header><span class="author">${m.author.name}</span>${agent && html`<span class="badge">${t(l, 'message.support')}</span>`}<span class="muted">${time(ctx, m.createdAt)}</span>${m.unread && html`<span class="new">${t(l, 'message.new')}</span>`}</header>
<div class="body">${m.body}</div>
${
  m.attachments.length > 0 &&
  html`<ul class="attachments" aria-label="${t(l, 'message.attachments')}">
<li class="muted">${t(l, 'message.attachments')}</li>
${m.attachments.map(
  (a) =>
    html`<li><a href="${ctx.base}${attachmentPath(ticketId, a.id)}" download="${a.name}">${a.name}</a> <span class="muted">(${formatBytes(ctx.locale, a.size)}, ${a.contentType})</span></li>\n`,
)}</ul>`
}
</article>
`;
}

/** The form's values in the type's order, each with its label; values of fields the type no longer has last. */
function formValues(ctx: PageContext, x: Ticket, type: RequestType | undefined): Array<[string, Html]> {
  const present = Object.entries(x.fields).filter(([, v]) => v !== '' && !(Array.isArray(v) && v.length === 0));
  const specs = new Map((type?.fields ?? []).map((f) => [f.id, f]));
  const order = (id: string) => {
    const i = type?.fields.findIndex((f) => f.id === id) ?? -1;
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return present
    .sort(([a], [b]) => order(a) - order(b))
    .map(([id, v]) => {
      const spec = specs.get(id);
      return [spec ? label(ctx, spec) : id, fieldValue(ctx, spec, v)];
    });
}

function fieldValue(ctx: PageContext, spec: FieldSpec | undefined, v: FieldValue): Html {
  if (typeof v === 'boolean') return html`${t(ctx.locale, v ? 'value.yes' : 'value.no')}`;
  if (Array.isArray(v)) return html`<ul class="values">${v.map((item) => html`<li>${linkOrText(item)}</li>`)}</ul>`;
  if (spec?.kind === 'date') return html`${formatDate(ctx.locale, v)}`;
  if (spec?.kind === 'choice') {
    const choice = spec.choices?.find((c) => c.value === v);
    return html`${choice ? pickText(choice.label, ctx.locale) : v}`;
  }
  if (spec?.kind === 'url') return linkOrText(v);
  return html`${v}`;
}

/** An http(s) URL becomes a link that tells the other site nothing; anything else (javascript:…) stays text. */
function linkOrText(value: string): Html {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    return html`${value}`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return html`${value}`;
  return html`<a href="${url.href}" rel="noopener noreferrer nofollow">${value}</a>`;
}

export function notFoundPage(ctx: PageContext, ticketId?: number): string {
  const l = ctx.locale;
  return layout(
    ctx,
    t(l, 'notFound.title'),
    html`<h1>${t(l, 'notFound.title')}</h1>
<p>${ticketId === undefined ? t(l, 'notFound.page') : t(l, 'notFound.ticket', { id: String(ticketId) })}</p>
<p><a href="${ctx.base}/">${t(l, 'notFound.back')}</a></p>`,
  );
}

/** A page that only says something: no access, a refused form, a server error. */
export function noticePage(ctx: PageContext, title: string, text: string): string {
  return layout(ctx, title, html`<h1>${title}</h1><p>${text}</p><p><a href="${ctx.base}/">${t(ctx.locale, 'notFound.back')}</a></p>`);
}

/** A question with one button that posts to `action` (below the public URL's path). */
export function confirmPage(ctx: PageContext, title: string, question: string, action: string, button: string): string {
  return layout(
    ctx,
    title,
    html`<h1>${title}</h1><p>${question}</p><form method="post" action="${ctx.base}${action}"><button type="submit">${button}</button></form>`,
  );
}

/**
 * A same-site hop to `path`: a link followed from another site (an e-mail, a chat) does not carry the
 * SameSite=Strict session cookie; the refresh from this page does, so the user lands signed in.
 */
export function continuePage(ctx: PageContext, path: string): string {
  const l = ctx.locale;
  return layout(
    ctx,
    t(l, 'continue.title'),
    html`<h1>${t(l, 'continue.title')}</h1><p><a href="${ctx.base}${path}">${t(l, 'continue.link')}</a></p>`,
    html`<meta http-equiv="refresh" content="0; url=${ctx.base}${path}">`,
  );
}
