// An in-memory helpdesk: a provider with nothing behind it but a few maps, for the fast tier. It is deliberately
// unlike tix serve where providers may differ: references are keys ("MEM-12"), statuses have their own names,
// there are no establishments, no read state, no contacts, tokens or settings. The provider contract suite runs
// against it like against any helpdesk, so commands that still assumed tix's ways fail here first.
import { createHash } from 'node:crypto';
import type { Backend, ProviderModule, RequestTypesApi, TicketsApi } from '../../src/api/backend.ts';
import type { HttpClient } from '../../src/api/http.ts';
import type { ProviderInfo } from '../../src/api/provider.ts';
import type { Attachment, Message, Ticket, TicketQuery, TicketWithMessages } from '../../src/api/types.ts';
import { type Catalog, defaultCatalog, type FieldValues, requestProblems, withDefaults } from '../../src/core/catalog.ts';
import type * as Kernel from '../../src/core/errors.ts';
import type { StatusSpec } from '../../src/core/status.ts';

export const memoryStatuses: StatusSpec[] = [
  { name: 'new', category: 'new', acceptsReplies: true },
  { name: 'in-progress', category: 'open', acceptsReplies: true },
  { name: 'awaiting-customer', category: 'waiting', acceptsReplies: true },
  { name: 'done', category: 'resolved', acceptsReplies: true },
  { name: 'archived', category: 'closed', acceptsReplies: false },
];

export const memoryInfo: ProviderInfo = {
  name: 'memory',
  displayName: 'the in-memory helpdesk',
  capabilities: ['tickets', 'requestTypes'],
  statuses: memoryStatuses,
  parseRef: (text) => {
    const m = /^mem-([1-9]\d*)$/i.exec(text.trim());
    return m ? `MEM-${m[1]}` : undefined;
  },
  showRef: (ref) => ref,
  refExample: 'a key such as MEM-12',
  login: { password: false, token: true },
};

interface User {
  email: string;
  name: string;
  agent: boolean;
}

interface StoredMessage extends Message {
  files: Array<{ attachment: Attachment; data: Buffer }>;
}

interface StoredTicket {
  id: number;
  status: string;
  type: string;
  category: string;
  fields: FieldValues;
  createdBy: User;
  createdAt: string;
  updatedAt: string;
  messages: StoredMessage[];
  followUpOf: number | null;
}

/** The helpdesk's state: shared by every backend connected to it, as a server's database would be. */
export class MemoryHelpdesk {
  readonly users = new Map<string, User>([
    ['mem-customer', { email: 'customer@memory.test', name: 'Carla Customer', agent: false }],
    ['mem-colleague', { email: 'colleague@memory.test', name: 'Colin Colleague', agent: false }],
    ['mem-agent', { email: 'agent@memory.test', name: 'Alma Agent', agent: true }],
  ]);
  readonly tickets = new Map<number, StoredTicket>();
  readonly uploads = new Map<string, { attachment: Attachment; data: Buffer }>();
  readonly keys = new Map<string, { fingerprint: string; result: unknown }>();
  /** the catalog: the tix one's general types (any form works; only summary and description are shared) */
  readonly catalog: Catalog = {
    categories: defaultCatalog.categories.filter((c) => c.id === 'general' || c.id === 'technical'),
    types: defaultCatalog.types.filter((t) => t.id === 'question' || t.id === 'incident'),
  };
  private nextId = 1;
  private nextMessage = 1;
  private last = 0;

  /** the time, never twice the same: tickets keep a strict order of activity */
  now(): string {
    this.last = Math.max(Date.now(), this.last + 1);
    return new Date(this.last).toISOString();
  }

  newTicketId(): number {
    return this.nextId++;
  }

  newMessageId(): number {
    return this.nextMessage++;
  }
}

/**
 * A provider module bound to one in-memory helpdesk (pass it to tix() as the provider override). `errors` are the
 * kernel's error classes of the CLI under test (cliErrors()): commands recognise domain errors by class.
 */
export function memoryProvider(helpdesk: MemoryHelpdesk, errors: typeof Kernel): ProviderModule & { helpdesk: MemoryHelpdesk } {
  return {
    helpdesk,
    info: memoryInfo,
    connect: (c) => new MemoryBackend(helpdesk, errors, c.server, c.credential?.token),
    http: (): HttpClient => {
      throw errors.usageError('the in-memory helpdesk has no HTTP API');
    },
  };
}

class MemoryBackend implements Backend {
  readonly provider = memoryInfo;
  readonly tickets: TicketsApi;
  readonly requestTypes: RequestTypesApi;
  readonly server: string;
  private readonly helpdesk: MemoryHelpdesk;
  private readonly errors: typeof Kernel;
  private readonly token: string | undefined;

