import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPath, typedValue } from '../../src/commands/api.ts';
import type { Env } from '../../src/io/iostreams.ts';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { isolatedEnv, tempDir, tix } from '../helpers/cli.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
let env: Env;
const ids: number[] = [];
beforeAll(async () => {
  s = await startTestServer();
  const token = await s.tokenFor('yann@demo.test');
  for (const summary of ['First', 'Second', 'Third']) {
    ids.push(
      (
        await s.api('POST', '/tickets', {
          token,
          body: { type: 'question', establishment: est.paris.siret, fields: { summary, description: 'details' } },
        })
      ).body.id,
    );
  }
  env = isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: token });
});
afterAll(() => s.close());

describe('tix api', () => {
  it('GETs a path under /api/v1 with the session token and prints the body as received when piped', async () => {
    for (const path of ['me', '/me', '/api/v1/me', 'api/v1/me']) {
      const r = await tix(['api', path], { env });
      expect(r.code, path).toBe(0);
      expect(r.stdout).toBe(JSON.stringify(JSON.parse(r.stdout)));
      expect(r.json().user.email).toBe('yann@demo.test');
    }
  });

  it('pretty-prints and colours JSON on a terminal', async () => {
    const r = await tix(['api', 'meta'], { env, tty: true });
    expect(r.stdout).toMatch(/^\{\n {2}\u001b\[1m\u001b\[34m"name"\u001b\[39m\u001b\[22m: \u001b\[32m"tix"\u001b\[39m,\n/);
    const plain = await tix(['api', 'meta'], { env: { ...env, NO_COLOR: '1' }, tty: true });
    expect(plain.stdout).toBe(`${JSON.stringify(plain.json(), null, 2)}\n`);
  });

  it('sends -f fields as query parameters on a GET (repeated keys repeat)', async () => {
    const r = await tix(['api', 'tickets', '-X', 'GET', '-f', 'limit=1', '-f', 'status=sent', '-f', 'status=open'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().items).toHaveLength(1);
    expect(r.json().nextCursor).toEqual(expect.any(String));
  });

  it('POSTs -f fields as a JSON body, typed (the server coerces nothing)', async () => {
    const view = (await tix(['api', `tickets/${ids[0]}`], { env })).json();
    const r = await tix(['api', `tickets/${ids[0]}/read`, '-f', `messageId=${view.messages[0].id}`], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ marked: expect.any(Number) });
    expect(typedValue('42')).toBe(42);
    expect(typedValue('-1.5e3')).toBe(-1500);
    expect(typedValue('true')).toBe(true);
    expect(typedValue('null')).toBeNull();
    expect(typedValue('042')).toBe('042');
    expect(typedValue('x=y')).toBe('x=y');
  });

  it('sends --input as the body, from a file or standard input, and headers from -H', async () => {
    const file = join(tempDir(), 'reply.json');
    writeFileSync(file, JSON.stringify({ body: 'From a file' }));
    const fromFile = await tix(['api', `tickets/${ids[1]}/messages`, '--input', file, '-H', 'Idempotency-Key: api-test-1'], { env });
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromFile.json().message.body).toBe('From a file');
    // the same idempotency key replays the first answer instead of posting twice
    const again = await tix(['api', `tickets/${ids[1]}/messages`, '--input', file, '-H', 'Idempotency-Key: api-test-1', '--include'], {
      env,
    });
    expect(again.json().message.id).toBe(fromFile.json().message.id);
    expect(again.stderr).toMatch(/^HTTP 2\d\d\n(.+\n)*idempotent-replayed: true\n/);
    const fromStdin = await tix(['api', `tickets/${ids[1]}/messages`, '--input', '-'], {
      env,
      stdin: JSON.stringify({ body: 'From stdin' }),
    });
    expect(fromStdin.json().message.body).toBe('From stdin');
    expect((await tix(['api', 'tickets', '--input', join(tempDir(), 'missing.json')], { env })).stderr).toMatch(
      /--input: there is no file .*missing\.json/,
    );
  });

  it('--paginate follows nextCursor and prints every item as one JSON array', async () => {
    const r = await tix(['api', '--paginate', 'tickets', '-f', 'limit=1'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(
      r
        .json()
        .map((t: { id: number }) => t.id)
        .sort(),
    ).toEqual([...ids].sort());
    expect((await tix(['api', '--paginate', 'me'], { env })).stderr).toContain('does not answer with a page');
    expect((await tix(['api', '--paginate', '-X', 'POST', 'tickets'], { env })).code).toBe(2);
  });

  it('prints an error answer and exits with its mapped code', async () => {
    const missing = await tix(['api', 'tickets/99999'], { env });
    expect(missing.code).toBe(3);
    expect(missing.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    expect(missing.errorJson()).toMatchObject({ code: 'not_found', exitCode: 3, status: 404 });
    const invalid = await tix(['api', 'tickets', '-f', 'type=question'], { env });
    expect(invalid.code).toBe(2);
    const anonymous = await tix(['api', 'me'], { env: isolatedEnv({ TIX_SERVER: s.url }) });
    expect(anonymous.code).toBe(4);
    expect(anonymous.stderr).toContain('not logged in');
  });

  it('refuses bad flags, and never sends the token to another server (exit 2)', async () => {
    for (const args of [['-f', 'novalue', 'me'], ['-H', 'no-colon', 'me'], ['-X', 'GE T', 'me'], ['https://elsewhere.example/api/v1/me']]) {
      const r = await tix(['api', ...args], { env });
      expect(r.code, args.join(' ')).toBe(2);
    }
    expect(apiPath(`${s.url}/api/v1/tickets?status=open`, s.url)).toBe('/tickets?status=open');
    expect(() => apiPath(`${s.url}/other`, s.url)).toThrow(/not an API URL of the configured server/);
  });
});
