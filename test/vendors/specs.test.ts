import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec, validateExchange } from '../helpers/openapi.ts';
import { jiraSmSpec, specsDir, zendeskSpec } from '../helpers/vendors/specs.ts';

// The patches are needed: each exchange below is what the real service does or wants, flagged by the vendor's
// document as published and accepted once patched.
const json = { 'content-type': 'application/json' };
const basic = `Basic ${Buffer.from('ann@acme.test/token:secret').toString('base64')}`;

describe("Jira Service Management's document, as published and patched", () => {
  const raw = loadSpec(join(specsDir(), 'jira-service-management.openapi.json'));
  const patched = jiraSmSpec();

  it('takes Basic e-mail + API token (every operation lists only OAuth2)', () => {
    const exchange = { method: 'GET', path: '/rest/servicedeskapi/servicedesk', headers: { authorization: basic } };
    expect(validateExchange(raw, exchange)).toEqual([
      expect.stringContaining('no credentials the operation accepts (accepts OAuth2: Bearer'),
    ]);
    expect(validateExchange(patched, exchange)).toEqual([]);
  });

  it('declares 429 with Retry-After', () => {
    const exchange = { method: 'GET', path: '/rest/servicedeskapi/request', headers: { authorization: 'Bearer oauth-token' } };
    const tooMany = { status: 429, headers: { ...json, 'retry-after': '5' }, body: { errorMessage: 'Rate limit exceeded.' } };
    expect(validateExchange(raw, exchange, tooMany)).toEqual([expect.stringContaining('response status 429 is not declared')]);
    expect(validateExchange(patched, exchange, tooMany)).toEqual([]);
  });

  it('describes attachTemporaryFile as the prose does: parts named file, X-Atlassian-Token, its answer', () => {
    const form = new FormData();
    form.append('file', new Blob(['x']), 'x.txt');
    const request = {
      method: 'POST',
      path: '/rest/servicedeskapi/servicedesk/1/attachTemporaryFile',
      headers: { authorization: basic, 'content-type': 'multipart/form-data; boundary=b', 'x-atlassian-token': 'no-check' },
      body: form,
    };
    const answer = { status: 201, headers: json, body: { temporaryAttachments: [{ temporaryAttachmentId: 'temp1', fileName: 'x.txt' }] } };
    expect(validateExchange(patched, request, answer)).toEqual([]);
    expect(validateExchange(patched, request, { ...answer, body: { temporaryAttachments: [{ id: 'temp1' }] } })).toEqual([
      expect.stringContaining("/temporaryAttachments/0: must have required property 'temporaryAttachmentId'"),
    ]);
    // as published: OAuth2 only, and the multipart body is one binary string
    expect(validateExchange(raw, request, answer)).toEqual([
      expect.stringContaining('no credentials the operation accepts'),
      expect.stringContaining('request body /: must be string'),
    ]);
  });

  it('adds Jira platform’s /rest/api/3/myself, which the document does not have', () => {
    const exchange = { method: 'GET', path: '/rest/api/3/myself', headers: { authorization: basic } };
    expect(validateExchange(raw, exchange)).toEqual([
      'GET /rest/api/3/myself: no path of the document (Service Management Public REST API) matches',
    ]);
    expect(
      validateExchange(patched, exchange, { status: 200, headers: json, body: { accountId: 'a', displayName: 'A', active: true } }),
    ).toEqual([]);
  });
});

describe("Zendesk's document, as published and patched", () => {
  const patched = zendeskSpec();
  const raw = loadSpec(join(specsDir(), 'zendesk-support.openapi.yaml'), { pathSuffixes: ['.json'] });
  const create = {
    method: 'POST',
    path: '/api/v2/requests.json',
    headers: { authorization: 'Bearer oauth-token', ...json, 'idempotency-key': 'k1' },
    body: {
      request: { subject: 'Help', comment: { body: 'Printer on fire', uploads: ['tok'] }, custom_fields: [{ id: 103, value: true }] },
    },
  };

  it('takes OAuth Bearer tokens and the Create Request body its prose documents', () => {
    expect(validateExchange(raw, create)).toEqual([
      expect.stringContaining('no credentials the operation accepts (accepts basicAuth: basic; got "Bearer …")'),
      expect.stringContaining('request: sends a body, but the document declares none'),
    ]);
    expect(validateExchange(patched, create)).toEqual([]);
  });

  it('accepts the values the service really sends: booleans and nulls in a request', () => {
    const answer = {
      status: 201,
      headers: json,
      body: {
        request: {
          id: 1,
          subject: 'Help',
          assignee_id: null,
          priority: null,
          custom_fields: [
            { id: 103, value: true },
            { id: 104, value: null },
          ],
        },
      },
    };
    expect(validateExchange(raw, { ...create, headers: { ...create.headers, authorization: basic } }, answer)).toEqual(
      expect.arrayContaining([expect.stringMatching(/response 201 body .*\/request\/assignee_id: must be integer/)]),
    );
    expect(validateExchange(patched, create, answer)).toEqual([]);
  });

  it('requires the filename of an upload, and knows the errors every endpoint may answer', () => {
    const upload = {
      method: 'POST',
      path: '/api/v2/uploads.json',
      headers: { authorization: basic, 'content-type': 'image/png' },
      body: new Uint8Array([1]),
    };
    expect(validateExchange(patched, upload)).toEqual([expect.stringContaining('required query parameter filename is missing')]);
    expect(validateExchange(patched, { ...upload, path: '/api/v2/uploads.json?filename=a.png' })).toEqual([]);
    const closed = { status: 422, headers: json, body: { error: 'RecordInvalid', description: 'Record validation errors', details: {} } };
    const update = {
      method: 'PUT',
      path: '/api/v2/requests/3',
      headers: { authorization: basic, ...json },
      body: { request: { comment: { body: 'Hi' } } },
    };
    expect(validateExchange(patched, update, closed)).toEqual([]);
    expect(validateExchange(raw, update, closed)).toEqual(
      expect.arrayContaining([expect.stringContaining('response status 422 is not declared (declared: 200)')]),
    );
  });
});
