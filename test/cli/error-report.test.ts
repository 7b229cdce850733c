import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv, tix } from '../helpers/cli.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// What an error leaves in a CI log (issue 10: "off a terminal every error is printed twice; decide and document
// what CI logs get"). The choice, documented in the README's exit codes: off a terminal, stderr gets the lines for
// people (error:, hint:, in their language) and then exactly one JSON line for tools, always the last line and
// always English; on a terminal, the lines for people only. stdout holds nothing on an error.
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const env = async (extra: Record<string, string> = {}) =>
  isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: await s.tokenFor('sarah@demo.test'), ...extra });

describe('an error in a CI log', () => {
  it('off a terminal: the readable lines, then one JSON line, last; nothing on stdout', async () => {
    const r = await tix(['ticket', 'view', '999999'], { env: await env() });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('error: no ticket #999999');
    expect(lines.filter((l) => l.startsWith('{'))).toHaveLength(1);
    expect(JSON.parse(lines.at(-1)!)).toEqual({
      error: expect.objectContaining({ code: 'not_found', exitCode: 3 }),
    });
  });

  it('a missing-fields error: every field in words, with its hint, and the same fields in the JSON line', async () => {
    const r = await tix(['ticket', 'create', '--type', 'question'], { env: await env() });
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('error: cannot file the request:');
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}summary: /));
    expect(lines.at(-2)).toMatch(/^hint: /);
    const json = JSON.parse(lines.at(-1)!).error;
    expect(json).toMatchObject({ code: 'invalid_fields', exitCode: 2 });
    expect(json.fields.map((f: { field: string }) => f.field)).toContain('summary');
  });

  it('in French the lines for people are French, and the JSON line is the same English line', async () => {
    const fr = await tix(['ticket', 'view', '999999'], { env: await env({ LANG: 'fr_FR.UTF-8' }) });
    const en = await tix(['ticket', 'view', '999999'], { env: await env() });
    expect(fr.stderr.split('\n')[0]).toMatch(/^erreur : /);
    expect(fr.stderr.trimEnd().split('\n').at(-1)).toBe(en.stderr.trimEnd().split('\n').at(-1));
  });

  it('a usage error from the command line gets its JSON line too', async () => {
    const r = await tix(['ticket', 'list', '--no-such-flag'], { env: await env() });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stderr.trimEnd().split('\n').at(-1)!).error).toMatchObject({ code: 'unknown_option', exitCode: 2 });
  });

  it('on a terminal: the lines for people only', async () => {
    const r = await tix(['ticket', 'view', '999999'], { env: await env({ NO_COLOR: '1' }), tty: true });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('error: no ticket #999999\n');
  });
});
