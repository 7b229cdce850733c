import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from '../../src/server/app.ts';
import { loadSpec, type OpenApiDocument, type OpenApiSpec } from '../helpers/openapi.ts';
import { openApiProblems, startTestServer, type TestServer } from '../helpers/server.ts';

// The OpenAPI document is honest: every operation is named and says what it answers, errors included, and the
// test suite's whole traffic is checked against it (test/helpers/server.ts). These tests keep that check honest.

let s: TestServer;
let document: OpenApiDocument;
let spec: OpenApiSpec;
beforeAll(async () => {
  s = await startTestServer();
  document = (await s.api('GET', '/openapi.json')).body;
  spec = loadSpec(document);
});
afterAll(() => s.close());

const METHODS = ['get', 'post', 'patch', 'put', 'delete'];
const operations = () =>
  Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ path, method: m, op: item[m] })),
  );

describe('the OpenAPI document', () => {
  it('names every operation once, and says what it answers: success, 4xx in the error envelope, and a default', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(25);
    const ids = ops.map((o) => o.op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, op } of ops) {
      const statuses = Object.keys(op.responses);
      const where = `${method.toUpperCase()} ${path}`;
      expect(
        statuses.some((st) => /^2\d\d$/.test(st)),
        where,
      ).toBe(true);
      expect(
        statuses.some((st) => /^4\d\d$/.test(st)),
        where,
      ).toBe(true);
      expect(statuses, where).toContain('default');
      for (const st of statuses.filter((x) => /^4/.test(x)))
        expect(op.responses[st].content['application/json'].schema, `${where} ${st}`).toEqual({ $ref: '#/components/schemas/Error' });
      // only public operations answer without a token; the others may answer 401
      expect(op.security === undefined ? statuses.includes('401') : op.security.length === 0, where).toBe(true);
    }
  });

  it('declares the raw body of POST /uploads, and no body for what answers 204', () => {
    expect(Object.keys(document.paths['/uploads'].post.requestBody.content)).toEqual(['application/octet-stream', '*/*']);
    expect(document.paths['/contacts/{id}'].delete.responses['204']).toEqual({ description: 'done; no body' });
    expect(document.paths['/tokens/{id}'].delete.responses['204'].content).toBeUndefined();
    expect(document.paths['/auth/logout'].post.responses['204'].content).toBeUndefined();
  });
});

describe('the check of the traffic against it', () => {
  const exchange = (method: string, url: string, body: unknown, status: number, answer: unknown, contentType = 'application/json') =>
    ({
      request: {
        method,
        url: `/api/v1${url}`,
        headers: { authorization: 'Bearer tixs_x', ...(body ? { 'content-type': 'application/octet-stream' } : {}) },
        body,
      },
      response: { status, headers: answer === undefined ? {} : { 'content-type': contentType }, body: answer },
    }) as Exchange;

  it('accepts what the server really answers', () => {
    expect(openApiProblems(spec, exchange('DELETE', '/contacts/3', undefined, 204, undefined))).toEqual([]);
    expect(openApiProblems(spec, exchange('GET', '/meta', undefined, 200, '{"name":"tix","version":"1","apiVersion":"1"}'))).toEqual([]);
  });

  it('flags an answer that breaks its schema, and a body where none is declared', () => {
    expect(openApiProblems(spec, exchange('GET', '/meta', undefined, 200, '{"name":1,"version":"1","apiVersion":"1"}'))).toEqual([
      'getMeta (GET /meta) response 200 body /name: must be string [answered 200]',
    ]);
    expect(openApiProblems(spec, exchange('DELETE', '/contacts/3', undefined, 204, '{}'))).toEqual([
      'deleteContact (DELETE /contacts/{id}) response 204: has a body, but the document declares none [answered 204]',
    ]);
    // any other status is the `default` answer: the error envelope
    expect(openApiProblems(spec, exchange('GET', '/meta', undefined, 503, '{"error":{"code":"x","message":"y"}}'))).toEqual([]);
    expect(openApiProblems(spec, exchange('GET', '/meta', undefined, 503, '{"oops":true}'))[0]).toMatch(/response 503 body/);
    expect(openApiProblems(spec, exchange('POST', '/tickets/1/resolve', undefined, 200, '{"error":{}}'))[0]).toMatch(
      /^resolveTicket \(POST \/tickets\/\{id\}\/resolve\) response 200 body \/: must have required property 'id'/,
    );
  });

  it('flags an accepted request the document does not describe, and lets a refused one be', () => {
    const withoutUploadBody = structuredClone(document);
    delete withoutUploadBody.paths['/uploads'].post.requestBody;
    const upload = exchange(
      'POST',
      '/uploads?name=a.txt',
      Buffer.from('file'),
      201,
      '{"id":"up_1","name":"a.txt","size":4,"contentType":"text/plain","sha256":"x"}',
    );
    expect(openApiProblems(loadSpec(withoutUploadBody), upload)).toEqual([
      'uploadFile (POST /uploads) request: sends a body, but the document declares none [answered 201]',
    ]);
    expect(openApiProblems(spec, upload)).toEqual([]);
    // the tests send invalid requests on purpose: refused with a declared error, they are fine
    const anonymous = { ...exchange('GET', '/tickets/0x1', undefined, 404, '{"error":{"code":"not_found","message":"no"}}') };
    anonymous.request.headers = {};
    expect(openApiProblems(spec, anonymous)).toEqual([]);
  });
});
