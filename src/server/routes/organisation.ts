import type { FastifyInstance } from 'fastify';
import type { Services } from '../app.ts';

export function organisationRoutes(api: FastifyInstance, s: Services): void {
  api.get(
    '/establishments',
    { schema: { summary: 'The establishments you administer (all of them for support agents)' } },
    async (req) => ({
      items: await s.organisation.establishments(req.principal),
      nextCursor: null,
    }),
  );
}
