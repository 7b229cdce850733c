import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { openSharedStores, skipWithoutPostgres, testDatabaseKind } from '../helpers/database.ts';
import { preparedDemo } from '../helpers/server.ts';

// Rules that hold per database, not per process: three tix apps over one database (on PostgreSQL, three pools,
// as three `tix serve` behind a load balancer), requests spread across them. What one refuses, all refuse.

const skip = testDatabaseKind === 'postgres' && skipWithoutPostgres();
let shared: Awaited<ReturnType<typeof openSharedStores>>;
let apps: FastifyInstance[] = [];

beforeAll(async () => {
  if (skip) return;
  shared = await openSharedStores(3);
  await shared.stores[0]!.identity.loadOrganisation(await preparedDemo());
  apps = await Promise.all(shared.stores.map((store) => buildApp({ store })));
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await shared?.close();
});

const login = (i: number, email: string, password: string, from: string) =>
  apps[i % apps.length]!.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: from,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ email, password }),
  });

describe.skipIf(skip)(`several instances over one database (${testDatabaseKind})`, () => {
  it('login throttling holds across instances: 20 parallel wrong guesses spread over three meet 429s', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => login(i, 'sarah@demo.test', `wrong-${i}`, '10.7.0.1')));
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((c) => c === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((c) => c === 429).length).toBeGreaterThanOrEqual(15);
    // whichever instance the next guess reaches, it is refused
    for (let i = 0; i < 3; i++) expect((await login(i, 'sarah@demo.test', 'demo-password', '10.7.0.1')).statusCode).toBe(429);
    // and Sarah, from her own address, logs in on any of them
    for (let i = 0; i < 3; i++) expect((await login(i, 'sarah@demo.test', 'demo-password', '10.7.0.2')).statusCode).toBe(200);
  });

  it('a burst of right passwords spread over three instances is not throttled', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => login(i, 'agent@demo.test', 'demo-password', '10.7.0.3')));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(12).fill(200));
  });

  it('a token issued by one instance is accepted by the others, and revoked on all at once', async () => {
    const token = JSON.parse((await login(0, 'yann@demo.test', 'demo-password', '10.7.0.4')).body).token as string;
    const me = (i: number) => apps[i]!.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    for (let i = 0; i < 3; i++) expect((await me(i)).statusCode).toBe(200);
    expect(
      (await apps[1]!.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { authorization: `Bearer ${token}` } })).statusCode,
    ).toBe(204);
    for (let i = 0; i < 3; i++) expect((await me(i)).statusCode).toBe(401);
  });
});
