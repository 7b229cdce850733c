import type { FastifyInstance } from 'fastify';
import { tokenScopes } from '../../api/types.ts';
import { page, ref } from '../api-schemas.ts';
import type { Services } from '../app.ts';

export function tokenRoutes(api: FastifyInstance, s: Services): void {
  api.get(
    '/tokens',
    { schema: { summary: 'Your personal access tokens', operationId: 'listTokens', answers: { 200: page(ref('TokenInfo')) } } },
    async (req) => ({
      items: await s.tokens.list(req.principal),
      nextCursor: null,
    }),
  );

  api.post<{ Body: { name: string; expiresInSeconds?: number; scopes?: string[] } }>(
    '/tokens',
    {
      schema: {
        summary: 'Create a personal access token (shown once)',
        operationId: 'createToken',
        answers: { 201: ref('CreatedToken') },
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', maxLength: 100 },
            expiresInSeconds: { type: 'integer', minimum: 60, default: 90 * 86400 },
            scopes: {
              type: 'array',
              items: { type: 'string', enum: [...tokenScopes] },
              maxItems: 20,
              default: ['tickets:read', 'tickets:write'],
            },
          },
        },
      },
    },
    async (req, reply) =>
      reply.code(201).send(
        await s.tokens.create(req.principal, {
          name: req.body.name,
          expiresInSeconds: req.body.expiresInSeconds!,
          scopes: req.body.scopes!,
        }),
      ),
  );

  api.delete<{ Params: { id: number } }>(
    '/tokens/:id',
    {
      schema: {
        summary: 'Revoke one of your personal access tokens',
        operationId: 'revokeToken',
        answers: { 204: null },
        params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } } },
      },
    },
    async (req, reply) => {
      await s.tokens.revoke(req.principal, req.params.id);
      return reply.code(204).send();
    },
  );
}
