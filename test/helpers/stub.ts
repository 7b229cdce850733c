import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Stub {
  url: string;
  /** every request seen, in order: "METHOD /path" */
  seen: string[];
  close(): Promise<void>;
}

/**
 * A tiny HTTP server that misbehaves on purpose (503 storms, dropped connections, silence): the failures a
 * real tix server does not produce on demand. Each request goes to `handle`, with its index.
 */
export async function startStub(handle: (req: IncomingMessage, res: ServerResponse, index: number) => void): Promise<Stub> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    const index = seen.push(`${req.method} ${req.url}`) - 1;
    req.resume();
    req.on('end', () => handle(req, res, index));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}
