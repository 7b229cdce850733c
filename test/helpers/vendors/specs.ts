/**
 * The vendors' OpenAPI documents (../shared/specs, or TIX_SPECS_DIR), loaded once per test file, with the in-memory
 * patches for their known flaws (../shared/specs/README.md lists them; each patch below says which and why). The
 * files are never written. A patch that no longer finds what it patches fails the load: a new vendor file must be
 * looked at, not silently mis-validated.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  componentSchema,
  forEachOperation,
  loadSpec,
  type OpenApiDocument,
  type OpenApiSpec,
  operationById,
  type SpecPatch,
} from '../openapi.ts';

export function specsDir(): string {
  const dir = process.env.TIX_SPECS_DIR ?? join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'specs');
  if (!existsSync(dir)) {
    throw new Error(`the vendors' OpenAPI documents are not at ${dir} (the team's shared/specs; set TIX_SPECS_DIR to their folder)`);
  }
  return dir;
}

const json = (schema: unknown) => ({ 'application/json': { schema } });

// --- Jira Service Management -------------------------------------------------------------------------------------

/** Patches of Atlassian's JSM Cloud document (Service Management Public REST API 1001.0.0-SNAPSHOT). */
export const jiraSmPatches: Record<string, SpecPatch> = {
  /** Every operation's security lists only OAuth2, though Cloud takes e-mail + API token as Basic (and the
   * document declares basicAuth). Data Center's personal access tokens travel as Bearer, like OAuth2. */
  basicAuth(doc) {
    if (!doc.components?.securitySchemes?.basicAuth) throw new Error('patch: no basicAuth scheme');
    forEachOperation(doc, (op) => {
      if (op.security?.some((req: Record<string, unknown>) => 'OAuth2' in req)) op.security.push({ basicAuth: [] });
    });
  },
  /** No operation declares 429, which the service sends with Retry-After when a client goes too fast. */
  rateLimited(doc) {
    componentSchema(doc, 'ErrorResponse');
    forEachOperation(doc, (op) => {
      op.responses['429'] = {
        description: 'Too many requests (Retry-After: seconds to wait)',
        headers: { 'Retry-After': { schema: { type: 'integer', minimum: 0 } } },
        content: json({ $ref: '#/components/schemas/ErrorResponse' }),
      };
    });
  },
  /** attachTemporaryFile declares its multipart body as one binary string and no response schema; its prose says
   * the parts holding files are named `file`, the XSRF header `X-Atlassian-Token: no-check` is required, and its
   * example answers `{"temporaryAttachments":[{"temporaryAttachmentId","fileName"}]}`. */
  attachTemporaryFile(doc) {
    const op = operationById(doc, 'attachTemporaryFile');
    const binary = { type: 'string', format: 'binary' };
    op.requestBody = {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['file'],
            properties: { file: { anyOf: [binary, { type: 'array', items: binary, minItems: 1 }] } },
          },
        },
      },
    };
    op.parameters.push({ name: 'X-Atlassian-Token', in: 'header', required: true, schema: { type: 'string', enum: ['no-check'] } });
    op.responses['201'].content['application/json'].schema = {
      type: 'object',
      required: ['temporaryAttachments'],
      additionalProperties: false,
      properties: {
        temporaryAttachments: {
          type: 'array',
          items: {
            type: 'object',
            required: ['temporaryAttachmentId', 'fileName'],
            additionalProperties: false,
            properties: { temporaryAttachmentId: { type: 'string' }, fileName: { type: 'string' } },
          },
        },
      },
    };
  },
  /** getAttachmentContent declares its 200 as JSON with an empty schema; the service sends the file itself. */
  attachmentContent(doc) {
    const op = operationById(doc, 'getAttachmentContent');
    op.responses['200'].content = { '*/*': { schema: { type: 'string', format: 'binary' } } };
  },
  /** getCustomerRequests' prose requires serviceDeskId with requestTypeId; the stub answers 400 when it is missing,
   * which the operation does not declare (the stub's choice: the document does not say what the service does). */
  requestTypeNeedsServiceDesk(doc) {
    operationById(doc, 'getCustomerRequests').responses['400'] = {
      description: 'requestTypeId without serviceDeskId',
      content: json({ $ref: '#/components/schemas/ErrorResponse' }),
    };
  },
  /** Who is logged in is not in this document: it is Jira platform's GET /rest/api/3/myself (Cloud) and
   * /rest/api/2/myself (Data Center). Declared here from Atlassian's Jira platform reference (User bean). */
  myself(doc) {
    componentSchema(doc, 'ErrorResponse');
    const user = {
      type: 'object',
      required: ['active', 'displayName'],
      properties: {
        self: { type: 'string', format: 'uri' },
        accountId: { type: 'string', maxLength: 128 },
        accountType: { type: 'string', enum: ['atlassian', 'app', 'customer', 'unknown'] },
        key: { type: 'string' },
        name: { type: 'string' },
        emailAddress: { type: 'string' },
        displayName: { type: 'string' },
        active: { type: 'boolean' },
        timeZone: { type: 'string' },
        locale: { type: 'string' },
      },
    };
    for (const version of ['2', '3']) {
      doc.paths[`/rest/api/${version}/myself`] = {
        get: {
          operationId: `getCurrentUser_v${version}`,
          summary: 'Get current user (Jira platform REST API, not in the JSM document)',
          security: [{ basicAuth: [] }, { OAuth2: [] }],
          responses: {
            '200': { description: 'the user', content: json(user) },
            '401': { description: 'not logged in', content: json({ $ref: '#/components/schemas/ErrorResponse' }) },
            '404': {
              description: 'no such API version (Data Center has no /rest/api/3)',
              content: json({ $ref: '#/components/schemas/ErrorResponse' }),
            },
            '429': { description: 'Too many requests', headers: { 'Retry-After': { schema: { type: 'integer', minimum: 0 } } } },
          },
        },
      };
    }
  },
};

