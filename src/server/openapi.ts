import { API_VERSION } from '../providers/tix/wire.ts';
import { VERSION } from '../version.ts';
import { componentSchemas } from './api-schemas.ts';

type Schema = Record<string, unknown>;

/** What a route's answer is, besides errors: a JSON schema, `null` for no body, or a body of another type. */
export type Answer = Schema | null | { mediaType: string; description: string };

export interface RouteDoc {
  method: string | string[];
  url: string;
  schema?: Record<string, unknown>;
  public: boolean;
}

/** What each error status means, for the document; the body is always the error envelope. */
const errorMeanings: Record<number, string> = {
  400: 'malformed request: a bad %-escape in the URL, a body that is not JSON, not UTF-8, or has a key twice',
  401: 'no token, or one that is not valid here (expired, revoked, unknown)',
  403: 'the token or the account may not do this (a missing scope, a role)',
  404: 'no such thing, or not one you may see (another establishment’s data is answered alike)',
  409: 'refused by the current state (a closed ticket, an idempotency key used for another request, a conflict)',
  413: 'the body is larger than this endpoint accepts',
  415: 'the body is not of a type this endpoint accepts',
  422: 'invalid fields: every problem is listed in error.fields, by field',
  429: 'too many attempts; Retry-After says when to try again',
};

/**
 * The OpenAPI document is generated from the very schemas the routes validate with, so requests cannot drift;
 * the answers are described by each route's `answers` and checked against every answer of the test suite.
 */
export function buildOpenApi(routes: RouteDoc[]): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/^\/api\/v1/, '').replace(/:(\w+)/g, '{$1}');
    for (const method of [r.method].flat()) {
      const schema = r.schema ?? {};
      const params = ['params', 'querystring'].flatMap((part) => {
        const s = schema[part] as { properties?: Record<string, Schema>; required?: string[] } | undefined;
        return Object.entries(s?.properties ?? {}).map(([name, sch]) => ({
          name,
          in: part === 'params' ? 'path' : 'query',
          required: part === 'params' || (s?.required ?? []).includes(name),
          // a list filter may repeat (?status=open&status=sent)
          ...(sch.type === 'array' ? { explode: true, style: 'form' } : {}),
          schema: sch,
        }));
      });
      const rawBody = schema.rawBody as { description: string } | undefined;
      const hasBody = Boolean(schema.body || rawBody);
      const errors = new Set<number>([400, ...((schema.errors as number[] | undefined) ?? [])]);
      if (!r.public) for (const status of [401, 403]) errors.add(status);
      if (schema.params) errors.add(404);
      if (schema.params || schema.querystring || hasBody) errors.add(422);
      if (hasBody) errors.add(413);
      if (schema.body) errors.add(415);
      const responses: Record<string, unknown> = {};
      const answerHeaders = (schema.answerHeaders ?? {}) as Record<string, Record<string, unknown>>;
      for (const [status, answer] of Object.entries((schema.answers ?? { 200: {} }) as Record<string, Answer>)) {
        responses[status] = {
          ...describeAnswer(Number(status), answer),
          ...(answerHeaders[status] ? { headers: answerHeaders[status] } : {}),
        };
      }
      for (const status of [...errors].sort()) {
        responses[status] = {
          description: errorMeanings[status] ?? 'error',
          ...(status === 429 ? { headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' } } } } : {}),
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        };
      }
      responses.default = {
        description: 'unexpected server error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
      paths[path] ??= {};
      paths[path][method.toLowerCase()] = {
        operationId: schema.operationId,
        summary: schema.summary,
        tags: [tagOf(path)],
        ...(params.length ? { parameters: params } : {}),
        ...(schema.body
          ? { requestBody: { required: !schema.bodyOptional, content: { 'application/json': { schema: schema.body } } } }
          : {}),
        ...(rawBody
          ? {
              requestBody: {
                required: true,
                description: rawBody.description,
                // the server decides the type from the bytes, whatever Content-Type says
                content: Object.fromEntries(
                  ['application/octet-stream', '*/*'].map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
                ),
              },
            }
          : {}),
        ...(r.public ? { security: [] } : {}),
        responses,
      };
    }
  }
  const tags = [...new Set(Object.keys(paths).map(tagOf))].sort();
  return {
    openapi: '3.1.0',
    info: {
      title: 'tix support API',
      version: `${API_VERSION} (tix ${VERSION})`,
      description:
        'The reference support backend of tix: tickets, their conversations and attachments, account contacts, ' +
        'settings and tokens. Errors are {"error": {"code", "message", "fields"?}}.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    tags: tags.map((name) => ({ name, description: tagDescriptions[name] ?? name })),
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'a session token from POST /auth/login, or a personal access token' },
      },
      schemas: componentSchemas,
    },
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
  };
}

function describeAnswer(status: number, answer: Answer): Record<string, unknown> {
  const description = status === 201 ? 'created' : status === 204 ? 'done; no body' : 'success';
  if (answer === null) return { description };
  if (typeof answer.mediaType === 'string')
    return {
      description: String(answer.description),
      content: { [answer.mediaType]: { schema: { type: 'string', format: 'binary' } } },
    };
  return { description, content: { 'application/json': { schema: answer } } };
}

/** The first segment of the path: tickets, contacts, tokens… */
function tagOf(path: string): string {
  const first = path.split('/')[1] ?? '';
  return first === 'me' || first === 'auth' ? 'auth' : first === 'meta' || first === 'openapi.json' ? 'meta' : first;
}

const tagDescriptions: Record<string, string> = {
  auth: 'logging in and out, and who a token belongs to',
  contacts: "the company's account contacts, by type",
  establishments: 'the establishments a user administers',
  meta: 'the server and this document',
  'notification-settings': 'your e-mail notification settings',
  'request-types': 'the request-type catalog and each type’s form',
  settings: "the company's settings",
  tickets: 'tickets, their conversations, read state and attachments',
  tokens: 'personal access tokens',
  uploads: 'files waiting to be attached to a ticket or a reply',
};
