/**
 * Checks one HTTP exchange against an OpenAPI 3.0 or 3.1 document: the vendor stubs validate every request they
 * receive and every answer they give with it, and tix serve's own traffic can be checked against
 * `/api/v1/openapi.json` the same way.
 *
 *   const spec = loadSpec('../shared/specs/zendesk-support.openapi.yaml', { patches, pathSuffixes: ['.json'] });
 *   const problems = validateExchange(spec,
 *     { method: 'POST', path: '/api/v2/requests.json', query: '', headers, body },   // body: parsed JSON, text,
 *     { status: 201, headers, body });                                               // bytes or FormData
 *   // [] when valid; otherwise one line per problem, e.g.
 *   // "CreateRequest (POST /api/v2/requests) request body /request/comment/body: must be string"
 *
 * What is checked, for the operation the method and path select (templated paths match; a literal segment wins
 * over a template, as OpenAPI says; `pathSuffixes` lets `/api/v2/requests/7.json` match `/api/v2/requests/{id}`;
 * the path of the document's `servers` URL, e.g. `/api/v1`, may prefix the request path):
 * - the request: path parameters, query parameters (required ones present, values of the declared type: query
 *   parameters the document does not declare are allowed, as OpenAPI allows them), header parameters, the
 *   credentials the operation's `security` asks for (Basic, Bearer, API key), the body (required or not, its
 *   content type declared, JSON bodies against the schema; multipart bodies as an object of their parts);
 * - the response: its status declared (exactly, as `4XX`, or `default`), declared response headers, and a JSON
 *   body against its schema.
 * `$ref`s resolve inside the document. Schemas compile lazily, per operation, so a schema ajv cannot compile is
 * reported on the exchanges that use it rather than failing the load ("tolerant"). `nullable` (3.0) is honoured;
 * formats outside JSON Schema's and OpenAPI's are accepted unchecked; `readOnly`/`writeOnly` are not enforced.
 *
 * Vendors' documents have flaws: `patches` are functions that fix a private copy of the document before use (the
 * file is never written). Each patch throws when what it patches is missing, so a new vendor file cannot make a
 * patch silently useless.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

export interface ExchangeRequest {
  method: string;
  /** the path, with or without a query string (`/a/b?x=1`) */
  path: string;
  /** the query, when not in `path`: a query string, URLSearchParams or an object of values */
  query?: string | URLSearchParams | Record<string, string | string[]>;
  headers?: Record<string, string | string[] | undefined>;
  /** parsed JSON, a string or bytes (parsed when the content type is JSON), or FormData for multipart */
  body?: unknown;
}

export interface ExchangeResponse {
  status: number;
  headers?: Record<string, string | string[] | number | undefined>;
  body?: unknown;
}

/** Changes a private copy of an OpenAPI document; throws when what it should patch is not there. */
export type SpecPatch = (document: OpenApiDocument) => void;

export interface LoadOptions {
  patches?: SpecPatch[];
  /** suffixes the service also accepts after a path (Zendesk: `.json`) */
  pathSuffixes?: string[];
}

export type OpenApiDocument = Record<string, any>;

export interface Operation {
  operationId: string;
  method: string;
  /** the path template, as written in the document */
  template: string;
  /** JSON pointer of the operation object in the document */
  pointer: string;
  operation: Record<string, any>;
  pathParams: Record<string, string>;
}

export interface OpenApiSpec {
  document: OpenApiDocument;
  title: string;
  findOperation(method: string, path: string): Operation | { problem: string };
  /** an ajv validator for the schema at this JSON pointer of the document (compiled once) */
  validatorAt(pointer: string): ValidateFunction;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const SPEC_ID = 'https://openapi.invalid/document.json';
// OpenAPI's own formats, beyond ajv-formats' JSON Schema ones
const OPENAPI_FORMATS = {
  int32: { type: 'number', validate: (v: number) => Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31 },
  int64: { type: 'number', validate: (v: number) => Number.isInteger(v) },
  float: { type: 'number', validate: () => true },
  double: { type: 'number', validate: () => true },
  byte: { type: 'string', validate: (v: string) => /^[A-Za-z0-9+/]*={0,2}$/.test(v) },
  binary: { type: 'string', validate: () => true },
  password: { type: 'string', validate: () => true },
} as const;

type AjvInstance = InstanceType<typeof Ajv.default>;

const CACHE_DIR = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'tix-openapi');
const parsedFiles = new Map<string, OpenApiDocument>();

