import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { NewReply } from '../../api/types.ts';
import type { WireNewTicket as NewTicket, WireTicketQuery as TicketQuery } from '../../providers/tix/wire.ts';
import type { StatusAction } from '../../core/status.ts';
import { page, ref } from '../api-schemas.ts';
import type { Services } from '../app.ts';
import { invalid } from '../errors.ts';

const id = { type: 'object', properties: { id: { type: 'integer', minimum: 1, maximum: 2 ** 53 - 1 } } } as const;
const fieldValue = {
  anyOf: [
    { type: 'string', maxLength: 20000 },
    { type: 'boolean' },
    { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 2000 } },
  ],
};
const attachmentIds = { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 64 } };

const listFilters = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'array', items: { type: 'string', maxLength: 20 }, maxItems: 10 },
    type: { type: 'string', maxLength: 40 },
    category: { type: 'string', maxLength: 40 },
    establishment: { type: 'string', maxLength: 20 },
    author: { type: 'string', maxLength: 254 },
    mine: { type: 'boolean' },
    search: { type: 'string', maxLength: 500 },
    since: { type: 'string', maxLength: 40 },
    unread: { type: 'boolean' },
    limit: { type: 'integer' },
    cursor: { type: 'string', maxLength: 200 },
  },
} as const;

/** An Idempotency-Key header: printable, bounded; anything else is a 422 rather than a silent ignore. */
function idempotencyKey(req: FastifyRequest): string | undefined {
  const raw = req.headers['idempotency-key'];
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? raw[0]! : raw;
  if (!/^[\x21-\x7e]{1,200}$/.test(key))
    throw invalid([{ field: 'Idempotency-Key', message: '1 to 200 printable ASCII characters, no spaces' }]);
  return key;
}

