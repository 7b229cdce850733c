import type { FastifyInstance } from 'fastify';
import { MAX_ATTACHMENT_BYTES } from '../../core/catalog.ts';
import { ref } from '../api-schemas.ts';
import type { Services } from '../app.ts';

export async function uploadRoutes(api: FastifyInstance, s: Services): Promise<void> {
  // Raw bytes whatever the declared type (a .json file stays bytes), in this route's context only; the size
  // limit is checked while reading, before anything is stored.
  api.removeAllContentTypeParsers();
  api.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES }, (_req, body, done) => done(null, body));
  api.post<{ Querystring: { name?: string }; Body: Buffer }>(
    '/uploads',
    {
      bodyLimit: MAX_ATTACHMENT_BYTES,
      schema: {
        summary: 'Upload one file (raw body, at most 10 MiB); attach it by id to a new ticket or a reply',
        operationId: 'uploadFile',
        rawBody: { description: 'the file, as is (at most 10 MiB); its type is decided from its bytes' },
        answers: { 201: ref('Attachment') },
        // 409: too many uploads waiting to be attached
        errors: [409],
        querystring: { type: 'object', additionalProperties: false, properties: { name: { type: 'string', maxLength: 255 } } },
      },
    },
    async (req, reply) => {
      return reply.code(201).send(await s.uploads.upload(req.principal, req.query.name, req.body ?? Buffer.alloc(0)));
    },
  );
}