// --- Zendesk -------------------------------------------------------------------------------------------------------

/** Zendesk's error bodies: `{"error": "RecordNotFound", "description": "Not found"}`, `{"error": "Couldn't
 * authenticate you"}`, `{"error": {"title", "message"}}`, or the newer `{"errors": [...]}` (the document's Errors). */
const zendeskError = {
  anyOf: [
    {
      type: 'object',
      required: ['error'],
      properties: {
        error: { anyOf: [{ type: 'string' }, { type: 'object', properties: { title: { type: 'string' }, message: { type: 'string' } } }] },
        description: { type: 'string' },
        details: { type: 'object' },
      },
    },
    { $ref: '#/components/schemas/Errors' },
  ],
};

/** A comment as end users write it (Requests API, "Request comments"). */
const commentInput = {
  type: 'object',
  additionalProperties: false,
  anyOf: [{ required: ['body'] }, { required: ['html_body'] }],
  properties: {
    body: { type: 'string', minLength: 1 },
    html_body: { type: 'string', minLength: 1 },
    uploads: { type: 'array', items: { type: 'string', minLength: 1 } },
  },
};

const customFieldsInput = {
  type: 'array',
  items: {
    type: 'object',
    required: ['id', 'value'],
    additionalProperties: false,
    properties: {
      id: { type: 'integer' },
      value: { type: ['string', 'number', 'boolean', 'array'], nullable: true, items: { type: 'string' } },
    },
  },
};

const collaborators = {
  type: 'array',
  items: {
    anyOf: [
      { type: 'integer' },
      { type: 'string' },
      { type: 'object', required: ['email'], properties: { name: { type: 'string' }, email: { type: 'string', format: 'email' } } },
    ],
  },
};