  constructor(helpdesk: MemoryHelpdesk, errors: typeof Kernel, server: string, token: string | undefined) {
    this.helpdesk = helpdesk;
    this.errors = errors;
    const { authError, fieldsError, notFoundError, stateError, TicketClosedError, usageError } = errors;
    this.server = server;
    this.token = token;
    const h = helpdesk;
    this.requestTypes = {
      catalog: async () => structuredClone(h.catalog),
      requestType: async (id: string) => {
        const type = h.catalog.types.find((t) => t.id === id);
        if (!type) throw notFoundError(`no request type ${id}`);
        return structuredClone(type);
      },
    };
    this.tickets = {
      list: async (q) => {
        const me = this.user();
        const all = [...h.tickets.values()]
          .filter((t) => visible(me, t) && matches(t, q, me))
          .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id);
        const start = q.cursor ? Number(q.cursor) : 0;
        const limit = q.limit ?? 30;
        const page = all.slice(start, start + limit);
        return { items: page.map(toTicket), nextCursor: start + limit < all.length ? String(start + limit) : null };
      },
      view: async (ref) => toTicketWithMessages(this.ticket(ref)),
      create: async (input, opts = {}) => {
        const me = this.user();
        const replay = this.replay<Ticket>(opts.idempotencyKey, input);
        if (replay) return { item: replay, replayed: true };
        const type = h.catalog.types.find((t) => t.id === input.type);
        if (!type) throw usageError(`--type: unknown request type "${input.type}"`, { fields: [{ field: 'type', message: 'unknown' }] });
        const problems = requestProblems(type, input.fields);
        if (problems.length) throw fieldsError(problems, 'invalid request');
        let followUpOf: number | null = null;
        if (input.followUpOf !== undefined) {
          const original = this.ticket(input.followUpOf);
          if (original.status !== 'archived') throw stateError(`${input.followUpOf} is not closed: reply there instead`);
          followUpOf = original.id;
        }
        const at = h.now();
        const fields = withDefaults(type, input.fields);
        const { summary: _s, description, ...rest } = fields;
        const id = h.newTicketId();
        const t: StoredTicket = {
          id,
          status: 'new',
          type: type.id,
          category: type.category,
          fields: { summary: String(fields.summary), ...rest },
          createdBy: me,
          createdAt: at,
          updatedAt: at,
          messages: [this.message(me, String(description), input.attachments ?? [], at)],
          followUpOf,
        };
        h.tickets.set(id, t);
        const item = toTicket(t);
        this.remember(opts.idempotencyKey, input, item);
        return { item, replayed: false };
      },
      reply: async (ref, reply, opts = {}) => {
        const me = this.user();
        const replay = this.replay<{ item: Message; ticket: Ticket }>(opts.idempotencyKey, { ref, reply });
        if (replay) return { ...replay, replayed: true };
        const t = this.ticket(ref);
        if (t.status === 'archived') throw new TicketClosedError(ref, ref);
        const at = h.now();
        const m = this.message(me, reply.body, reply.attachments ?? [], at);
        t.messages.push(m);
        t.status = me.agent ? 'awaiting-customer' : 'in-progress';
        t.updatedAt = at;
        const result = { item: publicMessage(m), ticket: toTicket(t) };
        this.remember(opts.idempotencyKey, { ref, reply }, result);
        return { ...result, replayed: false };
      },
      changeStatus: async (ref, action) => {
        const me = this.user();
        const t = this.ticket(ref);
        if (t.status === 'archived' && !me.agent) throw stateError(`${ref} is archived: file a follow-up instead`);
        if (action === 'close' && !me.agent) throw authError('only support archives tickets; resolve it instead');
        t.status = action === 'resolve' ? 'done' : action === 'close' ? 'archived' : 'in-progress';
        t.updatedAt = h.now();
        return toTicket(t);
      },
      upload: async (name, data) => {
        const id = `u${h.uploads.size + 1}`;
        const attachment = { id, name, size: data.byteLength, contentType: 'application/octet-stream' };
        h.uploads.set(id, { attachment, data: Buffer.from(data) });
        return attachment;
      },
      download: async (ref, attachmentId) => {
        const t = this.ticket(ref);
        const file = t.messages.flatMap((m) => m.files).find((f) => f.attachment.id === attachmentId);
        if (!file) throw notFoundError(`${ref} has no attachment ${attachmentId}`);
        return { name: file.attachment.name, contentType: file.attachment.contentType, data: file.data };
      },
    };
  }

  async serverInfo() {
    return { name: 'memory', version: '0', apiVersion: '0' };
  }

  async me() {
    const u = this.user();
    return {
      user: { email: u.email, name: u.name, role: u.agent ? ('agent' as const) : ('customer' as const) },
      company: null,
      establishments: [],
      token: null,
    };
  }

  async logout(): Promise<void> {}

  private user(): User {
    const user = this.token === undefined ? undefined : this.helpdesk.users.get(this.token);
    if (!user) throw this.errors.authError('the in-memory helpdesk does not know this token', { hint: 'run: tix auth login' });
    return user;
  }

  /** A ticket the user may see; another customer's answers "not found", like a ticket that does not exist. */
  private ticket(ref: string): StoredTicket {
    const id = Number(memoryInfo.parseRef(ref)?.slice(4));
    const t = this.helpdesk.tickets.get(id);
    if (!t || !visible(this.user(), t)) throw this.errors.notFoundError(`no ticket ${ref}`);
    return t;
  }

  private message(author: User, body: string, uploads: string[], at: string): StoredMessage {
    const files = uploads.map((id) => {
      const upload = this.helpdesk.uploads.get(id);
      if (!upload) throw this.errors.usageError(`unknown upload ${id}`);
      // the checksum is announced with the ticket, as tix serve does
      return { ...upload, attachment: { ...upload.attachment, sha256: createHash('sha256').update(upload.data).digest('hex') } };
    });
    return {
      id: this.helpdesk.newMessageId(),
      author: { email: author.email, name: author.name, role: author.agent ? 'agent' : 'customer' },
      unread: false,
      body,
      createdAt: at,
      attachments: files.map((f) => f.attachment),
      files,
    };
  }

  /** Idempotency as tix serve has it: the same key and request give the first result; another request, a conflict. */
  private replay<T>(key: string | undefined, request: unknown): T | undefined {
    if (!key) return undefined;
    const seen = this.helpdesk.keys.get(`${this.user().email} ${key}`);
    if (!seen) return undefined;
    if (seen.fingerprint !== JSON.stringify(request)) {
      const existing = (seen.result as { ref?: string }).ref;
      throw new this.errors.IdempotencyConflictError(`the idempotency key "${key}" was already used for a different request`, existing);
    }
    return structuredClone(seen.result) as T;
  }

  private remember(key: string | undefined, request: unknown, result: unknown): void {
    if (key)
      this.helpdesk.keys.set(`${this.user().email} ${key}`, { fingerprint: JSON.stringify(request), result: structuredClone(result) });
  }
}

