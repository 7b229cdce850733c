import type { FastifyInstance } from 'fastify';
import { page, ref } from '../api-schemas.ts';
import type { Services } from '../app.ts';

export function organisationRoutes(api: FastifyInstance, s: Services): void {
  api.get(
    '/establishments',
    {
      schema: {
        summary: 'The establishments you administer (all of them for support agents)',
        operationId: 'listEstablishments',
        answers: { 200: page(ref('Establishment')) },
      },
    },
    async (req) => ({
      items: await s.organisation.establishments(req.principal),
      nextCursor: null,
    }),
  );
}