/**
 * Reads an OpenAPI document (YAML or JSON), once per file and process; returns a fresh copy each time. Parsing
 * Zendesk's 1.2 MB of YAML takes seconds, so its JSON form is cached under node_modules/.cache, keyed by the
 * file's path, size and modification time.
 */
export function readDocument(file: string): OpenApiDocument {
  let document = parsedFiles.get(file);
  if (!document) {
    const text = readFileSync(file, 'utf8');
    if (/^\s*\{/.test(text)) document = JSON.parse(text) as OpenApiDocument;
    else {
      const stat = statSync(file);
      const key = createHash('sha256')
        .update(`${resolve(file)}:${stat.size}:${stat.mtimeMs}`)
        .digest('hex')
        .slice(0, 24);
      const cached = join(CACHE_DIR, `${key}.json`);
      try {
        document = JSON.parse(readFileSync(cached, 'utf8')) as OpenApiDocument;
      } catch {
        // duplicate keys and aliases are tolerated: vendors' files are not always strict YAML
        document = YAML.parse(text, { uniqueKeys: false, maxAliasCount: -1 }) as OpenApiDocument;
        try {
          mkdirSync(CACHE_DIR, { recursive: true });
          const partial = `${cached}.${process.pid}.tmp`;
          writeFileSync(partial, JSON.stringify(document));
          renameSync(partial, cached); // atomic: parallel test files never read half a file
        } catch {
          /* no cache: slower, not wrong */
        }
      }
    }
    parsedFiles.set(file, document);
  }
  return structuredClone(document);
}

export function loadSpec(source: string | OpenApiDocument, options: LoadOptions = {}): OpenApiSpec {
  const document = typeof source === 'string' ? readDocument(source) : structuredClone(source);
  if (typeof document.openapi !== 'string' || !/^3\.[01]\./.test(document.openapi)) {
    throw new Error(`not an OpenAPI 3.0 or 3.1 document (openapi: ${JSON.stringify(document.openapi)})`);
  }
  for (const patch of options.patches ?? []) patch(document);

  const ajvOptions = { strict: false, allErrors: true, validateSchema: false, logger: false } as const;
  const ajv: AjvInstance = document.openapi.startsWith('3.1') ? new Ajv2020.default(ajvOptions) : new Ajv.default(ajvOptions);
  addFormats.default(ajv);
  for (const [name, format] of Object.entries(OPENAPI_FORMATS)) ajv.addFormat(name, format);
  for (const name of unknownFormats(document, ajv)) ajv.addFormat(name, () => true);
  ajv.addSchema(document, SPEC_ID);

  const basePaths = (document.servers ?? [{ url: '/' }]).map((s: { url: string }) => serverPath(s.url)).filter(Boolean);
  const routes = Object.entries(document.paths ?? {}).map(([template, item]) => ({
    template,
    item: item as Record<string, unknown>,
    segments: template.split('/').filter(Boolean),
    literals: template.split('/').filter((s) => s && !s.includes('{')).length,
  }));
  routes.sort((a, b) => b.literals - a.literals);
  // a path ending in an accepted suffix is first tried without it: `/requests/search.json` is Search, not Show "search.json"
  const suffixes = [...(options.pathSuffixes ?? []), ''];
  const compiled = new Map<string, ValidateFunction>();

  return {
    document,
    title: `${document.info?.title ?? 'OpenAPI document'} ${document.info?.version ?? ''}`.trim(),
    validatorAt(pointer) {
      let v = compiled.get(pointer);
      if (!v) {
        v = ajv.compile({ $ref: `${SPEC_ID}#${pointer}` });
        compiled.set(pointer, v);
      }
      return v;
    },
    findOperation(method, rawPath) {
      const path = rawPath.split('?')[0];
      const candidates = new Set<string>([path]);
      for (const base of basePaths) if (base !== '/' && path.startsWith(`${base}/`)) candidates.add(path.slice(base.length));
      for (const candidate of candidates) {
        for (const suffix of suffixes) {
          if (suffix && !candidate.endsWith(suffix)) continue;
          const segments = candidate
            .slice(0, candidate.length - suffix.length)
            .split('/')
            .filter(Boolean);
          for (const route of routes) {
            const params = matchSegments(route.segments, segments);
            if (!params) continue;
            const m = method.toLowerCase();
            const operation = route.item[m] as Record<string, unknown> | undefined;
            if (!operation) {
              const allowed = METHODS.filter((x) => route.item[x]).map((x) => x.toUpperCase());
              return {
                problem: `${method.toUpperCase()} ${path}: the document has no ${method.toUpperCase()} on ${route.template} (only ${allowed.join(', ')})`,
              };
            }
            return {
              operationId: (operation.operationId as string) ?? `${m} ${route.template}`,
              method: m,
              template: route.template,
              pointer: `/paths/${escapePointer(route.template)}/${m}`,
              operation,
              pathParams: params,
            };
          }
        }
      }
      return { problem: `${method.toUpperCase()} ${path}: no path of the document (${document.info?.title ?? 'OpenAPI'}) matches` };
    },
  };
}

/** Problems of one exchange (empty when it conforms). Leave `response` out to check a request alone. */
export function validateExchange(spec: OpenApiSpec, request: ExchangeRequest, response?: ExchangeResponse): string[] {
  const found = spec.findOperation(request.method, request.path);
  if ('problem' in found) return [found.problem];
  const label = `${found.operationId} (${found.method.toUpperCase()} ${found.template})`;
  const problems: string[] = [];
  const say = (what: string) => problems.push(`${label} ${what}`);
  try {
    checkRequest(spec, found, request, say);
    if (response) checkResponse(spec, found, response, say);
  } catch (err) {
    say(`could not be checked: ${(err as Error).message}`);
  }
  return problems;
}

function checkRequest(spec: OpenApiSpec, op: Operation, request: ExchangeRequest, say: (s: string) => void): void {
  const headers = lowerCaseHeaders(request.headers);
  const query = queryOf(request);
  for (const { param, pointer } of parametersOf(spec, op)) {
    const where = `${param.in} parameter ${param.name}`;
    let raw: string[] | undefined;
    if (param.in === 'path') raw = op.pathParams[param.name] !== undefined ? [op.pathParams[param.name]] : undefined;
    else if (param.in === 'query') raw = queryValues(query, param);
    else if (param.in === 'header') raw = headers[param.name.toLowerCase()] !== undefined ? [headers[param.name.toLowerCase()]] : undefined;
    else continue; // cookies: not used by the documents we check
    if (raw === undefined || (param.in === 'path' && raw[0] === '')) {
      if (param.required || param.in === 'path') say(`request: required ${where} is missing`);
      continue;
    }
    if (!param.schema) continue;
    const schema = resolveSchema(spec.document, param.schema);
    const value = coerce(schema, raw, param);
    const validate = spec.validatorAt(`${pointer}/schema`);
    if (!validate(value)) say(`request ${where} = ${JSON.stringify(value)}: ${formatErrors(validate.errors)}`);
  }
  checkSecurity(spec, op, headers, query, say);

  const body = op.operation.requestBody && resolveRef(spec.document, op.operation.requestBody);
  const hasBody = request.body !== undefined && request.body !== null && !(typeof request.body === 'string' && request.body === '');
  if (!body) {
    if (hasBody && !['get', 'head', 'delete'].includes(op.method)) say('request: sends a body, but the document declares none');
    return;
  }
  if (!hasBody) {
    if (body.required) say('request: the required body is missing');
    return;
  }
  const contentType = mediaType(headers['content-type']);
  const key = matchMediaType(Object.keys(body.content ?? {}), contentType);
  if (!key) {
    say(`request: content type ${contentType || '(none)'} is not declared (declared: ${Object.keys(body.content ?? {}).join(', ')})`);
    return;
  }
  const bodyPointer = body === op.operation.requestBody ? `${op.pointer}/requestBody` : refPointer(op.operation.requestBody.$ref);
  checkBody(spec, `${bodyPointer}/content/${escapePointer(key)}`, body.content[key], key, request.body, 'request body', say);
}

function checkResponse(spec: OpenApiSpec, op: Operation, response: ExchangeResponse, say: (s: string) => void): void {
  const responses = (op.operation.responses ?? {}) as Record<string, unknown>;
  const status = String(response.status);
  const key = [status, `${status[0]}XX`, `${status[0]}xx`, 'default'].find((k) => k in responses);
  if (!key) {
    say(`response status ${status} is not declared (declared: ${Object.keys(responses).join(', ')})`);
    return;
  }
  const declaredRef = responses[key] as Record<string, unknown>;
  const declared = resolveRef(spec.document, declaredRef);
  const pointer = declared === declaredRef ? `${op.pointer}/responses/${escapePointer(key)}` : refPointer(declaredRef.$ref as string);
  const headers = lowerCaseHeaders(response.headers);
  for (const [name, h] of Object.entries((declared.headers ?? {}) as Record<string, Record<string, unknown>>)) {
    const header = resolveRef(spec.document, h);
    const value = headers[name.toLowerCase()];
    if (value === undefined) {
      if (header.required) say(`response ${status}: required header ${name} is missing`);
      continue;
    }
    if (!header.schema) continue;
    const headerPointer = header === h ? `${pointer}/headers/${escapePointer(name)}` : refPointer(h.$ref as string);
    const coerced = coerce(resolveSchema(spec.document, header.schema), [value], { in: 'header' });
    const validate = spec.validatorAt(`${headerPointer}/schema`);
    if (!validate(coerced)) say(`response ${status} header ${name} = ${JSON.stringify(value)}: ${formatErrors(validate.errors)}`);
  }
  const content = declared.content as Record<string, Record<string, unknown>> | undefined;
  const hasBody = response.body !== undefined && response.body !== null && response.body !== '' && !isEmptyBytes(response.body);
  if (!content || Object.keys(content).length === 0) {
    if (hasBody) say(`response ${status}: has a body, but the document declares none`);
    return;
  }
  if (!hasBody) return; // a declared body may be empty (e.g. HEAD); the providers notice soon enough
  const contentType = mediaType(headers['content-type']);
  const mediaKey = matchMediaType(Object.keys(content), contentType);
  if (!mediaKey) {
    say(`response ${status}: content type ${contentType || '(none)'} is not declared (declared: ${Object.keys(content).join(', ')})`);
    return;
  }
  checkBody(
    spec,
    `${pointer}/content/${escapePointer(mediaKey)}`,
    content[mediaKey],
    mediaKey,
    response.body,
    `response ${status} body`,
    say,
  );
}

function checkBody(
  spec: OpenApiSpec,
  pointer: string,
  media: Record<string, unknown>,
  mediaKey: string,
  body: unknown,
  what: string,
  say: (s: string) => void,
): void {
  if (!media.schema) return; // declared without a schema: nothing to check
  let value = body;
  if (isJson(mediaKey)) {
    if (typeof body === 'string' || body instanceof Uint8Array) {
      const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
      try {
        value = JSON.parse(text);
      } catch {
        say(`${what}: is not valid JSON (${JSON.stringify(text.slice(0, 60))})`);
        return;
      }
    }
  } else if (typeof FormData !== 'undefined' && body instanceof FormData) {
    value = formDataObject(body);
  } else if (body instanceof Uint8Array) {
    value = `<${body.length} bytes>`; // a binary body: only its presence and type are checked
  }
  const validate = spec.validatorAt(`${pointer}/schema`);
  if (!validate(value)) say(`${what}${formatErrors(validate.errors, true)}`);
}

function checkSecurity(
  spec: OpenApiSpec,
  op: Operation,
  headers: Record<string, string>,
  query: URLSearchParams,
  say: (s: string) => void,
): void {
  const requirements = (op.operation.security ?? spec.document.security) as Record<string, string[]>[] | undefined;
  if (!requirements || requirements.length === 0) return;
  const schemes = (spec.document.components?.securitySchemes ?? {}) as Record<string, Record<string, string>>;
  const authorization = headers.authorization ?? '';
  const satisfied = (name: string): boolean => {
    const scheme = schemes[name] && resolveRef(spec.document, schemes[name]);
    if (!scheme) return false;
    if (scheme.type === 'http') return authorization.toLowerCase().startsWith(`${scheme.scheme.toLowerCase()} `);
    if (scheme.type === 'oauth2' || scheme.type === 'openIdConnect') return /^bearer /i.test(authorization);
    if (scheme.type === 'apiKey') {
      if (scheme.in === 'header') return headers[scheme.name.toLowerCase()] !== undefined;
      if (scheme.in === 'query') return query.has(scheme.name);
      return true; // cookies: not checked
    }
    return false;
  };
  if (requirements.some((req) => Object.keys(req).every(satisfied))) return;
  const names = requirements.map(
    (req) =>
      Object.keys(req)
        .map((n) => describeScheme(n, schemes[n]))
        .join(' + ') || 'anonymous',
  );
  say(
    `request: no credentials the operation accepts (accepts ${names.join(' or ')}; got ${authorization ? `"${authorization.split(' ')[0]} …"` : 'no Authorization header'})`,
  );
}

function describeScheme(name: string, scheme: Record<string, string> | undefined): string {
  if (!scheme) return `${name} (undeclared scheme)`;
  if (scheme.type === 'http') return `${name}: ${scheme.scheme}`;
  if (scheme.type === 'oauth2') return `${name}: Bearer`;
  if (scheme.type === 'apiKey') return `${name}: ${scheme.in} ${scheme.name}`;
  return name;
}

// --- patching helpers (for SpecPatch functions) ------------------------------------------------------------------

type OperationObject = Record<string, any>;

/** Calls `fn` on every operation of the document. */
export function forEachOperation(
  document: OpenApiDocument,
  fn: (operation: OperationObject, method: string, template: string) => void,
): void {
  for (const [template, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) if ((item as OperationObject)[method]) fn((item as OperationObject)[method], method, template);
  }
}

/** The operation with this operationId (throws when the document has none: the patch is out of date). */
export function operationById(document: OpenApiDocument, operationId: string): OperationObject {
  let found: OperationObject | undefined;
  forEachOperation(document, (op) => {
    if (op.operationId === operationId) found = op;
  });
  if (!found) throw new Error(`patch: the document has no operation ${operationId}`);
  return found;
}

/** A schema of components.schemas (throws when missing). */
export function componentSchema(document: OpenApiDocument, name: string): Record<string, any> {
  const schema = document.components?.schemas?.[name];
  if (!schema) throw new Error(`patch: the document has no schema ${name}`);
  return schema;
}

// --- parameters ---------------------------------------------------------------------------------------------------

type Parameter = Record<string, any>;

function parametersOf(spec: OpenApiSpec, op: Operation): { param: Parameter; pointer: string }[] {
  const byKey = new Map<string, { param: Parameter; pointer: string }>();
  const pathItemPointer = op.pointer.slice(0, op.pointer.lastIndexOf('/'));
  const lists: [unknown[] | undefined, string][] = [
    [spec.document.paths[op.template].parameters, `${pathItemPointer}/parameters`],
    [op.operation.parameters, `${op.pointer}/parameters`],
  ];
  for (const [list, listPointer] of lists) {
    (list ?? []).forEach((p, i) => {
      const raw = p as Parameter;
      const param = resolveRef(spec.document, raw) as Parameter;
      const pointer = param === raw ? `${listPointer}/${i}` : refPointer(raw.$ref);
      byKey.set(`${param.in}:${param.name}`, { param, pointer }); // the operation's own override the path's
    });
  }
  return [...byKey.values()];
}

function queryOf(request: ExchangeRequest): URLSearchParams {
  const q = new URLSearchParams(request.path.includes('?') ? request.path.slice(request.path.indexOf('?') + 1) : '');
  const extra = request.query;
  if (typeof extra === 'string') for (const [k, v] of new URLSearchParams(extra)) q.append(k, v);
  else if (extra instanceof URLSearchParams) for (const [k, v] of extra) q.append(k, v);
  else if (extra) for (const [k, v] of Object.entries(extra)) for (const x of [v].flat()) q.append(k, x);
  return q;
}

function queryValues(query: URLSearchParams, param: Parameter): string[] | undefined {
  if (param.style === 'deepObject') {
    const prefix = `${param.name}[`;
    const entries = [...query.entries()].filter(([k]) => k.startsWith(prefix) && k.endsWith(']'));
    return entries.length ? [JSON.stringify(Object.fromEntries(entries.map(([k, v]) => [k.slice(prefix.length, -1), v])))] : undefined;
  }
  const values = query.getAll(param.name);
  return values.length ? values : undefined;
}

/** Turns the strings of a query, path or header into the types the schema asks for, so ajv can check them. */
function coerce(schema: Record<string, unknown>, raw: string[], param: Parameter): unknown {
  const type = typeOf(schema);
  if (param.style === 'deepObject') return JSON.parse(raw[0]);
  if (type === 'array') {
    const explode = param.explode ?? (param.style ?? 'form') === 'form';
    const items = explode ? raw : raw.flatMap((r) => r.split(','));
    const itemSchema = (schema.items ?? {}) as Record<string, unknown>;
    return items.map((v) => coerceOne(typeOf(itemSchema), v));
  }
  return coerceOne(type, raw[raw.length - 1]);
}

function coerceOne(type: string | undefined, value: string): unknown {
  if ((type === 'integer' || type === 'number') && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function typeOf(schema: Record<string, unknown>): string | undefined {
  const t = schema.type;
  if (Array.isArray(t)) return t.find((x) => x !== 'null');
  return t as string | undefined;
}

// --- documents ----------------------------------------------------------------------------------------------------

/** Follows a local `$ref` (`#/components/...`), several times if needed. */
export function resolveRef(document: OpenApiDocument, node: any): any {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === 'string'; hops++) {
    if (hops > 20) throw new Error(`$ref loop at ${node.$ref}`);
    current = atPointer(document, refPointer(current.$ref));
  }
  return current;
}

function resolveSchema(document: OpenApiDocument, schema: unknown): Record<string, unknown> {
  return (resolveRef(document, schema) ?? {}) as Record<string, unknown>;
}

function refPointer(ref: string): string {
  if (!ref.startsWith('#')) throw new Error(`only local $refs are supported (${ref})`);
  return decodeURIComponent(ref.slice(1));
}

export function atPointer(document: OpenApiDocument, pointer: string): any {
  let node: unknown = document;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) throw new Error(`$ref target ${pointer} does not exist`);
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function serverPath(url: string): string {
  const withoutVariables = url.replace(/\{[^}]*\}/g, 'x');
  try {
    return new URL(withoutVariables, 'http://relative.invalid').pathname.replace(/\/$/, '') || '/';
  } catch {
    return '/';
  }
}

function matchSegments(template: string[], actual: string[]): Record<string, string> | undefined {
  if (template.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i];
    const whole = /^\{([^}]+)\}$/.exec(t);
    if (whole) {
      params[whole[1]] = safeDecode(actual[i]);
      continue;
    }
    if (t.includes('{')) {
      // a segment mixing text and templates, e.g. `{id}.json`
      const names: string[] = [];
      const pattern = t.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      const re = new RegExp(`^${pattern}$`);
      const m = re.exec(actual[i]);
      if (!m) return undefined;
      names.forEach((n, j) => {
        params[n] = safeDecode(m[j + 1]);
      });
      continue;
    }
    if (t !== actual[i]) return undefined;
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape: checked as written
  }
}

