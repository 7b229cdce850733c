import { Option, type Command } from 'commander';
import { usageError } from '../core/errors.ts';
import { cleanError } from '../api/clean.ts';
import { stripControls, stripControlsDeep } from '../core/text.ts';
import type { HttpClient, Query, RawResponse, RequestOptions } from '../api/http.ts';
import { completeWith, words } from '../cli/completion/hints.ts';
import type { Factory } from '../cli/factory.ts';
import { examples } from '../cli/help-text.ts';
import type { IOStreams } from '../io/iostreams.ts';
import { readInputBytes } from '../io/files.ts';
import { highlightJson } from '../io/output.ts';
import { t } from './api.messages.ts';

export interface Options {
  io: IOStreams;
  /** the authenticated client of the current profile */
  http: () => Promise<HttpClient>;
  path: string;
  method?: string;
  fields: string[];
  headers: string[];
  input?: string;
  paginate: boolean;
  include: boolean;
}

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];
const collect = (value: string, previous: string[]) => [...previous, value];

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('api')
    .description(t(l, 'description'))
    .argument('<path>', t(l, 'path'))
    .addOption(completeWith(new Option('-X, --method <method>', t(l, 'method')), words(methods)))
    .option('-f, --field <key=value>', t(l, 'field'), collect, [])
    .option('-H, --header <header>', t(l, 'header'), collect, [])
    .option('--input <file>', t(l, 'input'))
    .option('--paginate', t(l, 'paginate'))
    .option('-i, --include', t(l, 'include'))
    .action(
      async (
        path: string,
        opts: { method?: string; field: string[]; header: string[]; input?: string; paginate?: boolean; include?: boolean },
      ) => {
        await runF({
          io: f.io,
          http: () => f.http(),
          path,
          method: opts.method,
          fields: opts.field,
          headers: opts.header,
          input: opts.input,
          paginate: Boolean(opts.paginate),
          include: Boolean(opts.include),
        });
      },
    );
  return examples(cmd, [
    'tix api me',
    'tix api -X GET tickets -f status=open -f limit=5',
    'tix api --paginate tickets | jq length',
    'tix api -X POST tickets/42/messages -f body="Thanks, that fixed it" -H "Idempotency-Key: reply-42-1"',
    'tix api tickets --input new-ticket.json',
    'tix api -X DELETE tokens/3',
  ]);
}

/** "42" → 42, "true" → true, "null" → null; anything else stays text. */
export function typedValue(text: string): unknown {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return Number(text);
  return text;
}

function parsePairs(list: string[], flag: string, separator: string, example: string): Array<[string, string]> {
  return list.map((item) => {
    const at = item.indexOf(separator);
    const key = at > 0 ? item.slice(0, at).trim() : '';
    if (!key) throw usageError(t.text('badPair', { flag, example, value: item }));
    return [key, item.slice(at + separator.length).trim()];
  });
}

/**
 * The path under the helpdesk's API base (/api/v1 on tix serve); a full URL must point at the configured
 * server (the token goes nowhere else).
 */
export function apiPath(input: string, server: string, basePath = '/api/v1'): string {
  let p = input.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) {
    const base = `${server}${basePath}`;
    if (p !== base && !p.startsWith(`${base}/`) && !p.startsWith(`${base}?`)) {
      throw usageError(t.text('otherServer', { url: p, server, basePath }));
    }
    p = p.slice(base.length);
  }
  const prefix = basePath.replace(/^\/+/, '');
  p = p.replace(/^\/+/, '');
  if (prefix && (p === prefix || p.startsWith(`${prefix}/`) || p.startsWith(`${prefix}?`))) p = p.slice(prefix.length);
  return `/${p.replace(/^\/+/, '')}`;
}

function grouped<T>(pairs: Array<[string, T]>): Record<string, T | T[]> {
  const out: Record<string, T | T[]> = {};
  for (const [k, v] of pairs) {
    const seen = out[k];
    out[k] = seen === undefined ? v : Array.isArray(seen) ? [...seen, v] : [seen, v];
  }
  return out;
}

