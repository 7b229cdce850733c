import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, type OpenApiDocument, operationById, validateExchange } from '../helpers/openapi.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// A small OpenAPI 3.0 document with what the vendors' documents use: templates, $refs to parameters and schemas,
// required query parameters, nullable, int32, Basic auth, a multipart upload and a default response.
const shop: OpenApiDocument = {
  openapi: '3.0.3',
  info: { title: 'Shop', version: '1' },
  servers: [{ url: 'https://{tenant}.shop.example' }],
  security: [{ basic: [] }],
  components: {
    securitySchemes: { basic: { type: 'http', scheme: 'basic' } },
    parameters: { ItemId: { name: 'item_id', in: 'path', required: true, schema: { type: 'integer' } } },
    schemas: {
      Item: {
        type: 'object',
        required: ['id', 'name'],
        properties: {
          id: { type: 'integer', format: 'int32' },
          name: { type: 'string' },
          note: { type: 'string', nullable: true },
          tags: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
      Error: { type: 'object', properties: { message: { type: 'string' } } },
    },
  },
  paths: {
    '/items': {
      get: {
        operationId: 'SearchItems',
        parameters: [
          { name: 'q', in: 'query', required: true, schema: { type: 'string' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 } },
          { name: 'tag', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
        ],
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': {
                schema: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Item' } } } },
              },
            },
          },
        },
      },
      post: {
        operationId: 'CreateItem',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['item'],
                properties: { item: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } },
              },
            },
          },
        },
        responses: {
          '201': { description: 'created', content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } },
          default: { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      },
    },
    '/items/{item_id}': {
      parameters: [{ $ref: '#/components/parameters/ItemId' }],
      get: {
        operationId: 'ShowItem',
        responses: {
          '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } },
          '404': { description: 'missing', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      },
    },
    '/items/featured': {
      get: { operationId: 'Featured', security: [], responses: { '204': { description: 'none' } } },
    },
    '/items/{item_id}/photo': {
      parameters: [{ $ref: '#/components/parameters/ItemId' }],
      post: {
        operationId: 'UploadPhoto',
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file'],
                properties: { file: { type: 'string', format: 'binary' }, caption: { type: 'string' } },
              },
            },
          },
        },
        responses: { '204': { description: 'stored' } },
      },
    },
  },
};

const auth = { authorization: `Basic ${Buffer.from('ann@example.com/token:secret').toString('base64')}` };
const json = { 'content-type': 'application/json; charset=utf-8' };

