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
  server: string;
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
    const env = commandEnv(baseEnv, o.server, user.token);
    for (let seq = 0; seq < o.ops; seq++) {
      const visible = tickets.filter((t) => user.sirets.includes(t.siret));
      const hidden = tickets.filter((t) => !user.sirets.includes(t.siret));
      const r = rng();
      const kind: OpKind =
        visible.length === 0 ? 'create' : r < 0.3 ? 'create' : r < 0.6 ? 'reply' : r < 0.75 ? 'list' : r < 0.95 ? 'read' : 'status';
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
  /** kill -9 the server once this fraction of the operations is done, and restart it on the same database */
  crashAt?: number;
  /** how long the server stays down before the restart (longer than the CLI's retries: some writes give up) */
  downMs?: number;
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
  /** from kill -9 to listening again */
  downMs: number;
  /** the restarted server's database checked against the writes acknowledged before the kill */
  afterRestart: LedgerReport;
}

export interface StressResult {
  records: OpRecord[];
  wallMs: number;
  db: string;
  retried: number;
  server: ServerLogStats;
  crash?: CrashFacts;
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

/**
 * The whole run: `tix serve --log` on a file database with the demo organisation, the three demo users
 * logged in once through the API, the load (with a kill -9 and a restart when asked), the unknown outcomes
 * retried with their keys, the server stopped, and the database checked against the log.
 */
export async function runStress(o: StressOptions): Promise<StressResult> {
  const db = join(o.dir, 'stress.db');
  const env: Env = { PATH: process.env.PATH, HOME: o.dir, TIX_CONFIG_DIR: join(o.dir, 'config'), LANG: 'C.UTF-8' };
  const say = o.progress ?? (() => undefined);
  const logs: string[] = [];
  let server: ServeProcess = await startServe(['--db', db, '--demo', '--port', '0', '--log'], env);
  const users = await Promise.all(['yann@demo.test', 'sarah@demo.test', 'agent@demo.test'].map((e) => login(server.url, e)));
  const tokenOf = new Map(users.map((u) => [u.email, u.token]));
  let crash: CrashFacts | undefined;
  let down = false;
  const records: OpRecord[] = [];
  const started = performance.now();
  await runLoad({
    workers: o.workers,
    ops: o.ops,
    users,
    server: server.url,
    runner: o.runner,
    dir: o.dir,
    runId: Date.now().toString(36),
    seed: o.seed ?? 1,
    log: records,
    tolerate: () => (crash || down ? [6] : []),
    after: async (done, total) => {
      if (done % Math.max(1, Math.round(total / 10)) === 0) say(`  ${done}/${total} operations`);
      if (o.crashAt === undefined || crash || down || done < o.crashAt * total) return;
      down = true;
      // the kill lands while the server handles a write: right after it logs an incoming create or reply
      const midWrite = await server.next(/"method":"POST","url":"\/api\/v1\/tickets(\/\d+\/messages)?"/, 5000);
      await server.stop('SIGKILL');
      const killedAt = performance.now();
      logs.push(server.stderr());
      say(`  kill -9 the server after ${done} operations; restarting it on the same database`);
      // what the log holds now was answered before the kill: every acknowledged write must have survived
      const before = [...records];
      await new Promise((resolve) => setTimeout(resolve, o.downMs ?? 0));
      server = await startServe(['--db', db, '--port', String(server.port), '--log'], env);
      crash = {
        killedAfter: done,
        midWrite,
        acknowledgedBefore: before.filter(acknowledged).length,
        inFlight: parseServerLog(logs.at(-1)!).unanswered,
        downMs: performance.now() - killedAt,
        afterRestart: checkLedger(db, before, { partial: true }),
      };
      down = false;
    },
  });
  const wallMs = performance.now() - started;
  const falseClaims = claimedUnsentButApplied(db, records);
  const retried = await converge(records, o.runner, (u) => commandEnv(env, server.url, tokenOf.get(u)!));
  await server.stop('SIGTERM');
  logs.push(server.stderr());
  const ledger = checkLedger(db, records);
  const problems = [
    ...falseClaims,
    ...records.filter((r) => r.problem).map((r) => `${r.kind} (worker ${r.worker}, #${r.seq}, ${r.user}): ${r.problem}`),
  ];
  const ok =
    ledger.ok &&
    problems.length === 0 &&
    (!crash || crash.afterRestart.ok) &&
    ![...parseServerLog(...logs).byStatus.keys()].some((s) => s >= 500);
  return { records, wallMs, db, retried, server: parseServerLog(...logs), crash, ledger, problems, ok };
}

const ms = (n: number) => `${Math.round(n)}`;

/** The figures: throughput, latency per operation, errors by exit code and HTTP status, the database check. */
export function formatStress(r: StressResult, o: { workers: number; ops: number; what: string }): string {
  const lines: string[] = [];
  const n = r.records.length;
  lines.push(
    `${o.workers} workers x ${o.ops} operations = ${n} operations in ${(r.wallMs / 1000).toFixed(1)} s: ${(n / (r.wallMs / 1000)).toFixed(1)} operations/s (${o.what})`,
  );
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
      `crash: kill -9 after ${r.crash.killedAfter} operations${r.crash.midWrite ? ', the moment the server logged an incoming write' : ''} (${r.crash.acknowledgedBefore} writes acknowledged by then; ${r.crash.inFlight} requests received and never answered), listening again after ${ms(r.crash.downMs)} ms`,
    );
    lines.push(`after the restart: ${describeLedger(r.crash.afterRestart).split('\n')[0]}`);
  }
  lines.push('');
  lines.push(describeLedger(r.ledger));
  for (const p of r.problems.slice(0, 20)) lines.push(`  problem: ${p}`);
  lines.push('');
  lines.push(r.ok ? 'OK: nothing lost, nothing duplicated, no 5xx' : 'FAILED');
  return lines.join('\n');
}
