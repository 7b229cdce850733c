import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * What the proxy does to one connection:
 * - `pass`: relays both ways;
 * - `drop-before`: reads the request, then resets the connection without forwarding anything;
 * - `drop-after`: forwards the request, waits until the server answers, then resets the client's connection
 *   without a byte of the answer (the server did the work; the client cannot know);
 * - `truncate`: forwards the request and the first bytes of the answer (its status line), then resets;
 * - `delay`: holds the request `ms` before relaying it (past the client's timeout, it arrives after the
 *   client gave up);
 * - `unavailable`: answers 503 with Retry-After itself; the server sees nothing.
 */
export type Fault =
  | { kind: 'pass' }
  | { kind: 'drop-before' }
  | { kind: 'drop-after' }
  | { kind: 'truncate' }
  | { kind: 'delay'; ms: number }
  | { kind: 'unavailable'; retryAfter?: number };
export type FaultKind = Fault['kind'];

export interface ProxiedConnection {
  /** the request line the client sent first, e.g. "POST /api/v1/tickets" */
  request: string;
  fault: FaultKind;
  /** the request reached the server */
  forwarded: boolean;
  /** the client got the server's whole answer */
  answered: boolean;
  /** settles once the proxy is done with the connection (a delayed request forwarded and answered) */
  done: Promise<void>;
}

export interface FaultProxy {
  url: string;
  port: number;
  /** every connection, in the order the client opened them */
  connections: ProxiedConnection[];
  /**
   * Faults for the next connections whose first request line matches (e.g. /^POST \/api\/v1\/tickets$/), one
   * each, in order; others pass. `after` runs once the fault has been applied (e.g. to take the proxy down).
   */
  inject(match: RegExp, faults: Fault[], after?: (fault: Fault) => void): void;
  /** stops accepting connections (clients get "connection refused"); `up()` listens again on the same port (if down) */
  down(): Promise<void>;
  up(): Promise<void>;
  /** the connections whose request line matches */
  seen(match: RegExp): ProxiedConnection[];
  /** forgets the faults not applied yet and the connections seen */
  reset(): void;
  close(): Promise<void>;
}

const UNAVAILABLE = (retryAfter: number) => {
  const body = JSON.stringify({ error: { code: 'unavailable', message: 'the fault proxy says: service unavailable' } });
  return `HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nretry-after: ${retryAfter}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
};

/**
 * A TCP proxy of our own between the CLI and a real server, for the failures a healthy server never
 * produces: lost requests, lost answers, slowness, 503 storms. Faults are scripted per connection, matched
 * on the request line, so the reads a command makes before its write pass untouched.
 */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const rules: Array<{ match: RegExp; faults: Fault[]; after?: (fault: Fault) => void }> = [];
  const connections: ProxiedConnection[] = [];
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;

  const decide = (request: string): { fault: Fault; after?: (fault: Fault) => void } => {
    for (const rule of rules) {
      if (rule.faults.length > 0 && rule.match.test(request)) return { fault: rule.faults.shift()!, after: rule.after };
    }
    return { fault: { kind: 'pass' } };
  };

  const handle = (client: Socket) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const eol = head.indexOf('\r\n');
      if (eol < 0) return;
      client.off('data', onData);
      client.pause();
      const request = head
        .subarray(0, eol)
        .toString('latin1')
        .replace(/ HTTP\/1\.[01]$/, '');
      const { fault, after } = decide(request);
      let finished!: () => void;
      const record: ProxiedConnection = {
        request,
        fault: fault.kind,
        forwarded: false,
        answered: false,
        done: new Promise<void>((r) => (finished = r)),
      };
      connections.push(record);
      apply(client, head, fault, record, () => after?.(fault), finished);
    };
    client.on('data', onData);
  };

  const apply = (client: Socket, head: Buffer, fault: Fault, record: ProxiedConnection, after: () => void, finished: () => void) => {
    if (fault.kind === 'drop-before') {
      client.resetAndDestroy();
      after();
      return finished();
    }
    if (fault.kind === 'unavailable') {
      client.end(UNAVAILABLE(fault.retryAfter ?? 0));
      after();
      return finished();
    }
    // what the client sends while a delayed request waits is kept, and relayed with it
    const pending: Buffer[] = [head];
    const early = (d: Buffer) => pending.push(d);
    client.on('data', early);
    client.resume();
    const relay = () => {
      // bytes already on the wire arrive even when their sender has given up since: always forward
      const target = connect(Number(upstream.port), upstream.hostname);
      sockets.add(target);
      target.on('close', () => {
        sockets.delete(target);
        finished();
      });
      target.on('error', () => client.destroy());
      client.off('data', early);
      for (const d of pending) target.write(d);
      record.forwarded = true;
      if (client.destroyed) {
        // nobody to answer: let the target finish, then hang up
        target.on('data', () => undefined);
        target.on('end', () => target.destroy());
        return;
      }
      client.on('data', (d: Buffer) => target.write(d));
      client.on('error', () => target.destroy());
      client.on('close', () => {
        if (record.fault !== 'delay') target.destroy();
      });
      target.on('data', (d: Buffer) => {
        if (client.destroyed) return;
        if (fault.kind === 'drop-after') {
          client.resetAndDestroy();
          target.destroy();
          return after();
        }
        if (fault.kind === 'truncate') {
          const eol = d.indexOf('\r\n');
          client.write(d.subarray(0, eol < 0 ? Math.min(d.length, 12) : eol + 2), () => client.resetAndDestroy());
          target.destroy();
          return after();
        }
        client.write(d);
      });
      target.on('end', () => {
        record.answered = !client.destroyed;
        client.end();
      });
      if (fault.kind === 'pass' || fault.kind === 'delay') after();
    };
    if (fault.kind === 'delay') setTimeout(relay, fault.ms);
    else relay();
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      if (server?.listening) return resolve();
      server = createServer(handle);
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  // like a server that went away: open connections die, new ones are refused
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (!server?.listening) return resolve();
      server.close(() => resolve());
    });

  await listen();
  const seen = (match: RegExp) => connections.filter((c) => match.test(c.request));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connections,
    inject: (match, faults, after) => void rules.push({ match, faults: [...faults], after }),
    down: stop,
    up: listen,
    seen,
    reset: () => {
      rules.length = 0;
      connections.length = 0;
    },
    close: stop,
  };
}