/** Customers of the one organisation see each other's tickets (two customers of one organisation); agents see all. */
function visible(_me: User, _t: StoredTicket): boolean {
  return true;
}

function matches(t: StoredTicket, q: TicketQuery, me: User): boolean {
  if (q.status && !q.status.includes(t.status)) return false;
  if (q.type && t.type !== q.type) return false;
  if (q.category && t.category !== q.category) return false;
  if (q.mine && t.createdBy.email !== me.email) return false;
  if (q.author && t.createdBy.email !== q.author.toLowerCase()) return false;
  if (q.since && t.updatedAt < new Date(q.since).toISOString()) return false;
  if (q.search) {
    const text = fold([t.fields.summary, ...t.messages.map((m) => m.body)].join('\n'));
    if (
      !fold(q.search)
        .split(/\s+/)
        .filter(Boolean)
        .every((w) => text.includes(w))
    )
      return false;
  }
  return true;
}

function fold(text: unknown): string {
  return String(text).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function toTicket(t: StoredTicket): Ticket {
  const { summary, ...fields } = t.fields;
  return {
    id: t.id,
    ref: `MEM-${t.id}`,
    status: t.status,
    statusCategory: memoryStatuses.find((s) => s.name === t.status)!.category,
    type: t.type,
    category: t.category,
    summary: String(summary),
    establishment: null,
    createdBy: { email: t.createdBy.email, name: t.createdBy.name },
    onBehalfOf: null,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    // an archived ticket was archived at its last change, by someone (this helpdesk closes nothing by itself)
    closedAt: t.status === 'archived' ? t.updatedAt : null,
    autoClosed: false,
    unread: 0,
    messageCount: t.messages.length,
    fields,
    followUpOf: t.followUpOf === null ? null : `MEM-${t.followUpOf}`,
    url: `memory://tickets/MEM-${t.id}`,
  };
}

function publicMessage(m: StoredMessage): Message {
  const { files: _f, ...message } = m;
  return structuredClone(message);
}

function toTicketWithMessages(t: StoredTicket): TicketWithMessages {
  return { ...toTicket(t), messages: t.messages.map(publicMessage) };
}
