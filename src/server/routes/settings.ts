import type { FastifyInstance } from 'fastify';
import type { MarkReadPolicy } from '../../core/settings.ts';
import { type Locale, locales } from '../../core/i18n.ts';
import { ref } from '../api-schemas.ts';
import type { Services } from '../app.ts';

export function settingsRoutes(api: FastifyInstance, s: Services): void {
  api.get<{ Querystring: { company?: string } }>(
    '/settings',
    {
      schema: {
        summary: "Your company's settings (support agents: ?company=SIREN)",
        operationId: 'getSettings',
        answers: { 200: ref('Settings') },
        errors: [404],
        querystring: { type: 'object', additionalProperties: false, properties: { company: { type: 'string', maxLength: 9 } } },
      },
    },
    async (req) => s.settings.get(req.principal, req.query.company),
  );

  api.patch<{ Body: { markRead?: MarkReadPolicy; language?: Locale } }>(
    '/settings',
    {
      schema: {
        summary: "Change your company's settings (administrators)",
        operationId: 'updateSettings',
        answers: { 200: ref('Settings') },
        errors: [404],
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            markRead: { type: 'string', enum: ['manual', 'on-open'] },
            // the language of the e-mails the account contacts receive
            language: { type: 'string', enum: [...locales] },
          },
        },
      },
    },
    async (req) => s.settings.update(req.principal, req.body),
  );
}
