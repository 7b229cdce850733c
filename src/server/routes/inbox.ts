import type { FastifyInstance } from 'fastify';
import type { InboxGrouping } from '../../api/types.ts';
import { ref } from '../api-schemas.ts';
import type { Services } from '../app.ts';

export function inboxRoutes(api: FastifyInstance, s: Services): void {
  api.get<{ Querystring: { by?: InboxGrouping; limit?: number } }>(
    '/inbox',
    {
      schema: {
        summary:
          'Your tickets with unread messages, counted by the server: totals, per establishment or type with `by`, and the newest `limit` tickets (in all, or of each group) with the cursor for the rest',
        operationId: 'getInbox',
        answers: { 200: ref('Inbox') },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { by: { type: 'string', enum: ['establishment', 'type'] }, limit: { type: 'integer' } },
        },
      },
    },
    async (req) => s.tickets.inbox(req.principal, req.query, s.publicUrl()),
  );
}
