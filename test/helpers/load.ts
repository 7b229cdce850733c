import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  acknowledged,
  checkLedger,
  claimedUnsentButApplied,
  describeLedger,
  finalOutcome,
  type LedgerReport,
  type OpKind,
  type OpRecord,
} from './ledger.ts';
import { parseDuration } from '../../src/core/duration.ts';
import { displayDatabase } from '../../src/server/store/database-url.ts';
import { startServe, type ServeProcess } from './serve-process.ts';

// The load harness shared by `npm run stress` (src/dev/stress.ts: a real tix process per operation) and the
// reliability tests (in-process tix() calls): a server on a file database, N workers doing M operations
// each as Yann, Sarah and the agent, a log of what was acknowledged, then the database checked against it.

type Env = Record<string, string | undefined>;

/** Runs one tix command (its arguments after `tix`) with this environment. */
export type Runner = (args: string[], env: Env) => Promise<{ code: number; stdout: string; stderr: string }>;

export interface LoadUser {
  email: string;
  token: string;
  agent: boolean;
  /** the establishments this user sees (all of them for the agent) */
  sirets: string[];
}

interface KnownTicket {
  id: number;
  siret: string;
  marker: string;
  /** replies acknowledged so far, with the time they were */
  replies: number[];
}

export interface LoadOptions {
  workers: number;
  ops: number;
  users: LoadUser[];
  /** the server a worker's next command goes to: one server, or a load balancer's choice among several */
  serverFor: (worker: number) => string;
  runner: Runner;
  /** HOME, the config dir and attachment files go here */
  dir: string;
  /** names the run's idempotency keys and markers */
  runId: string;
  seed: number;
  /** called after each operation; may take the server down and up (crash runs) */
  after?: (done: number, total: number) => Promise<void> | void;
  /** exit codes accepted from every operation during this run (6 while the server is down on purpose) */
  tolerate?: () => number[];
  /** the log to append to (read it while the run goes on); a new one by default */
  log?: OpRecord[];
  /** shares of each kind of operation (create 0.3, reply 0.3, list 0.15, read 0.2, status 0.05 by default) */
  mix?: Partial<Record<OpKind, number>>;
}

const defaultMix: Record<OpKind, number> = { create: 0.3, reply: 0.3, list: 0.15, read: 0.2, status: 0.05 };

/** The kind of operation a draw in [0, 1) falls on, each kind taking its share of the line. */
function pickKind(mix: Record<OpKind, number>, draw: number): OpKind {
  let left = draw * Object.values(mix).reduce((a, b) => a + b, 0);
  for (const kind of Object.keys(mix) as OpKind[]) {
    left -= mix[kind];
    if (left < 0) return kind;
  }
  return 'status';
}

