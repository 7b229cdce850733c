import type { FastifyInstance } from 'fastify';
import type { ServerInfo } from '../../api/types.ts';
import { API_VERSION } from '../../providers/tix/wire.ts';
import { ref } from '../api-schemas.ts';
import { VERSION } from '../../version.ts';

export function metaRoutes(api: FastifyInstance, openapi: () => unknown): void {
  api.get(
    '/meta',
    {
      config: { public: true },
      schema: { summary: 'Server name and versions', operationId: 'getMeta', answers: { 200: ref('ServerInfo') } },
    },
    async (): Promise<ServerInfo> => ({
      name: 'tix',
      version: VERSION,
      apiVersion: API_VERSION,
    }),
  );
  api.get(
    '/openapi.json',
    {
      config: { public: true },
      schema: {
        summary: 'This OpenAPI document',
        operationId: 'getOpenApi',
        answers: {
          200: { type: 'object', required: ['openapi', 'paths'], properties: { openapi: { type: 'string' }, paths: { type: 'object' } } },
        },
      },
    },
    async () => openapi(),
  );
}