describe('validateExchange', () => {
  const spec = loadSpec(shop, { pathSuffixes: ['.json'] });

  it('passes a valid exchange', () => {
    const problems = validateExchange(
      spec,
      { method: 'GET', path: '/items?q=lamp&limit=10&tag=a&tag=b', headers: auth },
      { status: 200, headers: json, body: { items: [{ id: 1, name: 'Lamp', note: null, tags: ['a'] }] } },
    );
    expect(problems).toEqual([]);
  });

  it('names the operation and the JSON path of a wrong response body', () => {
    const problems = validateExchange(
      spec,
      { method: 'GET', path: '/items/7', headers: auth },
      { status: 200, headers: json, body: { id: 7, name: 42, colour: 'red' } },
    );
    expect(problems).toEqual([
      'ShowItem (GET /items/{item_id}) response 200 body /: must NOT have additional properties (colour); /name: must be string',
    ]);
  });

  it('names the JSON path of a wrong request body', () => {
    const problems = validateExchange(
      spec,
      { method: 'POST', path: '/items', headers: { ...auth, ...json }, body: JSON.stringify({ item: { title: 'Lamp' } }) },
      { status: 201, headers: json, body: { id: 1, name: 'Lamp' } },
    );
    expect(problems).toEqual(["CreateItem (POST /items) request body /item: must have required property 'name'"]);
  });

  it('reports a body that is not JSON, and one sent without a content type', () => {
    expect(validateExchange(spec, { method: 'POST', path: '/items', headers: { ...auth, ...json }, body: '{"item":' })).toEqual([
      'CreateItem (POST /items) request body: is not valid JSON ("{\\"item\\":")',
    ]);
    expect(validateExchange(spec, { method: 'POST', path: '/items', headers: auth, body: '{}' })[0]).toMatch(
      /CreateItem .*content type \(none\) is not declared \(declared: application\/json\)/,
    );
  });

  it('reports an unknown path and a method the path does not have', () => {
    expect(validateExchange(spec, { method: 'GET', path: '/baskets/1', headers: auth })).toEqual([
      'GET /baskets/1: no path of the document (Shop) matches',
    ]);
    expect(validateExchange(spec, { method: 'DELETE', path: '/items/3', headers: auth })).toEqual([
      'DELETE /items/3: the document has no DELETE on /items/{item_id} (only GET)',
    ]);
  });

  it('reports an undeclared status, and accepts any status under default', () => {
    expect(validateExchange(spec, { method: 'GET', path: '/items/3', headers: auth }, { status: 429, headers: {}, body: '' })).toEqual([
      'ShowItem (GET /items/{item_id}) response status 429 is not declared (declared: 200, 404)',
    ]);
    const created = { method: 'POST', path: '/items', headers: { ...auth, ...json }, body: { item: { name: 'x' } } };
    expect(validateExchange(spec, created, { status: 422, headers: json, body: { message: 'no' } })).toEqual([]);
  });

  it('reports a missing required query parameter and a value of the wrong type', () => {
    expect(validateExchange(spec, { method: 'GET', path: '/items?limit=500', headers: auth })).toEqual([
      'SearchItems (GET /items) request: required query parameter q is missing',
      'SearchItems (GET /items) request query parameter limit = 500: must be <= 100',
    ]);
    expect(validateExchange(spec, { method: 'GET', path: '/items/abc', headers: auth })).toEqual([
      'ShowItem (GET /items/{item_id}) request path parameter item_id = "abc": must be integer',
    ]);
  });

  it('matches a literal segment before a template, and accepts the declared path suffix', () => {
    expect(validateExchange(spec, { method: 'GET', path: '/items/featured', headers: {} }, { status: 204, headers: {} })).toEqual([]);
    expect(validateExchange(spec, { method: 'GET', path: '/items/featured.json', headers: {} }, { status: 204, headers: {} })).toEqual([]);
    expect(
      validateExchange(
        spec,
        { method: 'GET', path: '/items/7.json', headers: auth },
        { status: 200, headers: json, body: { id: 7, name: 'x' } },
      ),
    ).toEqual([]);
  });

  it('checks the credentials the operation asks for', () => {
    expect(validateExchange(spec, { method: 'GET', path: '/items/7', headers: { authorization: 'Bearer abc' } })).toEqual([
      'ShowItem (GET /items/{item_id}) request: no credentials the operation accepts (accepts basic: basic; got "Bearer …")',
    ]);
    // `security: []` opens an operation to anonymous callers
    expect(validateExchange(spec, { method: 'GET', path: '/items/featured', headers: {} })).toEqual([]);
  });

  it('checks int32 and nullable the OpenAPI 3.0 way', () => {
    const big = validateExchange(
      spec,
      { method: 'GET', path: '/items/1', headers: auth },
      { status: 200, headers: json, body: { id: 2 ** 31, name: 'x' } },
    );
    expect(big).toEqual(['ShowItem (GET /items/{item_id}) response 200 body /id: must match format "int32"']);
  });

  it('validates a multipart body part by part', async () => {
    const form = new FormData();
    form.append('caption', 'front');
    const headers = { ...auth, 'content-type': 'multipart/form-data; boundary=x' };
    expect(validateExchange(spec, { method: 'POST', path: '/items/1/photo', headers, body: form })).toEqual([
      "UploadPhoto (POST /items/{item_id}/photo) request body /: must have required property 'file'",
    ]);
    form.append('file', new Blob(['png']), 'front.png');
    expect(validateExchange(spec, { method: 'POST', path: '/items/1/photo', headers, body: form }, { status: 204, headers: {} })).toEqual(
      [],
    );
  });

  it('applies patches to a private copy, and a patch that finds nothing fails the load', () => {
    const patched = loadSpec(shop, {
      patches: [(doc) => (operationById(doc, 'ShowItem').responses['429'] = { description: 'slow down' })],
    });
    expect(validateExchange(patched, { method: 'GET', path: '/items/3', headers: auth }, { status: 429, headers: {} })).toEqual([]);
    expect(shop.paths['/items/{item_id}'].get.responses['429']).toBeUndefined();
    expect(() => loadSpec(shop, { patches: [(doc) => operationById(doc, 'ShowBasket')] })).toThrow(
      'the document has no operation ShowBasket',
    );
  });
});

describe('validateExchange on OpenAPI 3.1: tix serve’s own document', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('checks real traffic of tix serve against /api/v1/openapi.json', async () => {
    const document = (await server.api('GET', '/openapi.json')).body;
    const spec = loadSpec(document);
    const body = { email: 'yann@demo.test', password: 'demo-password' };
    const login = await server.api('POST', '/auth/login', { body });
    const request = { method: 'POST', path: '/api/v1/auth/login', headers: json, body };
    expect(validateExchange(spec, request, { status: login.status, headers: login.headers, body: login.body })).toEqual([]);

    const token = login.body.token as string;
    const list = await server.api('GET', '/tickets?limit=2', { token });
    const listRequest = { method: 'GET', path: '/api/v1/tickets?limit=2', headers: { authorization: `Bearer ${token}` } };
    expect(validateExchange(spec, listRequest, { status: list.status, headers: list.headers, body: list.body })).toEqual([]);
    // the same request without its token is one the document does not allow
    expect(validateExchange(spec, { ...listRequest, headers: {} })).toEqual([
      expect.stringContaining('request: no credentials the operation accepts (accepts bearer: bearer; got no Authorization header)'),
    ]);
  });
});
