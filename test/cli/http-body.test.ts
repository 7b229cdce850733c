// The HTTP client gathers an answer's body into one buffer sized by its Content-Length as the pieces arrive
// (see BodyBuffer in src/api/http.ts), and joins the pieces when there is no length: every way a body can
// arrive must give the very bytes the server sent, and the headers before the body.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/api/http.ts';

const big = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251));
let server: Server;
let client: HttpClient;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/length') {
      // announced, then sent in several pieces with pauses, so the client sees them one by one
      res.writeHead(200, { 'content-length': big.length, 'content-type': 'application/octet-stream' });
      let at = 0;
      const next = () => {
        const piece = big.subarray(at, at + 70_000);
        at += piece.length;
        if (at >= big.length) return res.end(piece);
        res.write(piece);
        setTimeout(next, 5);
      };
      return next();
    }
    if (req.url === '/chunked') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write(big.subarray(0, 100_000));
      setTimeout(() => res.end(big.subarray(100_000)), 5);
      return;
    }
    if (req.url === '/empty') {
      res.writeHead(200, { 'content-length': 0 });
      return res.end();
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new HttpClient({ env: {}, server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, retries: 0 });
});
afterAll(() => {
  client.close();
  server.close();
});

describe('an answer body as it arrives', () => {
  it('with a Content-Length, in several pieces: the same bytes, the headers told first', async () => {
    let told: IncomingHttpHeaders | undefined;
    const res = await client.raw('GET', '/length', { onHeaders: (_status, headers) => (told = headers) });
    expect(told?.['content-length']).toBe(String(big.length));
    expect(res.body.equals(big)).toBe(true);
  });

  it('without a length (chunked), and empty: the same bytes', async () => {
    expect((await client.raw('GET', '/chunked')).body.equals(big)).toBe(true);
    expect((await client.raw('GET', '/empty')).body.length).toBe(0);
    expect((await client.raw('HEAD', '/length')).body.length).toBe(0);
  });
});