export function ticketRoutes(api: FastifyInstance, s: Services): void {
  api.get<{ Querystring: TicketQuery & { status?: string[] } }>(
    '/tickets',
    {
      schema: {
        summary: 'Tickets you can see, newest activity first, a page at a time',
        operationId: 'listTickets',
        answers: { 200: page(ref('Ticket')) },
        answerHeaders: {
          200: {
            Link: {
              description: 'when there is a next page: its address, `<…&cursor=…>; rel="next"` (RFC 8288), the same as nextCursor',
              schema: { type: 'string' },
            },
          },
        },
        errors: [404],
        querystring: listFilters,
      },
    },
    async (req, reply) => {
      const q = req.query;
      // ?status=open,sent and ?status=open&status=sent mean the same
      const status = q.status?.flatMap((v) => v.split(',')).filter(Boolean);
      const page = await s.tickets.list(req.principal, { ...q, status: status as TicketQuery['status'] }, s.publicUrl());
      // The next page's address in a header too (RFC 8288, as GitHub's API does): a client reading every page
      // asks for the next one as soon as the headers arrive, while this page's body is still on its way.
      if (page.nextCursor) void reply.header('link', `<${nextPageUrl(s.publicUrl(), req.url, page.nextCursor)}>; rel="next"`);
      return page;
    },
  );

  api.post<{ Body: NewTicket }>(
    '/tickets',
    {
      schema: {
        summary:
          'File a request; an Idempotency-Key makes a retry return the first ticket instead of a second one; dedupe: true replies to an open ticket with the same type, establishment and summary instead',
        operationId: 'createTicket',
        // 200: an Idempotency-Key replay, or a dedupe that became a reply
        answers: { 200: ref('Ticket'), 201: ref('Ticket') },
        errors: [409],
        body: {
          type: 'object',
          required: ['type', 'fields'],
          additionalProperties: false,
          properties: {
            type: { type: 'string', maxLength: 40 },
            establishment: { type: 'string', maxLength: 20 },
            fields: { type: 'object', maxProperties: 50, additionalProperties: fieldValue },
            attachments: attachmentIds,
            followUpOf: id.properties.id,
            dedupe: { type: 'boolean' },
          },
        },
      },
    },
    async (req, reply) => {
      const created = await s.tickets.create(req.principal, req.body, idempotencyKey(req), s.publicUrl());
      if (created.replayed) void reply.header('idempotent-replayed', 'true');
      // with dedupe, the request became a reply to an open ticket with the same summary
      if (created.deduplicated) void reply.header('tix-deduplicated', 'true');
      return reply.code(created.replayed || created.deduplicated ? 200 : 201).send(created.item);
    },
  );

  api.get<{ Params: { id: number }; Querystring: { markRead?: 'auto' | 'never' } }>(
    '/tickets/:id',
    {
      schema: {
        summary: "A ticket and its conversation; markRead=auto applies the company's mark-read setting (on-open marks it read)",
        operationId: 'getTicket',
        answers: { 200: ref('TicketWithMessages') },
        params: id,
        querystring: { type: 'object', additionalProperties: false, properties: { markRead: { type: 'string', enum: ['auto', 'never'] } } },
      },
    },
    async (req) => s.tickets.get(req.principal, req.params.id, s.publicUrl(), req.query.markRead),
  );

  api.post<{ Body: Omit<TicketQuery, 'limit' | 'cursor' | 'unread'> }>(
    '/tickets/read',
    {
      schema: {
        summary: 'Mark read every message of the tickets matching these filters (list filters, without paging)',
        operationId: 'markTicketsRead',
        answers: { 200: ref('ReadResult') },
        errors: [404],
        bodyOptional: true,
        body: {
          ...listFilters,
          properties: Object.fromEntries(
            Object.entries(listFilters.properties).filter(([k]) => !['limit', 'cursor', 'unread'].includes(k)),
          ),
        },
      },
    },
    async (req) => s.tickets.readAll(req.principal, req.body ?? {}),
  );

  api.post<{ Params: { id: number }; Body: NewReply }>(
    '/tickets/:id/messages',
    {
      schema: {
        summary: 'Reply; refused (409 ticket_closed) on a closed ticket; a customer reply reopens a resolved one',
        operationId: 'replyToTicket',
        answers: { 200: ref('ReplyResult'), 201: ref('ReplyResult') },
        errors: [409],
        params: id,
        body: {
          type: 'object',
          required: ['body'],
          additionalProperties: false,
          properties: { body: { type: 'string', maxLength: 20000 }, attachments: attachmentIds },
        },
      },
    },
    async (req, reply) => {
      const created = await s.tickets.reply(req.principal, req.params.id, req.body, idempotencyKey(req), s.publicUrl());
      if (created.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.code(created.replayed ? 200 : 201).send({ message: created.item, ticket: created.ticket });
    },
  );

  for (const action of ['resolve', 'close', 'reopen'] as StatusAction[]) {
    api.post<{ Params: { id: number } }>(
      `/tickets/:id/${action}`,
      {
        schema: {
          summary: `${action[0]!.toUpperCase()}${action.slice(1)} a ticket`,
          operationId: `${action}Ticket`,
          answers: { 200: ref('Ticket') },
          errors: [409],
          params: id,
        },
      },
      async (req) => s.tickets.act(req.principal, req.params.id, action, s.publicUrl()),
    );
  }

  api.post<{ Params: { id: number }; Body: { messageId?: number } | undefined }>(
    '/tickets/:id/read',
    {
      schema: {
        summary: "Mark others' messages read (all of them, or up to one message)",
        operationId: 'markTicketRead',
        answers: { 200: { type: 'object', required: ['marked'], properties: { marked: { type: 'integer' } } } },
        bodyOptional: true,
        params: id,
        body: { type: 'object', additionalProperties: false, properties: { messageId: id.properties.id } },
      },
    },
    async (req) => ({ marked: await s.tickets.markRead(req.principal, req.params.id, req.body?.messageId) }),
  );

  api.post<{ Params: { id: number } }>(
    '/tickets/:id/unread',
    {
      schema: {
        summary: 'Mark the latest message from someone else unread again',
        operationId: 'markTicketUnread',
        answers: {
          200: { type: 'object', required: ['messageId'], properties: { messageId: { anyOf: [{ type: 'integer' }, { type: 'null' }] } } },
        },
        params: id,
      },
    },
    async (req) => ({ messageId: (await s.tickets.markUnread(req.principal, req.params.id)) ?? null }),
  );

  api.get<{ Params: { id: number; attachment: string } }>(
    '/tickets/:id/attachments/:attachment',
    {
      schema: {
        summary: 'Download an attachment',
        operationId: 'downloadAttachment',
        answers: { 200: { mediaType: '*/*', description: 'the file; its type as sniffed at upload, X-Sha256 its digest' } },
        params: { type: 'object', properties: { id: id.properties.id, attachment: { type: 'string', maxLength: 64 } } },
      },
    },
    async (req, reply) => {
      const file = await s.tickets.attachment(req.principal, req.params.id, req.params.attachment);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('x-sha256', file.sha256)
        .send(Buffer.from(file.data));
    },
  );
}

/** The same request's address with the next page's cursor. */
function nextPageUrl(publicUrl: string, requestUrl: string, cursor: string): string {
  const [path = '', search = ''] = requestUrl.split('?', 2);
  const query = new URLSearchParams(search);
  query.set('cursor', cursor);
  return `${publicUrl}${path}?${query}`;
}
