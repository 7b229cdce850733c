// The shapes of the API's answers (src/api/types.ts), as JSON Schema for the OpenAPI document. They describe
// and do not serialize: the test suite checks every answer it gets against them, so they cannot drift from
// what the server sends. Objects stay open to new fields (add fields, never rename or remove one).
import { fieldKinds } from '../core/catalog.ts';
import { contactTypes } from '../core/contacts.ts';
import { locales } from '../core/i18n.ts';
import { statuses } from '../core/lifecycle.ts';
import { serverRoles } from '../core/roles.ts';
import { notificationLevels, tokenScopes } from '../api/types.ts';

type Schema = Record<string, unknown>;

export const ref = (name: keyof typeof componentSchemas): Schema => ({ $ref: `#/components/schemas/${name}` });

const text = { type: 'string' } as const;
const time = { type: 'string', format: 'date-time' } as const;
const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });
const object = (properties: Record<string, Schema>, optional: string[] = []): Schema => ({
  type: 'object',
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  properties,
});
const role = { type: 'string', enum: serverRoles } as const;
const fieldValue = { anyOf: [text, { type: 'boolean' }, { type: 'array', items: text }] };
const siret = { type: 'string', pattern: '^[0-9]{14}$' } as const;
const siren = { type: 'string', pattern: '^[0-9]{9}$' } as const;
/** words per language, e.g. {"en": "Incident", "fr": "Incidents"}: a client shows its reader's */
const localized: Schema = {
  type: 'object',
  minProperties: 1,
  properties: Object.fromEntries(locales.map((l) => [l, text])),
  additionalProperties: false,
};
const language = { type: 'string', enum: [...locales] } as const;
const notificationLevel = { type: 'string', enum: [...notificationLevels] } as const;
const notify = {
  type: 'array',
  items: { type: 'string', enum: [...contactTypes] },
  description: 'the account contacts told about these requests by e-mail, by type',
} as const;

export const page = (item: Schema): Schema => object({ items: { type: 'array', items: item }, nextCursor: nullable(text) });

const contactDraft = object({
  type: { type: 'string', enum: [...contactTypes] },
  name: text,
  emails: { type: 'array', items: text },
  phone: nullable(text),
});

