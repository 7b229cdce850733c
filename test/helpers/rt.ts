/**
 * A real Request Tracker 5 for tests (`.ci/rt/rt.sh`; the REST2 facts a provider relies on are in
 * test/providers/rt/README.md and pinned by test/providers/rt/environment.test.ts).
 *
 *   const skip = skipUnless(rtInstalled(), RT_REQUIREMENT);   // fails instead under TIX_TEST_STRICT=1
 *   describe.skipIf(skip)('…', () => {
 *     let rt: Rt;
 *     beforeAll(async () => { rt = await startRt(); }, RT_START_TIMEOUT);
 *     it('…', async () => { const { status, body } = await rt.request('alice', 'GET', '/queues/all'); });
 *   });
 *
 * One instance per checkout is shared by every test file of a run (and by concurrent runs): the first file that
 * needs it starts it on a fresh database, the run's global teardown (rt-global-setup.ts) stops it unless it was
 * already running before (`bash .ci/rt/rt.sh start` in CI, or by hand). Because it is shared, a test creates its own
 * tickets, finds them by words unique to the test (`uniqueWord()`), and never counts tickets it did not create.
 */
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inject } from 'vitest';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RT_SCRIPT = join(repo, '.ci', 'rt', 'rt.sh');
/** where rt.sh keeps this checkout's instance (database, logs, env file, leases) */
export const RT_STATE_DIR = process.env.TIX_RT_STATE_DIR ?? join(repo, '.ci', 'rt', 'state');
export const RT_REQUIREMENT = 'Request Tracker 5 (bash .ci/rt/rt.sh install)';
/** starting RT on a loaded two-core machine: rebuilding the fixture database alone can take a minute */
export const RT_START_TIMEOUT = 600_000;

/** The fixture users: two customers of Acme Corp, one of Globex, a privileged agent, and root. */
export type RtUserKey = 'alice' | 'bob' | 'carol' | 'agent' | 'root';
export const RT_USERS: readonly RtUserKey[] = ['alice', 'bob', 'carol', 'agent', 'root'];

export interface RtUser {
  /** RT's user name (the e-mail address for the fixture customers and agent) */
  name: string;
  password: string;
  /** a REST2 auth token: `Authorization: token <token>` */
  token: string;
}

export interface RtResponse {
  status: number;
  body: any;
  headers: Headers;
}

export interface Rt {
  /** RT's web address as people know it, e.g. http://127.0.0.1:40161/rt */
  url: string;
  /** REST2's root: `${url}/REST/2.0` */
  rest2: string;
  users: Record<RtUserKey, RtUser>;
  /** calls REST2 as a fixture user with their token (path relative to rest2, or an absolute `_url`) */
  request(user: RtUserKey, method: string, path: string, body?: unknown): Promise<RtResponse>;
}

/** true when Debian's request-tracker5 is installed here (rt.sh can then start it) */
export function rtInstalled(): boolean {
  const query = spawnSync('dpkg-query', ['-W', '-f=${Status}\n', 'request-tracker5', 'rt5-db-sqlite', 'rt5-standalone'], {
    encoding: 'utf8',
  });
  return (query.stdout?.match(/install ok installed/g) ?? []).length === 3;
}

let started: Promise<Rt> | undefined;

/** The running RT of this checkout, started on a fresh database when it is not running. */
export function startRt(): Promise<Rt> {
  started ??= ensureRunning();
  return started;
}

async function ensureRunning(): Promise<Rt> {
  // the lease holder is the vitest main process (its global teardown releases it); a lone script leases to itself
  let lease = process.pid;
  try {
    lease = inject('rtLeasePid') || lease;
  } catch {
    /* not under vitest's global setup */
  }
  const { stdout } = await promisify(execFile)('bash', [RT_SCRIPT, 'ensure', String(lease)], {
    encoding: 'utf8',
    timeout: RT_START_TIMEOUT,
    maxBuffer: 10 * 1024 * 1024,
  }).catch((err: Error & { stderr?: string }) => {
    throw new Error(`bash .ci/rt/rt.sh ensure failed: ${err.stderr?.trim() || err.message}`);
  });
  return fromEnvFile(stdout.trim().split('\n').at(-1)!);
}

/** Reads rt.sh's env file (KEY=value lines). */
export function fromEnvFile(path: string): Rt {
  const vars = new Map<string, string>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) vars.set(line.slice(0, eq), line.slice(eq + 1));
  }
  const need = (key: string): string => {
    const value = vars.get(key);
    if (!value) throw new Error(`${path} has no ${key}: run bash .ci/rt/rt.sh reset`);
    return value;
  };
  const users = Object.fromEntries(
    RT_USERS.map((key) => {
      const upper = key.toUpperCase();
      return [key, { name: need(`RT_USER_${upper}`), password: need(`RT_PASSWORD_${upper}`), token: need(`RT_TOKEN_${upper}`) }];
    }),
  ) as Record<RtUserKey, RtUser>;
  const rest2 = need('RT_REST2');
  return {
    url: need('RT_URL'),
    rest2,
    users,
    request: async (user, method, path, body) => {
      const res = await fetch(path.startsWith('http') ? path : `${rest2}${path}`, {
        method,
        headers: {
          authorization: `token ${users[user].token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(120_000),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON (RT's 500s have an empty body) */
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
  };
}

/** A word no other test (or earlier run on the same database) has used: for subjects, bodies and searches. */
export function uniqueWord(prefix = 'tix'): string {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

declare module 'vitest' {
  export interface ProvidedContext {
    rtLeasePid: number;
  }
}
