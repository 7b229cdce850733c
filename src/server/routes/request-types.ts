import type { FastifyInstance } from 'fastify';
import { findType } from '../../core/catalog.ts';
import { ref } from '../api-schemas.ts';
import type { Services } from '../app.ts';
import { notFound } from '../errors.ts';

export function requestTypeRoutes(api: FastifyInstance, s: Services): void {
  api.get(
    '/request-types',
    {
      schema: {
        summary: "The request-type catalog: categories, types and each type's form",
        operationId: 'listRequestTypes',
        answers: { 200: ref('Catalog') },
      },
    },
    async () => s.catalog(),
  );

  api.get<{ Params: { id: string } }>(
    '/request-types/:id',
    {
      schema: {
        summary: 'One request type and its form',
        operationId: 'getRequestType',
        answers: { 200: ref('RequestType') },
        params: { type: 'object', properties: { id: { type: 'string', maxLength: 40 } } },
      },
    },
    async (req) => {
      const type = findType(s.catalog(), req.params.id);
      if (!type) throw notFound(`no request type "${req.params.id}"`);
      return type;
    },
  );
}
