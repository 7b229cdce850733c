import type { FastifyInstance } from 'fastify';
import type { ContactPatch, ContactQuery, NewContact } from '../../api/types.ts';
import { MAX_CONTACTS_PER_FILE } from '../../core/contact-input.ts';
import { page, ref } from '../api-schemas.ts';
import type { Services } from '../app.ts';

// The schemas bound sizes and shapes; the service checks the rules (types, addresses, phones) and words the
// problems. The 20-address rule lives there too, with its advice; the schema only stops absurd bodies.
const id = { type: 'object', properties: { id: { type: 'integer', minimum: 1, maximum: 2 ** 53 - 1 } } } as const;
const company = { type: 'string', maxLength: 20 } as const;
const name = { type: 'string', maxLength: 200 } as const;
const emails = { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 320 } } as const;
const phone = { anyOf: [{ type: 'string', maxLength: 60 }, { type: 'null' }] } as const;
const contact = {
  type: 'object',
  required: ['type', 'name', 'emails'],
  additionalProperties: false,
  properties: { type: { type: 'string', maxLength: 40 }, name, emails, phone },
} as const;

export function contactRoutes(api: FastifyInstance, s: Services): void {
  api.get<{ Querystring: ContactQuery }>(
    '/contacts',
    {
      schema: {
        summary: "The company's contacts by type (support agents: ?company=SIREN)",
        operationId: 'listContacts',
        answers: { 200: page(ref('Contact')) },
        errors: [404],
        querystring: { type: 'object', additionalProperties: false, properties: { type: { type: 'string', maxLength: 40 }, company } },
      },
    },
    async (req) => ({ items: await s.contacts.list(req.principal, req.query), nextCursor: null }),
  );

  api.get<{ Params: { id: number }; Querystring: { company?: string } }>(
    '/contacts/:id',
    {
      schema: {
        summary: 'One contact',
        operationId: 'getContact',
        answers: { 200: ref('Contact') },
        params: id,
        querystring: { type: 'object', additionalProperties: false, properties: { company } },
      },
    },
    async (req) => s.contacts.get(req.principal, req.params.id, req.query.company),
  );

  api.post<{ Body: NewContact }>(
    '/contacts',
    {
      schema: {
        summary: 'Add a contact (administrators); the phone is stored in E.164',
        operationId: 'createContact',
        answers: { 201: ref('Contact') },
        errors: [404, 409],
        body: contact,
      },
    },
    async (req, reply) => reply.code(201).send(await s.contacts.create(req.principal, req.body)),
  );

  api.patch<{ Params: { id: number }; Body: ContactPatch }>(
    '/contacts/:id',
    {
      schema: {
        summary: 'Change a contact: its name or phone (null removes it), add or remove addresses',
        operationId: 'updateContact',
        answers: { 200: ref('Contact') },
        errors: [409],
        params: id,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { name, phone, addEmails: { ...emails, minItems: 1 }, removeEmails: { ...emails, minItems: 1 } },
        },
      },
    },
    async (req) => s.contacts.update(req.principal, req.params.id, req.body),
  );

  api.delete<{ Params: { id: number } }>(
    '/contacts/:id',
    { schema: { summary: 'Remove a contact', operationId: 'deleteContact', answers: { 204: null }, params: id } },
    async (req, reply) => {
      await s.contacts.remove(req.principal, req.params.id);
      return reply.code(204).send();
    },
  );

  api.post<{ Body: { contacts: NewContact[]; dryRun: boolean; ifFingerprint?: string } }>(
    '/contacts/apply',
    {
      schema: {
        summary: "Make the company's contacts the declared set, all or nothing; dryRun shows the plan only",
        operationId: 'applyContacts',
        answers: { 200: ref('ContactApplyResult') },
        errors: [404, 409],
        body: {
          type: 'object',
          required: ['contacts'],
          additionalProperties: false,
          properties: {
            contacts: { type: 'array', maxItems: MAX_CONTACTS_PER_FILE, items: contact },
            dryRun: { type: 'boolean', default: false },
            ifFingerprint: { type: 'string', maxLength: 64 },
          },
        },
      },
    },
    async (req) => s.contacts.apply(req.principal, req.body),
  );
}
