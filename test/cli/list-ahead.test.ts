import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STREAM_PAGE } from '../../src/commands/ticket/pages.ts';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { isolatedEnv, tix } from '../helpers/cli.ts';
import { bulkTickets, startTestServer, type TestServer } from '../helpers/server.ts';

// `tix ticket list --all` asks for each next page as soon as tix serve names it in the Link header of the
// page before, while that page's body is still on its way: the server works while the CLI prints.

const TICKETS = 1_100; // six pages of 200
const PAGES = Math.ceil(TICKETS / STREAM_PAGE);

let s: TestServer;
let token: string;
beforeAll(async () => {
  s = await startTestServer();
  await bulkTickets(s, { count: TICKETS, email: 'yann@demo.test', siret: est.paris.siret });
  token = await s.tokenFor('yann@demo.test');
}, 60_000);
afterAll(() => s.close());

interface Proxy {
  url: string;
  /** the request lines of the ticket list, in the order they came */
  asked: string[];
  /** for each page held: whether the next page was asked for before its body was let go */
  releasedByNextRequest: boolean[];
  close(): Promise<void>;
}

/**
 * Between the CLI and the server: passes everything through, but sends a listing page's headers at once and
 * holds its body until the CLI asks for another page (or 3 s pass), so the test sees whether the CLI asked
 * ahead. `rewriteLink` changes the Link header on its way.
 */
async function listingProxy(opts: { hold: boolean; rewriteLink?: (link: string) => string }): Promise<Proxy> {
  const asked: string[] = [];
  const releasedByNextRequest: boolean[] = [];
  const waiting = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    const listing = req.method === 'GET' && /^\/api\/v1\/tickets(\?|$)/.test(req.url ?? '');
    if (listing) {
      asked.push(req.url!);
      for (const release of waiting) release();
      waiting.clear();
    }
    const upstream = request(`${s.url}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      const headers: IncomingHttpHeaders = { ...answer.headers };
      if (opts.rewriteLink && typeof headers.link === 'string') headers.link = opts.rewriteLink(headers.link);
      res.writeHead(answer.statusCode ?? 502, headers);
      res.flushHeaders();
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        if (!listing || !opts.hold || !headers.link) return res.end(Buffer.concat(chunks));
        const timer = setTimeout(() => {
          waiting.delete(byRequest);
          releasedByNextRequest.push(false);
          res.end(Buffer.concat(chunks));
        }, 3000);
        const byRequest = () => {
          clearTimeout(timer);
          releasedByNextRequest.push(true);
          res.end(Buffer.concat(chunks));
        };
        waiting.add(byRequest);
      });
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    asked,
    releasedByNextRequest,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('a listing of every ticket asks for the next page ahead', () => {
  it('tix serve names the next page in a Link header (RFC 8288) with the same filters, and only when there is one', async () => {
    const first = await s.api('GET', '/tickets?limit=250&status=sent', { token });
    expect(first.status).toBe(200);
    const link = /^<([^>]+)>; rel="next"$/.exec(first.headers.link ?? '');
    expect(link, first.headers.link).not.toBeNull();
    const next = new URL(link![1]!);
    expect(next.pathname).toBe('/api/v1/tickets');
    expect(Object.fromEntries(next.searchParams)).toEqual({ limit: '250', status: 'sent', cursor: first.body.nextCursor });
    const rest = await s.api('GET', `/tickets?limit=1000&cursor=${encodeURIComponent(first.body.nextCursor)}`, { token });
    expect(rest.body.items).toHaveLength(TICKETS - 250);
    expect(rest.body.nextCursor).toBeNull();
    expect(rest.headers.link).toBeUndefined();
  });

  it('asks for each next page before the page before has arrived, and prints the same listing', async () => {
    const env = isolatedEnv({ TIX_TOKEN: token });
    const direct = await tix(['ticket', 'list', '--all', '--json', 'id,summary'], { env: { ...env, TIX_SERVER: s.url } });
    expect(direct.code).toBe(0);
    expect(direct.json()).toHaveLength(TICKETS);
    const proxy = await listingProxy({ hold: true });
    try {
      const ahead = await tix(['ticket', 'list', '--all', '--json', 'id,summary'], { env: { ...env, TIX_SERVER: proxy.url } });
      expect(ahead.code, ahead.stderr).toBe(0);
      expect(ahead.stderr).toBe('');
      expect(ahead.stdout).toBe(direct.stdout);
      // each page with a Link (all but the last) was let go by the CLI's request for the next one
      expect(proxy.asked).toHaveLength(PAGES);
      expect(proxy.releasedByNextRequest).toEqual(Array(PAGES - 1).fill(true));
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it('drops a page asked for ahead when the body names another next page, and asks for that one', async () => {
    const env = isolatedEnv({ TIX_TOKEN: token, TIX_SERVER: s.url });
    const direct = await tix(['ticket', 'list', '--all', '--ndjson', 'id'], { env });
    // a Link that points elsewhere than the body's nextCursor (as when tickets moved between two answers)
    const elsewhere = Buffer.from(JSON.stringify(['2000-01-01T00:00:00.000Z', 1])).toString('base64url');
    const proxy = await listingProxy({ hold: false, rewriteLink: (link) => link.replace(/cursor=[^&>]+/, `cursor=${elsewhere}`) });
    try {
      const r = await tix(['ticket', 'list', '--all', '--ndjson', 'id'], { env: { ...env, TIX_SERVER: proxy.url } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(direct.stdout);
      expect(r.stdout.trimEnd().split('\n')).toHaveLength(TICKETS);
      // the early asks went out, and were not used
      expect(proxy.asked.filter((u) => u.includes(elsewhere)).length).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  }, 60_000);
});
