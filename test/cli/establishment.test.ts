import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv, tix } from '../helpers/cli.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const as = async (email: string) => isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: await s.tokenFor(email) });

describe('tix establishment list', () => {
  it('prints tab-separated rows in a fixed order when piped', async () => {
    const r = await tix(['establishment', 'list'], { env: await as('yann@demo.test') });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('81234567600025\t812345676\tÉcole Lille\n81234567600017\t812345676\tÉcole Paris\n');
  });

  it('prints a table with a header on a terminal', async () => {
    const r = await tix(['establishments', 'ls'], { env: { ...(await as('yann@demo.test')), NO_COLOR: '1' }, tty: true });
    expect(r.stdout.split('\n')[0]).toMatch(/^SIRET\s+SIREN\s+NAME$/);
    expect(r.stdout).toMatch(/81234567600017\s+812345676\s+École Paris/);
  });

  it('Sarah never sees École Paris', async () => {
    const r = await tix(['establishment', 'list', '--json'], { env: await as('sarah@demo.test') });
    expect(r.json()).toEqual([{ siret: '81234567600025', siren: '812345676', name: 'École Lille' }]);
  });

  it('--json with chosen fields, and an unknown field lists the valid ones (exit 2)', async () => {
    const env = await as('yann@demo.test');
    expect((await tix(['establishment', 'list', '--json', 'name'], { env })).json()).toEqual([
      { name: 'École Lille' },
      { name: 'École Paris' },
    ]);
    const bad = await tix(['establishment', 'list', '--json', 'name,city'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown JSON field city; available: siret, siren, name/);
  });

  it("an employee's token gets exit 4", async () => {
    const r = await tix(['establishment', 'list'], { env: await as('eve@demo.test') });
    expect(r.code).toBe(4);
    expect(r.errorJson()).toMatchObject({ code: 'forbidden', exitCode: 4, status: 403 });
  });

  it('without credentials, exit 4 and the login hint', async () => {
    const r = await tix(['establishment', 'list'], { env: isolatedEnv({ TIX_SERVER: s.url }) });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/hint: run: tix auth login --server/);
  });
});
