import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tixHttp } from '../../src/providers/tix/http.ts';
import { TixError } from '../../src/core/errors.ts';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { isolatedEnv, tix, type Result } from '../helpers/cli.ts';
import { startFaultProxy, type Fault, type FaultProxy } from '../helpers/fault-proxy.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import * as facts from '../helpers/store-facts.ts';

// The CLI against a real server behind a fault-injecting proxy: every fault kind, once (the retry gets
// through) and on every attempt (the CLI gives up). With idempotency keys nothing is ever filed twice and a
// re-run with the same key converges to exactly one; without a key a POST is never replayed blindly.

let s: TestServer;
let proxy: FaultProxy;
let yann: string;
let agent: string;
beforeAll(async () => {
  s = await startTestServer();
  proxy = await startFaultProxy(s.url);
  [yann, agent] = await Promise.all([s.tokenFor('yann@demo.test'), s.tokenFor('agent@demo.test')]);
});
afterEach(async () => {
  proxy.reset();
  await proxy.up();
});
afterAll(async () => {
  printFigures();
  await proxy.close();
  await s.close();
});

// The client gives up on a silent server after 800 ms here, so a 1.2 s delay is a lost answer.
const http = { requestTimeoutMs: 800 };
const env = (token = yann) => isolatedEnv({ TIX_SERVER: proxy.url, TIX_TOKEN: token });
const run = (args: string[], token = yann): Promise<Result> => tix(args, { env: env(token), http });
const ticketsNamed = (summary: string) => facts.ticketsNamed(s.store, summary);
const messagesSaying = (body: string) => facts.messagesSaying(s.store, body);
const tokensNamed = (name: string) => facts.liveTokens(s.store, 'yann@demo.test', 'pat', name);
/** waits until the proxy is done with every write it saw (a delayed request has reached the server) */
const settled = () => Promise.all(proxy.connections.filter((c) => c.request.startsWith('POST')).map((c) => c.done));

const CREATE = /^POST \/api\/v1\/tickets$/;
const REPLY = /^POST \/api\/v1\/tickets\/\d+\/messages$/;
const TOKENS = /^POST \/api\/v1\/tokens$/;

const kinds: Array<{ name: string; fault: Fault; reaches: boolean }> = [
  { name: 'drop-before', fault: { kind: 'drop-before' }, reaches: false },
  { name: 'drop-after', fault: { kind: 'drop-after' }, reaches: true },
  { name: 'truncate', fault: { kind: 'truncate' }, reaches: true },
  { name: 'delay', fault: { kind: 'delay', ms: 1200 }, reaches: true },
  { name: '503', fault: { kind: 'unavailable', retryAfter: 0 }, reaches: false },
];

interface Figure {
  kind: string;
  op: string;
  once: string;
  always: string;
  rerun: string;
}
const figures: Figure[] = [];
const noKey: string[] = [];

function printFigures(): void {
  if (figures.length === 0) return;
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd([12, 7, 30, 46, 18][i]!))
      .join('')
      .trimEnd();
  const out = [
    'fault proxy figures (exit code, attempts the proxy saw, rows on the server):',
    line(['fault', 'op', 'once (retry gets through)', 'every attempt (CLI gives up)', 're-run, same key']),
    ...figures.map((f) => line([f.kind, f.op, f.once, f.always, f.rerun])),
    ...noKey,
  ];
  console.log(out.join('\n'));
}

async function newTicket(summary: string): Promise<number> {
  const res = await s.api('POST', '/tickets', {
    token: yann,
    body: { type: 'question', establishment: est.paris.siret, fields: { summary, description: 'for the fault tests' } },
  });
  return res.body.id;
}