/** Patches of Zendesk's Support API document (2.0.0). */
export const zendeskPatches: Record<string, SpecPatch> = {
  /** Only basicAuth is declared; the service also takes OAuth access tokens as Bearer. */
  bearerAuth(doc) {
    if (!doc.components?.securitySchemes?.basicAuth) throw new Error('patch: no basicAuth scheme');
    doc.components.securitySchemes.bearerAuth = { type: 'http', scheme: 'bearer' };
    doc.security = [{ basicAuth: [] }, { bearerAuth: [] }];
    forEachOperation(doc, (op) => {
      if (op.security?.some((req: Record<string, unknown>) => 'basicAuth' in req)) op.security.push({ bearerAuth: [] });
    });
  },
  /** Operations declare their success only; the API introduction lists the errors every endpoint may answer:
   * 400, 401, 403, 404, 409, 422, 429 (Retry-After, though sometimes missing), 500, 503. */
  errors(doc) {
    componentSchema(doc, 'Errors');
    doc.components.schemas.TixPatchZendeskError = zendeskError;
    const error = (description: string) => ({ description, content: json({ $ref: '#/components/schemas/TixPatchZendeskError' }) });
    forEachOperation(doc, (op) => {
      op.responses ??= {};
      for (const [status, description] of [
        ['400', 'Bad request'],
        ['401', 'Not authenticated'],
        ['403', 'Forbidden'],
        ['404', 'Not found'],
        ['409', 'Conflict'],
        ['422', 'Unprocessable entity'],
        ['500', 'Server error'],
        ['503', 'Unavailable'],
      ]) {
        op.responses[status] ??= error(description);
      }
      op.responses['429'] ??= {
        ...error('Rate limited'),
        headers: { 'Retry-After': { schema: { type: 'integer', minimum: 0 } } },
      };
    });
  },
  /** Create Request declares no body; its prose documents `{"request": {...}}` with a mandatory comment, the
   * writable request properties, collaborators, requester (anonymous requests) and via_followup_source_id. The
   * Ticketing API introduction documents the Idempotency-Key header (x-idempotency-lookup in the answer). */
  createRequestBody(doc) {
    const op = operationById(doc, 'CreateRequest');
    op.requestBody = {
      required: true,
      content: json({
        type: 'object',
        required: ['request'],
        additionalProperties: false,
        properties: {
          request: {
            type: 'object',
            required: ['comment'],
            additionalProperties: false,
            properties: {
              subject: { type: 'string' },
              comment: commentInput,
              priority: { type: 'string', enum: ['low', 'normal', 'high', 'urgent'] },
              type: { type: 'string', enum: ['question', 'incident', 'problem', 'task'] },
              custom_fields: customFieldsInput,
              fields: customFieldsInput,
              ticket_form_id: { type: 'integer' },
              via_followup_source_id: { type: 'integer' },
              collaborators,
              email_cc_ids: { type: 'array', items: { type: 'integer' } },
              recipient: { type: 'string' },
              due_at: { type: 'string', format: 'date-time' },
              custom_status_id: { type: 'integer' },
              requester: {
                type: 'object',
                required: ['name'],
                properties: { name: { type: 'string' }, email: { type: 'string' }, locale_id: { type: 'integer' } },
              },
            },
          },
        },
      }),
    };
    op.parameters = [
      ...(op.parameters ?? []),
      { name: 'Idempotency-Key', in: 'header', schema: { type: 'string', minLength: 1, maxLength: 255 } },
    ];
    op.responses['201'].headers = { 'x-idempotency-lookup': { schema: { type: 'string', enum: ['hit', 'miss'] } } };
  },
  /** Update Request declares no body; its prose: only `comment`, `solved` (the prose's own example sends the
   * string "true") and `additional_collaborators` are writable. */
  updateRequestBody(doc) {
    operationById(doc, 'UpdateRequest').requestBody = {
      required: true,
      content: json({
        type: 'object',
        required: ['request'],
        additionalProperties: false,
        properties: {
          request: {
            type: 'object',
            minProperties: 1,
            additionalProperties: false,
            properties: {
              comment: commentInput,
              solved: { anyOf: [{ type: 'boolean' }, { type: 'string', enum: ['true'] }] },
              additional_collaborators: collaborators,
            },
          },
        },
      }),
    };
  },
  /** Upload Files declares no body nor parameters; its prose: the raw file as the body, with its MIME type as
   * Content-Type, a required `filename` query parameter, and `token` to add a file to an earlier upload. */
  uploadFilesBody(doc) {
    const op = operationById(doc, 'UploadFiles');
    op.requestBody = { required: true, content: { '*/*': { schema: { type: 'string', format: 'binary' } } } };
    op.parameters = [
      { name: 'filename', in: 'query', required: true, schema: { type: 'string', minLength: 1 } },
      { name: 'token', in: 'query', schema: { type: 'string' } },
    ];
  },
  /** Pagination is documented once, in the introduction, not per operation: cursor (`page[size]` ≤ 100,
   * `page[after]`, `page[before]`) on lists, offset (`page`, `per_page` ≤ 100) on search, plus the search filters
   * its prose shows (`status`, `organization_id`, `cc_id`). */
  paginationParameters(doc) {
    const cursor = [
      { name: 'page[size]', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
      { name: 'page[after]', in: 'query', schema: { type: 'string' } },
      { name: 'page[before]', in: 'query', schema: { type: 'string' } },
      { name: 'sort', in: 'query', schema: { type: 'string' } },
    ];
    const offset = [
      { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
      { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
    ];
    for (const id of ['ListRequests', 'ListComments', 'ListTicketFields']) {
      const op = operationById(doc, id);
      op.parameters = [...(op.parameters ?? []), ...cursor, ...(id === 'ListTicketFields' ? [] : offset)];
    }
    const search = operationById(doc, 'SearchRequests');
    search.parameters = [
      ...(search.parameters ?? []),
      ...offset,
      {
        name: 'status',
        in: 'query',
        schema: { type: 'string', pattern: '^(new|open|pending|hold|solved|closed)(,(new|open|pending|hold|solved|closed))*$' },
      },
      { name: 'organization_id', in: 'query', schema: { type: 'integer' } },
      { name: 'cc_id', in: 'query', schema: { type: 'boolean' } },
    ];
    // ListRequests filters by status the same way (Requests API prose: /api/v2/requests.json?status=hold,open)
    operationById(doc, 'ListRequests').parameters.push(search.parameters.at(-3));
    // the answers carry the paging data the introduction describes
    for (const name of ['RequestsResponse', 'TicketCommentsResponse', 'TicketFieldsResponse']) {
      Object.assign(componentSchema(doc, name).properties, {
        meta: {
          type: 'object',
          properties: {
            has_more: { type: 'boolean' },
            after_cursor: { type: 'string', nullable: true },
            before_cursor: { type: 'string', nullable: true },
          },
        },
        links: { type: 'object', properties: { next: { type: 'string', nullable: true }, prev: { type: 'string', nullable: true } } },
        next_page: { type: 'string', nullable: true },
        previous_page: { type: 'string', nullable: true },
        count: { type: 'integer' },
      });
    }
  },
  /** RequestObject types every custom field value as a string, but the service sends checkbox values as booleans,
   * numbers as numbers, multiselect values as arrays and empty fields as null; and it sends null for properties
   * that have no value (assignee, group, organization, priority, type, due date, form, follow-up source). */
  requestValues(doc) {
    const request = componentSchema(doc, 'RequestObject');
    request.properties.custom_fields.items.properties.value = {
      type: ['string', 'number', 'boolean', 'array'],
      nullable: true,
      items: { type: 'string' },
    };
    for (const name of [
      'assignee_id',
      'group_id',
      'organization_id',
      'priority',
      'type',
      'due_at',
      'ticket_form_id',
      'followup_source_id',
      'recipient',
    ]) {
      if (!request.properties[name]) throw new Error(`patch: RequestObject has no ${name}`);
      request.properties[name].nullable = true;
    }
  },
};

const loaded = new Map<string, OpenApiSpec>();

/** Atlassian's JSM Cloud document, patched. */
export function jiraSmSpec(): OpenApiSpec {
  let spec = loaded.get('jira-sm');
  if (!spec) {
    spec = loadSpec(join(specsDir(), 'jira-service-management.openapi.json'), { patches: Object.values(jiraSmPatches) });
    loaded.set('jira-sm', spec);
  }
  return spec;
}

/** Zendesk's Support API document, patched; paths also match with the `.json` suffix the service accepts. */
export function zendeskSpec(): OpenApiSpec {
  let spec = loaded.get('zendesk');
  if (!spec) {
    spec = loadSpec(join(specsDir(), 'zendesk-support.openapi.yaml'), { patches: Object.values(zendeskPatches), pathSuffixes: ['.json'] });
    loaded.set('zendesk', spec);
  }
  return spec;
}

export type { OpenApiDocument };