/** A small seeded generator (mulberry32): a run's sequence of operations can be replayed with --seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The JSON error line a failed tix command prints on a non-terminal stderr. */
function errorLine(stderr: string): { status?: number; code?: string; message?: string } {
  const line = stderr
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{"error"'));
  if (!line) return {};
  try {
    return (JSON.parse(line) as { error: { status?: number; code?: string; message?: string } }).error;
  } catch {
    return {};
  }
}

export function commandEnv(base: Env, server: string, token: string): Env {
  return { ...base, TIX_SERVER: server, TIX_TOKEN: token };
}

/**
 * N workers, each doing M operations in sequence as one user: create (with an idempotency key, sometimes an
 * attachment), reply (same), list, read (now and then another establishment's ticket, which must stay
 * invisible), and status changes (the agent closes, admins resolve). Every outcome goes to the log.
 */
export async function runLoad(o: LoadOptions): Promise<OpRecord[]> {
  const records: OpRecord[] = o.log ?? [];
  const tickets: KnownTicket[] = [];
  const total = o.workers * o.ops;
  const baseEnv: Env = { PATH: process.env.PATH, HOME: o.dir, TIX_CONFIG_DIR: join(o.dir, 'config'), LANG: 'C.UTF-8', NO_COLOR: '1' };
  const files = join(o.dir, 'files');
  mkdirSync(files, { recursive: true });
  let done = 0;

  const worker = async (w: number) => {
    const user = o.users[w % o.users.length]!;
    const rng = random(o.seed * 1000 + w);
    const pick = <T>(list: T[]): T => list[Math.floor(rng() * list.length)]!;
    for (let seq = 0; seq < o.ops; seq++) {
      const env = commandEnv(baseEnv, o.serverFor(w), user.token);
      const visible = tickets.filter((t) => user.sirets.includes(t.siret));
      const hidden = tickets.filter((t) => !user.sirets.includes(t.siret));
      const kind: OpKind = visible.length === 0 ? 'create' : pickKind({ ...defaultMix, ...o.mix }, rng());
      const key = `stress-${o.runId}-w${w}-${seq}`;
      const rec: OpRecord = {
        worker: w,
        seq,
        kind,
        user: user.email,
        args: [],
        expect: [0],
        startedAt: Date.now(),
        first: { code: -1, ms: 0 },
      };
      let target: KnownTicket | undefined;
      let check: ((stdout: string, stderr: string) => string | undefined) | undefined;
      const attach = (marker: string): string[] => {
        if (rng() >= 0.1) return [];
        rec.attachment = true;
        const path = join(files, `${key}.txt`);
        writeFileSync(path, marker);
        return ['--attach', path];
      };
      switch (kind) {
        case 'create': {
          const siret = pick(user.sirets);
          rec.key = key;
          rec.marker = `Description ${key}`;
          rec.args = [
            'ticket',
            'create',
            '--type',
            'question',
            '--establishment',
            siret,
            '--summary',
            `Stress ticket ${key}`,
            '--description',
            rec.marker,
            '--idempotency-key',
            key,
            '--json',
            'id',
            ...attach(rec.marker),
          ];
          break;
        }
        case 'reply': {
          target = pick(visible);
          rec.key = key;
          rec.marker = `Reply ${key}`;
          rec.ticketId = target.id;
          // 5: an agent may have closed the ticket
          rec.expect = [0, 5];
          rec.args = [
            'ticket',
            'reply',
            String(target.id),
            '--body',
            rec.marker,
            '--idempotency-key',
            key,
            '--json',
            'message',
            ...attach(rec.marker),
          ];
          break;
        }
        case 'list': {
          rec.args = [
            'ticket',
            'list',
            '--limit',
            '50',
            '--json',
            'id,establishment,status',
            ...(rng() < 0.3 ? ['--status', 'sent,open,answered'] : []),
          ];
          check = (stdout) => {
            const foreign = (JSON.parse(stdout) as Array<{ id: number; establishment: { siret: string } }>).filter(
              (t) => !user.sirets.includes(t.establishment.siret),
            );
            return foreign.length ? `listed another establishment's tickets: ${foreign.map((t) => `#${t.id}`).join(', ')}` : undefined;
          };
          break;
        }
        case 'read': {
          if (hidden.length > 0 && rng() < 0.2) {
            // another establishment's ticket: the same "not found" as a ticket that does not exist
            target = pick(hidden);
            rec.expect = [3];
            const secret = target.marker;
            check = (stdout, stderr) => (stdout.includes(secret) || stderr.includes(secret) ? `saw ${secret}` : undefined);
          } else {
            target = pick(visible);
            // every reply acknowledged before this read began must be in what it shows
            const before = [...target.replies];
            check = (stdout) => {
              const shown = new Set((JSON.parse(stdout) as { messages: Array<{ id: number }> }).messages.map((m) => m.id));
              const missing = before.filter((id) => !shown.has(id));
              return missing.length ? `stale read of #${target!.id}: acknowledged messages ${missing.join(', ')} missing` : undefined;
            };
          }
          rec.ticketId = target.id;
          rec.args = ['ticket', 'view', String(target.id), '--json', 'id,status,messages'];
          break;
        }
        case 'status': {
          target = pick(visible);
          rec.ticketId = target.id;
          // customers resolve (refused once closed: 5); the agent closes
          rec.args = ['ticket', user.agent ? 'close' : 'resolve', String(target.id)];
          rec.expect = user.agent ? [0] : [0, 5];
          break;
        }
      }
      rec.startedAt = Date.now();
      const started = performance.now();
      const res = await o.runner(rec.args, env);
      const err = errorLine(res.stderr);
      rec.first = {
        code: res.code,
        ms: performance.now() - started,
        ...(err.status ? { status: err.status } : {}),
        ...(err.code ? { error: err.code } : {}),
      };
      if (res.code === 0) {
        try {
          if (kind === 'create') {
            rec.ticketId = (JSON.parse(res.stdout) as { id: number }).id;
            tickets.push({ id: rec.ticketId, siret: rec.args[rec.args.indexOf('--establishment') + 1]!, marker: rec.marker!, replies: [] });
          } else if (kind === 'reply') {
            rec.messageId = (JSON.parse(res.stdout) as { message: { id: number } }).message.id;
            target!.replies.push(rec.messageId);
          }
          rec.problem = check?.(res.stdout, res.stderr);
        } catch (e) {
          rec.problem = `unreadable output (${(e as Error).message}): ${res.stdout.slice(0, 200)}`;
        }
      } else if (rec.expect.includes(res.code)) {
        rec.problem = check?.(res.stdout, res.stderr);
      } else if (!(o.tolerate?.() ?? []).includes(res.code)) {
        // exit 6 included: with a healthy server nothing should time out or fail to connect
        rec.problem = `exit ${res.code}: ${err.message ?? res.stderr.trim().split('\n')[0]}`;
      }
      records.push(rec);
      await o.after?.(++done, total);
    }
  };
  await Promise.all(Array.from({ length: o.workers }, (_, w) => worker(w)));
  return records;
}

/**
 * Runs again, with the same idempotency key, every create and reply whose outcome was unknown (exit 6): the
 * way a script is told to recover. Each must now be acknowledged (or refused, for a reply to a closed ticket).
 */
export async function converge(records: OpRecord[], runner: Runner, envFor: (user: string) => Env): Promise<number> {
  let retried = 0;
  for (const r of records) {
    if ((r.kind !== 'create' && r.kind !== 'reply') || r.first.code !== 6) continue;
    retried++;
    const started = performance.now();
    const res = await runner(r.args, envFor(r.user));
    const err = errorLine(res.stderr);
    r.retry = {
      code: res.code,
      ms: performance.now() - started,
      ...(err.status ? { status: err.status } : {}),
      ...(err.code ? { error: err.code } : {}),
    };
    if (res.code === 0) {
      if (r.kind === 'create') r.ticketId = (JSON.parse(res.stdout) as { id: number }).id;
      else r.messageId = (JSON.parse(res.stdout) as { message: { id: number } }).message.id;
    } else if (!r.expect.includes(res.code)) {
      r.problem = `the retry with the same key exited ${res.code}: ${err.message ?? res.stderr.trim().split('\n')[0]}`;
    }
  }
  return retried;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface ServerLogStats {
  byStatus: Map<number, number>;
  /** server-side handling time per route ("POST /tickets/:id/messages") */
  latency: Map<string, number[]>;
  /** requests received and never answered (a server killed while handling them) */
  unanswered: number;
}

/** Reads a `tix serve --log` stderr: answers by status and handling time per route. */
export function parseServerLog(...logs: string[]): ServerLogStats {
  const byStatus = new Map<number, number>();
  const latency = new Map<string, number[]>();
  let unanswered = 0;
  // request ids start again in each server process
  for (const log of logs) {
    const routes = new Map<string, string>();
    for (const line of log.split('\n')) {
      if (!line.startsWith('{')) continue;
      let entry: { reqId?: string; req?: { method: string; url: string }; res?: { statusCode: number }; responseTime?: number };
      try {
        entry = JSON.parse(line);
      } catch {
        continue;
      }
      if (entry.req && entry.reqId)
        routes.set(
          entry.reqId,
          `${entry.req.method} ${entry.req.url
            .replace(/^\/api\/v1/, '')
            .replace(/\?.*$/, '')
            .replace(/\/\d+/g, '/:id')}`,
        );
      if (entry.res && entry.reqId) {
        byStatus.set(entry.res.statusCode, (byStatus.get(entry.res.statusCode) ?? 0) + 1);
        const route = routes.get(entry.reqId) ?? '?';
        routes.delete(entry.reqId);
        latency.set(route, [...(latency.get(route) ?? []), entry.responseTime ?? 0]);
      }
    }
    unanswered += routes.size;
  }
  return { byStatus, latency, unanswered };
}

export interface StressOptions {
  workers: number;
  ops: number;
  seed?: number;
  runner: Runner;
  /** a fresh directory for the database, HOME and files */
  dir: string;
  /** a PostgreSQL URL (an empty database, or one with tix's schema); a SQLite file in `dir` by default */
  database?: string;
  /** `tix serve` processes over the one database; workers are spread across them as a load balancer would (1) */
  instances?: number;
  /**
   * kill -9 a server once this fraction of the operations is done, the moment it receives a write. With one
   * instance it is restarted on the same database after `downMs`; with several, the others take its workers.
   */
  crashAt?: number;
  /** how long the server stays down before the restart (longer than the CLI's retries: some writes give up) */
  downMs?: number;
  /** `tix serve --auto-close-after`: resolved tickets close by themselves after this long (e.g. "3s") */
  autoCloseAfter?: string;
  /** shares of each kind of operation */
  mix?: LoadOptions['mix'];
  progress?: (line: string) => void;
}

export interface CrashFacts {
  /** operations done when the server was killed */
  killedAfter: number;
  /** creates and replies acknowledged before the kill */
  acknowledgedBefore: number;
  /** requests the killed server had received and not answered */
  inFlight: number;
  /** the kill followed the server's log line for an incoming create or reply */
  midWrite: boolean;
  /** from kill -9 to listening again (one instance), or to the next operation answered by another (several) */
  downMs: number;
  /** the database checked against the writes acknowledged before the kill, once the server was back or gone */
  afterRestart: LedgerReport;
}

/** The background work of the run: resolved tickets closed by the servers, each by one of them, once. */
export interface AutoCloseFacts {
  /** tickets the servers logged closing automatically (all instances, the killed one included) */
  logged: number;
  /** tickets closed automatically, as their JSON says (autoClosed: true) */
  autoClosed: number;
  /** ticket ids two log lines (of one or several instances) claim to have closed */
  closedTwice: number[];
  /** logged as closed automatically, but not so in the database */
  loggedNotClosed: number[];
  /** closed automatically in the database and in no log: a server killed between commit and log line */
  unlogged: number[];
  /** tickets still resolved after the delay and two sweep periods */
  stillResolved: number[];
  /** per instance, how many tickets it closed */
  byInstance: number[];
}

export interface StressResult {
  records: OpRecord[];
  wallMs: number;
  /** the database checked: a SQLite file or a PostgreSQL URL */
  db: string;
  instances: number;
  retried: number;
  server: ServerLogStats;
  crash?: CrashFacts;
  autoClose?: AutoCloseFacts;
  ledger: LedgerReport;
  /** operations that ended other than they may */
  problems: string[];
  ok: boolean;
}

async function login(url: string, email: string): Promise<LoadUser> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo-password' }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  const me = (await (await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
    user: { role: string };
    establishments: Array<{ siret: string }>;
  };
  return { email, token, agent: me.user.role === 'agent', sirets: me.establishments.map((e) => e.siret) };
}

