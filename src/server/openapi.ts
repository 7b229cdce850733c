import { API_VERSION } from '../providers/tix/wire.ts';
import { VERSION } from '../version.ts';

export interface RouteDoc {
  method: string | string[];
  url: string;
  schema?: Record<string, unknown>;
  public: boolean;
}

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        fields: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
      },
    },
  },
};

/** The OpenAPI document is generated from the very schemas the routes validate with, so it cannot drift. */
export function buildOpenApi(routes: RouteDoc[]): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    for (const method of [r.method].flat()) {
      const schema = r.schema ?? {};
      const params = ['params', 'querystring'].flatMap((part) => {
        const s = schema[part] as { properties?: Record<string, unknown>; required?: string[] } | undefined;
        return Object.entries(s?.properties ?? {}).map(([name, sch]) => ({
          name,
          in: part === 'params' ? 'path' : 'query',
          required: part === 'params' || (s?.required ?? []).includes(name),
          schema: sch,
        }));
      });
      paths[path] ??= {};
      paths[path][method.toLowerCase()] = {
        summary: schema.summary,
        ...(params.length ? { parameters: params } : {}),
        ...(schema.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema.body } } } } : {}),
        ...(r.public ? { security: [] } : {}),
        responses: {
          default: { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'tix support API', version: `${API_VERSION} (tix ${VERSION})` },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas: { Error: errorSchema } },
    paths: Object.fromEntries(Object.entries(paths).map(([p, v]) => [p.replace(/^\/api\/v1/, ''), v])),
  };
}