export const componentSchemas = {
  Error: object({
    error: object(
      {
        code: text,
        message: text,
        fields: { type: 'array', items: object({ field: text, message: text }) },
      },
      ['fields'],
    ),
  }),
  ServerInfo: object({ name: text, version: text, apiVersion: text }),
  Establishment: object({ siret, siren, name: text }),
  LoginResult: object({ token: text, expiresAt: time, user: object({ email: text, name: text, role }) }),
  Me: object({
    user: object({ email: text, name: text, role }),
    company: nullable(object({ siren, name: text })),
    establishments: { type: 'array', items: { $ref: '#/components/schemas/Establishment' } },
    token: object({
      kind: { type: 'string', enum: ['session', 'pat'] },
      name: text,
      scopes: { type: 'array', items: text },
      expiresAt: time,
    }),
  }),
  TokenInfo: object({
    id: { type: 'integer' },
    kind: { type: 'string', enum: ['session', 'pat'] },
    name: text,
    prefix: text,
    scopes: { type: 'array', items: { type: 'string', enum: [...tokenScopes, '*'] } },
    createdAt: time,
    expiresAt: time,
    lastUsedAt: nullable(time),
    revokedAt: nullable(time),
  }),
  CreatedToken: {
    allOf: [{ $ref: '#/components/schemas/TokenInfo' }, object({ token: text })],
  },
  Ticket: object({
    id: { type: 'integer', minimum: 1 },
    status: { type: 'string', enum: [...statuses] },
    type: text,
    category: text,
    summary: text,
    establishment: object({ siret, name: text }),
    createdBy: object({ email: text, name: text }),
    onBehalfOf: nullable(object({ email: text, name: nullable(text) })),
    createdAt: time,
    updatedAt: time,
    closedAt: { ...nullable(time), description: 'when the ticket was closed; null while it is not' },
    autoClosed: {
      type: 'boolean',
      description: 'closed by the server after the auto-close delay (resolved, then untouched), not by someone',
    },
    unread: { type: 'integer', minimum: 0 },
    messageCount: { type: 'integer', minimum: 0 },
    fields: { type: 'object', additionalProperties: fieldValue },
    followUpOf: nullable({ type: 'integer' }),
    url: { type: 'string', format: 'uri' },
  }),
  Attachment: object({ id: text, name: text, size: { type: 'integer', minimum: 1 }, contentType: text, sha256: text }),
  Message: object({
    id: { type: 'integer' },
    author: object({ email: text, name: text, role }),
    unread: { type: 'boolean' },
    body: text,
    createdAt: time,
    attachments: { type: 'array', items: { $ref: '#/components/schemas/Attachment' } },
  }),
  TicketWithMessages: {
    allOf: [
      { $ref: '#/components/schemas/Ticket' },
      object({
        messages: { type: 'array', items: { $ref: '#/components/schemas/Message' } },
        followUps: { type: 'array', items: { type: 'integer' } },
      }),
    ],
  },
  ReplyResult: object({ message: { $ref: '#/components/schemas/Message' }, ticket: { $ref: '#/components/schemas/Ticket' } }),
  ReadResult: object({ tickets: { type: 'integer' }, messages: { type: 'integer' } }),
  Inbox: object(
    {
      total: object({ tickets: { type: 'integer', minimum: 0 }, messages: { type: 'integer', minimum: 0 } }),
      items: { type: 'array', items: { $ref: '#/components/schemas/Ticket' } },
      nextCursor: nullable(text),
      groups: {
        type: 'array',
        items: object({
          key: text,
          name: text,
          tickets: { type: 'integer', minimum: 0 },
          messages: { type: 'integer', minimum: 0 },
          items: { type: 'array', items: { $ref: '#/components/schemas/Ticket' } },
          nextCursor: nullable(text),
        }),
      },
    },
    ['groups'],
  ),
  Settings: object({
    company: object({ siren, name: text }),
    markRead: { type: 'string', enum: ['manual', 'on-open'] },
    language: { ...language, description: 'the language of the e-mails the account contacts receive' },
  }),
  NotificationSettings: object({
    email: text,
    level: {
      ...notificationLevel,
      description: 'all: every ticket of your establishments; mine: the tickets you filed, wrote on or subscribed to; none: no e-mail',
    },
    language,
    languageSource: { type: 'string', enum: ['chosen', 'login', 'company'] },
    subscriptions: { type: 'array', items: object({ ticketId: { type: 'integer' }, subscribed: { type: 'boolean' }, at: time }) },
  }),
  TicketSubscription: object({
    ticketId: { type: 'integer' },
    subscribed: { type: 'boolean' },
    receives: { type: 'boolean', description: "whether you receive this ticket's notifications now" },
    reason: nullable({ type: 'string', enum: ['creator', 'on-behalf', 'subscriber', 'follower', 'all'] }),
    level: notificationLevel,
  }),
  Contact: {
    allOf: [contactDraft, object({ id: { type: 'integer' }, createdAt: time, updatedAt: time })],
  },
  ContactApplyResult: object({
    plan: object({
      add: { type: 'array', items: { allOf: [contactDraft, object({ id: nullable({ type: 'integer' }) })] } },
      change: { type: 'array', items: object({ id: { type: 'integer' }, before: contactDraft, after: contactDraft }) },
      remove: { type: 'array', items: { $ref: '#/components/schemas/Contact' } },
      unchanged: { type: 'integer' },
    }),
    applied: { type: 'boolean' },
    fingerprint: text,
  }),
  RequestType: object(
    {
      id: text,
      category: text,
      label: localized,
      description: localized,
      example: localized,
      irreversible: { type: 'boolean' },
      notify,
      fields: {
        type: 'array',
        items: object(
          {
            id: text,
            label: localized,
            help: localized,
            kind: { type: 'string', enum: [...fieldKinds] },
            required: { type: 'boolean' },
            default: { anyOf: [text, { type: 'boolean' }] },
            choices: { type: 'array', items: object({ value: text, label: localized }) },
            maxLength: { type: 'integer' },
            pattern: text,
            patternHint: text,
            integer: { type: 'boolean' },
            acknowledgement: { type: 'boolean' },
            future: { type: 'boolean' },
          },
          ['help', 'default', 'choices', 'maxLength', 'pattern', 'patternHint', 'integer', 'acknowledgement', 'future'],
        ),
      },
    },
    ['example', 'irreversible', 'notify'],
  ),
  Catalog: object({
    categories: {
      type: 'array',
      items: object({ id: text, label: localized, description: localized, notify }, ['notify']),
    },
    types: { type: 'array', items: { $ref: '#/components/schemas/RequestType' } },
  }),
} satisfies Record<string, Schema>;