/** Every ticket the agent sees with these statuses, through the API (every page). */
async function ticketsWith(url: string, token: string, status: string): Promise<Array<{ id: number; autoClosed: boolean }>> {
  const all: Array<{ id: number; autoClosed: boolean }> = [];
  for (let cursor: string | null = null; ; ) {
    const res = await fetch(`${url}/api/v1/tickets?status=${status}&limit=100${cursor ? `&cursor=${cursor}` : ''}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await res.json()) as { items: Array<{ id: number; autoClosed: boolean }>; nextCursor: string | null };
    all.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return all;
  }
}

/** The ticket ids each server log says its auto-close task closed. */
function autoClosedIn(log: string): number[] {
  return log
    .split('\n')
    .filter((line) => line.includes('"task":"auto-close"'))
    .flatMap((line) => {
      try {
        return (JSON.parse(line) as { tickets?: number[] }).tickets ?? [];
      } catch {
        return [];
      }
    });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The whole run: `tix serve --log` (one, or several over one PostgreSQL database) with the demo organisation, the
 * three demo users logged in once through the API, the load spread over the servers (with a kill -9 when asked:
 * a restart with one server, the others taking over with several), the unknown outcomes retried with their keys,
 * the resolved tickets left to the servers' auto-close, the servers stopped, and the database checked against the
 * log.
 */
export async function runStress(o: StressOptions): Promise<StressResult> {
  const db = o.database ?? join(o.dir, 'stress.db');
  const count = o.instances ?? 1;
  if (count > 1 && !o.database) throw new Error('several instances share a PostgreSQL database: give `database`');
  const env: Env = { PATH: process.env.PATH, HOME: o.dir, TIX_CONFIG_DIR: join(o.dir, 'config'), LANG: 'C.UTF-8' };
  // the database for the servers only (the CLI never needs it)
  const serveEnv: Env = { ...env, TIX_DATABASE_URL: db };
  const say = o.progress ?? (() => undefined);
  const serveArgs = ['--port', '0', '--log', ...(o.autoCloseAfter ? ['--auto-close-after', o.autoCloseAfter] : [])];
  // all at once, as a deployment starts them: the schema and the demo organisation go in once
  const servers: ServeProcess[] = await Promise.all(Array.from({ length: count }, () => startServe(['--demo', ...serveArgs], serveEnv)));
  try {
    // what each server wrote (a restarted server's runs one after the other)
    const logsOf: string[][] = servers.map(() => []);
    const alive = servers.map(() => true);
    const users = await Promise.all(['yann@demo.test', 'sarah@demo.test', 'agent@demo.test'].map((e) => login(servers[0]!.url, e)));
    const tokenOf = new Map(users.map((u) => [u.email, u.token]));
    // a load balancer: each worker sticks to one server while it is up, and moves to the next one up when it is not
    const serverFor = (worker: number) => {
      for (let i = 0; i < count; i++) {
        const k = (worker + i) % count;
        if (alive[k]) return servers[k]!.url;
      }
      return servers[worker % count]!.url;
    };
    let crash: CrashFacts | undefined;
    let down = false;
    const records: OpRecord[] = [];
    const started = performance.now();
    await runLoad({
      workers: o.workers,
      ops: o.ops,
      users,
      serverFor,
      runner: o.runner,
      dir: o.dir,
      runId: Date.now().toString(36),
      seed: o.seed ?? 1,
      log: records,
      mix: o.mix,
      tolerate: () => (crash || down ? [6] : []),
      after: async (done, total) => {
        if (done % Math.max(1, Math.round(total / 10)) === 0) say(`  ${done}/${total} operations`);
        if (o.crashAt === undefined || crash || down || done < o.crashAt * total) return;
        down = true;
        const victim = count > 1 ? 1 % count : 0;
        const server = servers[victim]!;
        // the kill lands while the server handles a write: right after it logs an incoming create or reply
        const midWrite = await server.next(/"method":"POST","url":"\/api\/v1\/tickets(\/\d+\/messages)?"/, 5000);
        await server.stop('SIGKILL');
        alive[victim] = false;
        const killedAt = performance.now();
        logsOf[victim]!.push(server.stderr());
        // what the log holds now was answered before the kill: every acknowledged write must have survived
        const before = [...records];
        if (count === 1) {
          say(`  kill -9 the server after ${done} operations; restarting it on the same database`);
          await sleep(o.downMs ?? 0);
          servers[victim] = await startServe(['--port', String(server.port), ...serveArgs.slice(2)], serveEnv);
          alive[victim] = true;
        } else {
          say(`  kill -9 server ${victim + 1} of ${count} after ${done} operations; the others take its workers`);
        }
        crash = {
          killedAfter: done,
          midWrite,
          acknowledgedBefore: before.filter(acknowledged).length,
          inFlight: parseServerLog(server.stderr()).unanswered,
          downMs: performance.now() - killedAt,
          afterRestart: await checkLedger(db, before, { partial: true }),
        };
        down = false;
      },
    });
    const wallMs = performance.now() - started;
    const live = servers.filter((_, i) => alive[i]);
    const falseClaims = await claimedUnsentButApplied(db, records);
    const retried = await converge(records, o.runner, (u) => commandEnv(env, live[0]!.url, tokenOf.get(u)!));
    let autoClose: AutoCloseFacts | undefined;
    let closedTickets: Array<{ id: number; autoClosed: boolean }> = [];
    if (o.autoCloseAfter) {
      // the servers' background work closes what was resolved; wait for it, at most the delay and a few sweeps
      const agent = tokenOf.get('agent@demo.test')!;
      const delayMs = parseDuration(o.autoCloseAfter) ?? 0;
      const deadline = Date.now() + delayMs + Math.min(30_000, delayMs / 2) * 4 + 10_000;
      let resolved = await ticketsWith(live[0]!.url, agent, 'resolved');
      while (resolved.length && Date.now() < deadline) {
        await sleep(250);
        resolved = await ticketsWith(live[0]!.url, agent, 'resolved');
      }
      autoClose = {
        logged: 0,
        autoClosed: 0,
        closedTwice: [],
        loggedNotClosed: [],
        unlogged: [],
        stillResolved: resolved.map((t) => t.id),
        byInstance: [],
      };
      closedTickets = await ticketsWith(live[0]!.url, agent, 'closed');
    }
    for (const [i, server] of servers.entries()) if (alive[i]) await server.stop('SIGTERM');
    for (const [i, server] of servers.entries()) if (alive[i]) logsOf[i]!.push(server.stderr());
    const logs = logsOf.flat();
    if (autoClose) {
      const perLog = logsOf.map((l) => autoClosedIn(l.join('\n')));
      const logged = perLog.flat();
      const seen = new Map<number, number>();
      for (const id of logged) seen.set(id, (seen.get(id) ?? 0) + 1);
      const auto = new Set(closedTickets.filter((t) => t.autoClosed).map((t) => t.id));
      autoClose.logged = logged.length;
      autoClose.autoClosed = auto.size;
      autoClose.closedTwice = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
      autoClose.loggedNotClosed = [...seen.keys()].filter((id) => !auto.has(id));
      autoClose.unlogged = [...auto].filter((id) => !seen.has(id));
      autoClose.byInstance = perLog.map((ids) => ids.length);
    }
    const ledger = await checkLedger(db, records);
    const problems = [
      ...falseClaims,
      ...records.filter((r) => r.problem).map((r) => `${r.kind} (worker ${r.worker}, #${r.seq}, ${r.user}): ${r.problem}`),
    ];
    // a server killed between committing a batch of auto-closes and logging it leaves them unlogged: only then
    const autoCloseOk =
      !autoClose ||
      (autoClose.closedTwice.length === 0 &&
        autoClose.loggedNotClosed.length === 0 &&
        autoClose.stillResolved.length === 0 &&
        (crash !== undefined || autoClose.unlogged.length === 0));
    const ok =
      ledger.ok &&
      problems.length === 0 &&
      autoCloseOk &&
      (!crash || crash.afterRestart.ok) &&
      ![...parseServerLog(...logs).byStatus.keys()].some((s) => s >= 500);
    return { records, wallMs, db, instances: count, retried, server: parseServerLog(...logs), crash, autoClose, ledger, problems, ok };
  } catch (err) {
    // a failed run leaves no server behind
    await Promise.all(servers.map((server) => server.stop('SIGKILL')));
    throw err;
  }
}

const ms = (n: number) => `${Math.round(n)}`;

/** The figures: throughput, latency per operation, errors by exit code and HTTP status, the database check. */
export function formatStress(r: StressResult, o: { workers: number; ops: number; what: string }): string {
  const lines: string[] = [];
  const n = r.records.length;
  lines.push(
    `${o.workers} workers x ${o.ops} operations = ${n} operations in ${(r.wallMs / 1000).toFixed(1)} s: ${(n / (r.wallMs / 1000)).toFixed(1)} operations/s (${o.what})`,
  );
  if (r.instances > 1)
    lines.push(`${r.instances} tix serve processes over one database (${displayDatabase(r.db)}), workers spread across them`);
  lines.push('');
  lines.push(
    `${'operation'.padEnd(10)}${'count'.padStart(7)}${'ok'.padStart(6)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p99 ms'.padStart(9)}`,
  );
  for (const kind of ['create', 'reply', 'list', 'read', 'status'] as OpKind[]) {
    const of = r.records.filter((x) => x.kind === kind);
    if (!of.length) continue;
    const t = of.map((x) => x.first.ms);
    lines.push(
      `${kind.padEnd(10)}${String(of.length).padStart(7)}${String(of.filter((x) => finalOutcome(x).code === 0).length).padStart(6)}${ms(percentile(t, 50)).padStart(9)}${ms(percentile(t, 95)).padStart(9)}${ms(percentile(t, 99)).padStart(9)}`,
    );
  }
  const count = <K>(items: K[]) =>
    [...items.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<K, number>())].sort((a, b) =>
      String(a[0]).localeCompare(String(b[0])),
    );
  const outcomes = r.records.map((x) => x.first);
  lines.push('');
  lines.push(
    `exit codes: ${count(outcomes.map((x) => x.code))
      .map(([c, k]) => `${c} x${k}`)
      .join(', ')} (3 = another establishment's ticket, expected; 5 = reply or resolve on a closed ticket, expected)`,
  );
  const kinds = count(
    outcomes.filter((x) => x.code !== 0).map((x) => `exit ${x.code} ${x.error ?? '?'}${x.status ? ` (HTTP ${x.status})` : ''}`),
  );
  lines.push(
    `errors by kind (exit code, error code, HTTP status): ${kinds.length ? kinds.map(([s, k]) => `${s} x${k}`).join(', ') : 'none'}`,
  );
  lines.push(
    `server answers (its log): ${count([...r.server.byStatus].flatMap(([s, k]) => Array<number>(k).fill(s)))
      .map(([s, k]) => `${s} x${k}`)
      .join(', ')}; 5xx: ${[...r.server.byStatus].filter(([s]) => s >= 500).reduce((a, [, k]) => a + k, 0)}`,
  );
  if (r.retried)
    lines.push(
      `unknown outcomes (exit 6) retried with the same idempotency key: ${r.retried}; now ${r.records.filter((x) => x.retry?.code === 0).length} acknowledged, ${r.records.filter((x) => x.retry && x.retry.code !== 0).length} refused`,
    );
  const routes = [...r.server.latency]
    .filter(([route]) => /^(GET|POST) /.test(route))
    .sort((a, b) => b[1].length - a[1].length)
    .slice(0, 8);
  lines.push('');
  lines.push(
    `server handling time per route (ms): ${routes.map(([route, t]) => `${route} p50 ${percentile(t, 50).toFixed(1)} / p99 ${percentile(t, 99).toFixed(1)}`).join('; ')}`,
  );
  if (r.crash) {
    lines.push('');
    lines.push(
      `crash: kill -9 ${r.instances > 1 ? 'of one server ' : ''}after ${r.crash.killedAfter} operations${r.crash.midWrite ? ', the moment the server logged an incoming write' : ''} (${r.crash.acknowledgedBefore} writes acknowledged by then; ${r.crash.inFlight} requests received and never answered), ${r.instances > 1 ? 'its workers moved to the other servers' : `listening again after ${ms(r.crash.downMs)} ms`}`,
    );
    lines.push(`after the ${r.instances > 1 ? 'kill' : 'restart'}: ${describeLedger(r.crash.afterRestart).split('\n')[0]}`);
  }
  if (r.autoClose) {
    const a = r.autoClose;
    lines.push('');
    lines.push(
      `auto-close: ${a.autoClosed} tickets closed automatically (${a.byInstance.map((k, i) => `server ${i + 1}: ${k}`).join(', ')}; ${a.logged} logged); closed twice ${a.closedTwice.length}, logged but not closed ${a.loggedNotClosed.length}, still resolved ${a.stillResolved.length}, closed by a killed server before it could log ${a.unlogged.length}`,
    );
    for (const [name, ids] of Object.entries({
      'closed twice': a.closedTwice,
      'logged but not closed': a.loggedNotClosed,
      'still resolved': a.stillResolved,
    }))
      if (ids.length)
        lines.push(
          `  ${name}: ${ids
            .slice(0, 20)
            .map((id) => `#${id}`)
            .join(', ')}`,
        );
  }
  lines.push('');
  lines.push(describeLedger(r.ledger));
  for (const p of r.problems.slice(0, 20)) lines.push(`  problem: ${p}`);
  lines.push('');
  lines.push(r.ok ? 'OK: nothing lost, nothing duplicated, no 5xx' : 'FAILED');
  return lines.join('\n');
}
