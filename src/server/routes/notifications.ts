import type { FastifyInstance } from 'fastify';
import { type NotificationLevel, notificationLevels } from '../../api/types.ts';
import { type Locale, locales } from '../../core/i18n.ts';
import { ref } from '../api-schemas.ts';
import type { Services } from '../app.ts';

const id = { type: 'object', properties: { id: { type: 'integer', minimum: 1, maximum: 2 ** 53 - 1 } } } as const;

export function notificationRoutes(api: FastifyInstance, s: Services): void {
  api.get(
    '/notification-settings',
    {
      schema: {
        summary: 'Your e-mail notification settings and the tickets you subscribed to or unsubscribed from',
        operationId: 'getNotificationSettings',
        answers: { 200: ref('NotificationSettings') },
      },
    },
    async (req) => s.notifications.settings(req.principal),
  );

  api.patch<{ Body: { level?: NotificationLevel; language?: Locale } }>(
    '/notification-settings',
    {
      schema: {
        summary: 'Change how much e-mail you receive (all, mine, none) and in which language; applies to mail not sent yet',
        operationId: 'updateNotificationSettings',
        answers: { 200: ref('NotificationSettings') },
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { level: { type: 'string', enum: [...notificationLevels] }, language: { type: 'string', enum: [...locales] } },
        },
      },
    },
    async (req) => s.notifications.update(req.principal, req.body),
  );

  for (const [action, subscribed] of [
    ['subscribe', true],
    ['unsubscribe', false],
  ] as const) {
    api.post<{ Params: { id: number } }>(
      `/tickets/:id/${action}`,
      {
        schema: {
          summary: subscribed
            ? "Receive this ticket's e-mail notifications (with the level mine or all)"
            : "Stop this ticket's e-mail notifications, whatever the level; applies to mail not sent yet",
          operationId: `${action}Ticket`,
          answers: { 200: ref('TicketSubscription') },
          params: id,
        },
      },
      async (req) => s.notifications.subscribe(req.principal, req.params.id, subscribed),
    );
  }
}