describe.each(kinds)('fault $name on creates and replies with idempotency keys', ({ name, fault, reaches }) => {
  const ops = [
    {
      op: 'create',
      match: CREATE,
      prepare: async (tag: string) => ({
        args: [
          'ticket',
          'create',
          '--type',
          'question',
          '--establishment',
          est.paris.siret,
          '--summary',
          tag,
          '--description',
          `Details of ${tag}`,
        ],
        count: () => ticketsNamed(tag),
        done: /✓ Filed ticket #\d+/,
      }),
    },
    {
      op: 'reply',
      match: REPLY,
      prepare: async (tag: string) => {
        const id = await newTicket(`Ticket for ${tag}`);
        return {
          args: ['ticket', 'reply', String(id), '--body', tag],
          count: () => messagesSaying(tag),
          done: new RegExp(`✓ Replied to #${id}`),
        };
      },
    },
  ];

  it.each(ops)('$op: once, the retry gets through and files exactly one', async ({ op, match, prepare }) => {
    const tag = `${name} ${op} once ${Math.random()}`;
    const c = await prepare(tag);
    proxy.inject(match, [fault]);
    const r = await run(c.args);
    await settled();
    expect(r.code, r.stderr).toBe(0);
    expect(await c.count()).toBe(1);
    // the key was made by this very command: its own retry is not "already done"
    expect(r.stderr).toMatch(c.done);
    const attempts = proxy.seen(match);
    expect(attempts.map((a) => a.fault)).toEqual([fault.kind, 'pass']);
    const figure: Figure = {
      kind: name,
      op,
      once: `exit ${r.code}, ${attempts.length} attempts, ${await c.count()} row`,
      always: '',
      rerun: '',
    };
    figures.push(figure);

    // every attempt fails: the CLI gives up with exit 6 and says how to retry safely
    const key = `ci-${name}-${op}-${Math.random().toString(36).slice(2)}`;
    const again = await prepare(`${tag} always`);
    proxy.reset();
    proxy.inject(match, [fault, fault, fault, fault]);
    const failed = await run([...again.args, '--idempotency-key', key]);
    await settled();
    expect(failed.code, failed.stderr).toBe(6);
    expect(proxy.seen(match)).toHaveLength(4);
    expect(await again.count()).toBe(reaches ? 1 : 0);
    if (fault.kind === 'unavailable') {
      expect(failed.stderr).toMatch(/the server is busy or unavailable; it asks to retry after 0s/);
      expect(failed.errorJson()).toMatchObject({ exitCode: 6, status: 503 });
    } else {
      expect(failed.stderr).toMatch(/the outcome is unknown/);
      expect(failed.stderr).toContain(`hint: running the same command again with --idempotency-key ${key} is safe`);
      expect(failed.errorJson()).toMatchObject({ code: 'outcome_unknown', idempotencyKey: key });
    }
    figure.always = `exit ${failed.code} (${failed.errorJson().code}), ${proxy.seen(match).length} attempts, ${await again.count()} rows`;

    // the script runs the same command again with the same key: exactly one, whatever happened before
    proxy.reset();
    const rerun = await run([...again.args, '--idempotency-key', key]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(await again.count()).toBe(1);
    if (reaches) expect(rerun.stderr).toMatch(/Already done with idempotency key|already posted/);
    figure.rerun = `exit ${rerun.code}, ${await again.count()} row`;
  });
});

describe('a lost answer followed by a server that is gone', () => {
  it('is still an unknown outcome, not "nothing was sent"; the same key converges to one ticket', async () => {
    const tag = `vanishing server ${Math.random()}`;
    const args = ['ticket', 'create', '--type', 'question', '--establishment', est.paris.siret, '--summary', tag, '--description', 'd'];
    // the server files the ticket, the answer is lost, then every retry is refused
    proxy.inject(CREATE, [{ kind: 'drop-after' }], () => void proxy.down());
    const r = await run(args);
    expect(r.code).toBe(6);
    expect(await ticketsNamed(tag)).toBe(1);
    const error = r.errorJson();
    expect(error.code).toBe('outcome_unknown');
    expect(r.stderr).not.toMatch(/nothing was sent/);
    expect(r.stderr).toContain(`--idempotency-key ${error.idempotencyKey} is safe`);
    await proxy.up();
    const rerun = await run([...args, '--idempotency-key', error.idempotencyKey]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(await ticketsNamed(tag)).toBe(1);
  });

  it('a reply whose answer was lost is recognised on the re-run even after an agent closed the ticket', async () => {
    const id = await newTicket(`closing race ${Math.random()}`);
    const body = `reply before closing ${Math.random()}`;
    const key = `ci-close-${Math.random().toString(36).slice(2)}`;
    proxy.inject(REPLY, [{ kind: 'drop-after' }, { kind: 'drop-after' }, { kind: 'drop-after' }, { kind: 'drop-after' }]);
    const lost = await run(['ticket', 'reply', String(id), '--body', body, '--idempotency-key', key]);
    expect(lost.code).toBe(6);
    expect(await messagesSaying(body)).toBe(1);
    expect((await s.api('POST', `/tickets/${id}/close`, { token: agent })).status).toBe(200);
    // the reply was posted before the close: the re-run says so instead of "closed, file a follow-up"
    const rerun = await run(['ticket', 'reply', String(id), '--body', body, '--idempotency-key', key]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toMatch(/already posted/);
    expect(await messagesSaying(body)).toBe(1);
    // a new reply to the closed ticket is refused
    const fresh = await run(['ticket', 'reply', String(id), '--body', 'too late', '--idempotency-key', `${key}-2`]);
    expect(fresh.code).toBe(5);
    expect(fresh.stderr).toMatch(/is closed and takes no more replies/);
    expect(await messagesSaying('too late')).toBe(0);
  });
});

describe('a POST without an idempotency key is never replayed blindly', () => {
  it.each(kinds)('tix token create through $name: one attempt, exit 6', async ({ name, fault, reaches }) => {
    const tokenName = `no-key ${name} ${Math.random()}`;
    proxy.inject(TOKENS, [fault, fault, fault, fault]);
    const r = await run(['token', 'create', '--name', tokenName]);
    await settled();
    expect(r.code, r.stderr).toBe(6);
    expect(proxy.seen(TOKENS)).toHaveLength(1);
    expect(await tokensNamed(tokenName)).toBe(reaches ? 1 : 0);
    expect(r.stdout).toBe('');
    if (fault.kind === 'unavailable') {
      // a 503 says the server did not do it: busy, not unknown
      expect(r.stderr).toMatch(/busy or unavailable/);
    } else {
      expect(r.stderr).toMatch(/failed after the request was sent .*the outcome is unknown\nhint: check with: tix token list/);
      expect(r.errorJson().code).toBe('outcome_unknown');
    }
    noKey.push(
      `no key, tix token create through ${name.padEnd(11)}: exit ${r.code} (${r.errorJson().code}), ${proxy.seen(TOKENS).length} attempt, ${await tokensNamed(tokenName)} token on the server`,
    );
  });

  it('a raw HttpClient POST without a key: one attempt, outcome unknown, a hint to check', async () => {
    const client = tixHttp({ server: proxy.url, credential: { token: yann }, http: { env: {}, minRetryDelayMs: 5, maxRetryDelayMs: 20 } });
    const summary = `raw no key ${Math.random()}`;
    proxy.inject(CREATE, [{ kind: 'drop-after' }, { kind: 'drop-after' }]);
    const err = await client
      .raw('POST', '/tickets', { body: { type: 'question', establishment: est.paris.siret, fields: { summary, description: 'd' } } })
      .catch((e: unknown) => e);
    client.close();
    expect(err).toBeInstanceOf(TixError);
    expect(err).toMatchObject({ exitCode: 6, code: 'outcome_unknown', hint: 'check whether it was applied before trying again' });
    expect((err as Error).message).toMatch(/the outcome is unknown/);
    expect(proxy.seen(CREATE)).toHaveLength(1);
    expect(await ticketsNamed(summary)).toBe(1);
  });
});

describe('a storm of mixed faults', () => {
  it('20 concurrent creates with their own keys, re-run until acknowledged: 20 tickets, none twice', async () => {
    // a seeded sequence of faults: about half the writes meet one
    let seed = 7;
    const rand = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const storm: Fault[] = Array.from({ length: 200 }, () =>
      rand() < 0.5 ? { kind: 'pass' } : kinds[Math.floor(rand() * kinds.length)]!.fault,
    );
    proxy.inject(CREATE, storm);
    const run1 = `storm ${Math.random().toString(36).slice(2)}`;
    const jobs = Array.from({ length: 20 }, (_, i) => [
      'ticket',
      'create',
      '--type',
      'question',
      '--establishment',
      est.lille.siret,
      '--summary',
      `${run1} #${i}`,
      '--description',
      'd',
      '--idempotency-key',
      `${run1.replace(' ', '-')}-${i}`,
    ]);
    let pending = jobs;
    let rounds = 0;
    let unknown = 0;
    while (pending.length && rounds < 8) {
      rounds++;
      const results = await Promise.all(pending.map((args) => run(args)));
      for (const r of results) expect([0, 6], r.stderr).toContain(r.code);
      unknown += results.filter((r) => r.code === 6).length;
      pending = pending.filter((_, i) => results[i]!.code !== 0);
    }
    await settled();
    expect(pending).toEqual([]);
    const counts = await Promise.all(jobs.map((_, i) => ticketsNamed(`${run1} #${i}`)));
    expect(counts).toEqual(Array(20).fill(1));
    const applied = proxy.seen(CREATE);
    const byKind = Object.entries(Object.groupBy(applied, (c) => c.fault))
      .map(([k, list]) => `${k} ${list?.length ?? 0}`)
      .join(', ');
    noKey.push(
      `storm: 20 creates, ${applied.length} attempts (${byKind}), ${unknown} gave up with exit 6 and were re-run with their key, ${rounds} rounds; 20 tickets, 0 duplicates`,
    );
  });
});