export async function run(o: Options): Promise<void> {
  const fields = parsePairs(o.fields, '--field', '=', 'key=value');
  const headers = Object.fromEntries(parsePairs(o.headers, '--header', ':', '"Name: value"').map(([k, v]) => [k.toLowerCase(), v]));
  // fields make a POST, except when paging: --paginate only ever follows GETs
  const method = (o.method ?? ((fields.length > 0 || o.input !== undefined) && !o.paginate ? 'POST' : 'GET')).toUpperCase();
  if (!/^[A-Z]+$/.test(method)) throw usageError(t.text('badMethod', { methods: methods.join(', '), value: String(o.method) }));
  if (o.paginate && method !== 'GET') throw usageError(t.text('paginateGetOnly'));
  const http = await o.http();
  const path = apiPath(o.path, http.server, http.basePath);

  const fieldsInQuery = method === 'GET' || method === 'HEAD' || o.input !== undefined;
  const request: RequestOptions = { headers };
  if (fieldsInQuery) request.query = grouped(fields) as Query;
  else if (fields.length > 0) request.body = grouped(fields.map(([k, v]) => [k, typedValue(v)]));
  if (o.input !== undefined) {
    request.rawBody = await readInputBytes(o.io, o.input, '--input');
    request.contentType = headers['content-type'] ?? 'application/json';
  }
  // an Idempotency-Key header makes the write safe to retry, exactly as for tix ticket create
  if (headers['idempotency-key']) {
    request.idempotencyKey = headers['idempotency-key'];
    delete headers['idempotency-key'];
  }

  if (!o.paginate) {
    const res = await http.raw(method, path, request);
    report(o, res);
    print(o.io, res);
    if (res.status >= 400) throw cleanError(http.errorFor(method, res));
    return;
  }
  const items: unknown[] = [];
  let cursor: string | undefined;
  do {
    const res = await http.raw('GET', path, { ...request, query: { ...request.query, ...(cursor ? { cursor } : {}) } });
    report(o, res);
    if (res.status >= 400) {
      print(o.io, res);
      throw cleanError(http.errorFor('GET', res));
    }
    const page = parseJson(res.body) as { items?: unknown; nextCursor?: unknown } | undefined;
    if (!page || !Array.isArray(page.items)) throw usageError(t.text('notAPage', { path }));
    items.push(...page.items);
    cursor = typeof page.nextCursor === 'string' && page.nextCursor !== '' ? page.nextCursor : undefined;
  } while (cursor);
  o.io.out(o.io.isStdoutTTY ? `${highlightJson(items, o.io.colors)}\n` : `${JSON.stringify(items)}\n`);
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** -i: the status line and the headers, on stderr so that stdout stays the body. */
function report(o: Options, res: RawResponse): void {
  if (!o.include) return;
  o.io.err(`HTTP ${res.status}\n`);
  for (const [name, value] of Object.entries(res.headers)) for (const v of [value ?? ''].flat()) o.io.err(`${name}: ${v}\n`);
  o.io.err('\n');
}

/** The body as received when piped; JSON pretty-printed (and coloured) on a terminal. */
function print(io: IOStreams, res: RawResponse): void {
  if (res.body.length === 0) return;
  const json = io.isStdoutTTY && /\bjson\b/i.test(String(res.headers['content-type'] ?? '')) ? parseJson(res.body) : undefined;
  // a terminal gets the server's text without control characters (C0 and C1), as everywhere else in tix;
  // piped output stays byte for byte what the server sent
  if (json !== undefined) {
    io.out(`${highlightJson(stripControlsDeep(json), io.colors)}\n`);
    return;
  }
  if (!io.isStdoutTTY) {
    io.stdout.write(res.body);
    return;
  }
  const text = stripControls(res.body.toString('utf8'));
  io.out(text.endsWith('\n') ? text : `${text}\n`);
}
