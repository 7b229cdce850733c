import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../../src/io/iostreams.ts';
import { demoEstablishments as est } from '../../src/server/demo.ts';
import { isolatedEnv, tix } from '../helpers/cli.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
let ticketId: number;
beforeAll(async () => {
  s = await startTestServer();
  const token = await s.tokenFor('yann@demo.test');
  ticketId = (
    await s.api('POST', '/tickets', {
      token,
      body: { type: 'question', establishment: est.paris.siret, fields: { summary: 'Where is the export?', description: 'details' } },
    })
  ).body.id;
});
afterAll(() => s.close());

const configFile = (env: Env) => join(env.TIX_CONFIG_DIR!, 'config.json');
const stored = (env: Env) => JSON.parse(readFileSync(configFile(env), 'utf8'));
function writeConfig(env: Env, text: string): void {
  mkdirSync(env.TIX_CONFIG_DIR!, { recursive: true });
  writeFileSync(configFile(env), text);
}

describe('tix config', () => {
  it('lists every key, with the defaults when nothing is set (TSV when piped, JSON with --json)', async () => {
    const env = isolatedEnv();
    const r = await tix(['config', 'list'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('profile\tdefault\neditor\t\npager\t\ncolor\tauto\noutput\tauto\nlang\t\n');
    expect((await tix(['config', 'list', '--json'], { env })).json()).toEqual({
      profile: 'default',
      editor: null,
      pager: null,
      color: 'auto',
      output: 'auto',
      lang: null,
    });
    expect((await tix(['config', 'list', '--json', 'color'], { env })).json()).toEqual({ color: 'auto' });
    const table = await tix(['config', 'list'], { env, tty: true });
    expect(table.stdout.replace(/\u001b\[\d+m/g, '')).toMatch(/^KEY +VALUE +MEANING *\nprofile +default +the profile used/);
  });

  it('sets, gets and unsets preferences in config.json, keeping the profiles', async () => {
    const env = isolatedEnv();
    writeConfig(
      env,
      JSON.stringify({ profiles: { work: { server: 'https://support.example.com', email: 'me@example.com', tokenStorage: 'keychain' } } }),
    );
    for (const [key, value] of [
      ['editor', 'code --wait'],
      ['pager', 'less -R'],
      ['color', 'never'],
      ['output', 'json'],
      ['profile', 'work'],
    ]) {
      const r = await tix(['config', 'set', key!, value!], { env });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe(`✓ Set ${key} to ${value}\n`);
    }
    expect(stored(env)).toEqual({
      profiles: { work: { server: 'https://support.example.com', email: 'me@example.com', tokenStorage: 'keychain' } },
      editor: 'code --wait',
      pager: 'less -R',
      color: 'never',
      output: 'json',
      defaultProfile: 'work',
    });
    expect((await tix(['config', 'get', 'editor'], { env })).stdout).toBe('code --wait\n');
    expect((await tix(['config', 'get', 'profile'], { env })).stdout).toBe('work\n');
    const unset = await tix(['config', 'unset', 'color'], { env });
    expect(unset.stderr).toBe('✓ Unset color (now auto, the default)\n');
    expect(stored(env).color).toBeUndefined();
    expect((await tix(['config', 'get', 'color'], { env })).stdout).toBe('auto\n');
    await tix(['config', 'unset', 'pager'], { env });
    const pager = await tix(['config', 'get', 'pager'], { env });
    expect({ code: pager.code, stdout: pager.stdout }).toEqual({ code: 0, stdout: '' });
  });

  it('refuses an unknown key or a bad value, naming the valid ones (exit 2)', async () => {
    const env = isolatedEnv();
    const key = await tix(['config', 'set', 'colour', 'never'], { env });
    expect(key.code).toBe(2);
    expect(key.stderr).toContain('unknown config key "colour"; keys: profile, editor, pager, color, output');
    expect((await tix(['config', 'get', 'nope'], { env })).code).toBe(2);
    expect((await tix(['config', 'unset', 'nope'], { env })).code).toBe(2);
    const value = await tix(['config', 'set', 'color', 'sometimes'], { env });
    expect(value.code).toBe(2);
    expect(value.errorJson()).toMatchObject({
      code: 'invalid_value',
      message: 'color: "sometimes" is not a valid value; one of auto, always, never',
      fields: [{ field: 'color' }],
    });
    expect((await tix(['config', 'set', 'output', 'yaml'], { env })).stderr).toContain('one of auto, json');
    expect((await tix(['config', 'set', 'editor', ' '], { env })).code).toBe(2);
    const profiles = await tix(['config', 'set', 'profiles', '{}'], { env });
    expect(profiles.code).toBe(2);
    expect(profiles.stderr).toContain('tix auth login and tix auth logout manage them');
  });

  it('warns when the default profile does not exist yet', async () => {
    const r = await tix(['config', 'set', 'profile', 'staging']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('there is no profile "staging" yet; log in to create it: tix --profile staging auth login');
  });

  it.each([
    ['invalid JSON', '{"color": "never",', /is not valid JSON/],
    [
      'a value the schema refuses',
      '{"color": "blue", "profiles": {"work": {"server": "ftp://x"}}}',
      /has invalid settings:\n {2}color: must be one of auto, always, never \(found "blue"\)\n {2}profiles\.work\.server: must match/,
    ],
  ])('a hand-broken config file (%s) is named with the way out, never a stack trace (exit 2)', async (_what, text, message) => {
    const env = isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: await s.tokenFor('yann@demo.test') });
    writeConfig(env, text);
    for (const args of [
      ['config', 'list'],
      ['config', 'get', 'color'],
      ['config', 'set', 'color', 'auto'],
      ['ticket', 'list'],
    ]) {
      const r = await tix(args, { env });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain(`the config file ${configFile(env)}`);
      expect(r.stderr).toContain(`hint: fix it by hand, or move it away and log in again: mv ${configFile(env)} ${configFile(env)}.broken`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.errorJson()).toMatchObject({ code: 'bad_config', exitCode: 2, file: configFile(env) });
    }
    // commands that do not need the file still work
    expect((await tix(['version'], { env })).code).toBe(0);
    expect((await tix(['help', 'exit-codes'], { env })).code).toBe(0);
  });
});

describe('preferences take effect', () => {
  const as = async (config: object, extra: Env = {}) => {
    const env = isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: await s.tokenFor('yann@demo.test'), ...extra });
    writeConfig(env, JSON.stringify(config));
    return env;
  };

  it('output json: every command that takes --json prints JSON, and --json FIELDS still chooses', async () => {
    const env = await as({ output: 'json' });
    const list = await tix(['ticket', 'list'], { env });
    expect(list.json()).toEqual([expect.objectContaining({ summary: 'Where is the export?', status: 'sent' })]);
    expect((await tix(['ticket', 'list', '--json', 'id,status'], { env })).json()).toEqual([{ id: expect.any(Number), status: 'sent' }]);
    expect((await tix(['auth', 'status'], { env })).json()).toMatchObject({ server: s.url });
    // help stays for people
    expect((await tix(['help', 'exit-codes'], { env })).stdout).toMatch(/^Exit codes/);
  });

  it('color always colours piped output, never turns it off on a terminal; NO_COLOR still wins', async () => {
    const coloured = /\u001b\[/;
    const always = await tix(['ticket', 'view', String(ticketId)], { env: await as({ color: 'always' }), tty: false });
    expect(always.stdout).toMatch(coloured);
    expect((await tix(['ticket', 'view', '999'], { env: await as({ color: 'always' }) })).stderr).toMatch(/^\u001b\[31merror:/);
    expect((await tix(['ticket', 'view', String(ticketId)], { env: await as({ color: 'always' }, { NO_COLOR: '1' }) })).stdout).not.toMatch(
      coloured,
    );
    expect((await tix(['ticket', 'list'], { env: await as({ color: 'auto' }), tty: true })).stdout).toMatch(coloured);
    expect((await tix(['ticket', 'list'], { env: await as({ color: 'never' }), tty: true })).stdout).not.toMatch(coloured);
  });

  it('profile: the default profile when neither --profile nor TIX_PROFILE is given', async () => {
    const env = isolatedEnv();
    writeConfig(env, JSON.stringify({ defaultProfile: 'work', profiles: { work: { server: 'http://127.0.0.1:1' } } }));
    const r = await tix(['auth', 'status'], { env });
    expect(r.stderr).toContain('not logged in to http://127.0.0.1:1 (profile work)');
  });
});