/** Formats the document uses that neither JSON Schema nor OpenAPI define (Zendesk: `url`, `datetime`...). */
function unknownFormats(document: OpenApiDocument, ajv: AjvInstance): string[] {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'format' && typeof v === 'string') found.add(v);
        else if (k !== 'example' && k !== 'examples') walk(v);
      }
    }
  };
  walk(document);
  return [...found].filter((f) => !ajv.formats[f]);
}

// --- media types and bodies ---------------------------------------------------------------------------------------

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

function matchMediaType(declared: string[], actual: string): string | undefined {
  if (!actual) return undefined; // a body without Content-Type: the service cannot know what it is
  const lower = declared.map((d) => d.toLowerCase());
  const exact = lower.indexOf(actual);
  if (exact >= 0) return declared[exact];
  const range = lower.indexOf(`${actual.split('/')[0]}/*`);
  if (range >= 0 && actual) return declared[range];
  const any = lower.indexOf('*/*');
  return any >= 0 ? declared[any] : undefined;
}

function isJson(media: string): boolean {
  const m = media.toLowerCase();
  return m === 'application/json' || m.endsWith('+json');
}

function isEmptyBytes(body: unknown): boolean {
  return body instanceof Uint8Array && body.length === 0;
}

/** A multipart body as the object its schema describes: repeated parts become arrays, files a placeholder string. */
function formDataObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of form.entries()) {
    const v = typeof value === 'string' ? value : `<file ${value.name} (${value.size} bytes)>`;
    if (name in out) out[name] = [out[name], v].flat();
    else out[name] = v;
  }
  return out;
}

function lowerCaseHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {}))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}

function formatErrors(errors: ErrorObject[] | null | undefined, withPath = false): string {
  const lines = new Set<string>();
  for (const e of errors ?? []) {
    let detail = '';
    if (e.keyword === 'additionalProperties') detail = ` (${(e.params as { additionalProperty: string }).additionalProperty})`;
    else if (e.keyword === 'enum')
      detail = ` (${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')})`;
    const path = e.instancePath || '';
    lines.add(withPath ? ` ${path || '/'}: ${e.message}${detail}` : `${path ? `${path} ` : ''}${e.message}${detail}`);
    if (lines.size >= 8) break;
  }
  return withPath ? [...lines].join(';') : [...lines].join('; ');
}
