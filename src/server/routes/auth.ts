import type { FastifyInstance } from 'fastify';
import { type Locale, locales } from '../../core/i18n.ts';
import { ref } from '../api-schemas.ts';
import type { Services } from '../app.ts';

export function authRoutes(api: FastifyInstance, s: Services): void {
  api.post<{ Body: { email: string; password: string; language?: Locale } }>(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        summary: 'Exchange an e-mail and password for a session token',
        operationId: 'login',
        answers: { 200: ref('LoginResult') },
        errors: [401, 429],
        body: {
          type: 'object',
          required: ['email', 'password'],
          additionalProperties: false,
          properties: {
            email: { type: 'string', minLength: 1, maxLength: 254 },
            password: { type: 'string', minLength: 1, maxLength: 1024 },
            // the language of the tix that logs in: the user's e-mails are in it until they choose one
            language: { type: 'string', enum: [...locales] },
          },
        },
      },
    },
    async (req) => s.auth.login(req.body.email, req.body.password, req.ip, undefined, req.body.language),
  );

  api.post(
    '/auth/logout',
    { schema: { summary: 'Revoke the token this request carries', operationId: 'logout', answers: { 204: null } } },
    async (req, reply) => {
      await s.auth.logout(req.principal);
      return reply.code(204).send();
    },
  );

  api.get(
    '/me',
    {
      schema: {
        summary: 'Who the token belongs to, what it may do, which establishments it reaches',
        operationId: 'getMe',
        answers: { 200: ref('Me') },
      },
    },
    async (req) => s.auth.me(req.principal),
  );
}
