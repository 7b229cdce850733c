import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createFactory } from '../../src/cli/factory.ts';
import { buildProgram } from '../../src/cli/program.ts';
import { createIOStreams } from '../../src/io/iostreams.ts';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll } from 'vitest';
import { API_VERSION } from '../../src/providers/tix/wire.ts';
import { VERSION } from '../../src/version.ts';
import { isolatedEnv, spawnTix, tix } from '../helpers/cli.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

function walk(cmd: Command, path: string[] = []): string[][] {
  return [path, ...cmd.commands.flatMap((c) => walk(c, [...path, c.name()]))];
}

const io = createIOStreams({ stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() }, {});
const paths = walk(buildProgram(createFactory(io, {})));

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

describe('help', () => {
  it.each(paths.map((p) => [p.join(' ') || '(root)', p]))('%s --help has a description and examples', async (_name, path) => {
    const r = await tix([...(path as string[]), '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: tix/);
    expect(r.stdout).toMatch(/\nExamples:\n {2}\$ tix /);
  });

  it('suggests the command you meant (exit 2)', async () => {
    const r = await tix(['establishment', 'lis']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'lis'\n\(Did you mean (one of )?list/);
    expect(r.errorJson()).toMatchObject({ code: 'unknown_command', exitCode: 2 });
  });

  it('suggests the noun you meant, and hides the internal __complete from help', async () => {
    const r = await tix(['tickt', 'list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'tickt'\n\(Did you mean ticket\?\)/);
    const root = await tix(['--help']);
    expect(root.stdout).toMatch(/\n {2}config +Local preferences/);
    expect(root.stdout).toMatch(/\n {2}api \[options\] <path> +Make an authenticated request/);
    expect(root.stdout).toMatch(/\n {2}completion <shell> +Print the shell completion script/);
    expect(root.stdout).not.toContain('__complete');
  });

  it('tix help environment lists every variable tix reads', async () => {
    const r = await tix(['help', 'environment']);
    for (const name of [
      'TIX_SERVER',
      'TIX_TOKEN',
      'TIX_PROFILE',
      'TIX_CONFIG_DIR',
      'TIX_NO_INPUT',
      'TIX_DEBUG',
      'NO_COLOR',
      'CLICOLOR_FORCE',
      'TIX_PAGER',
      'EDITOR',
      'HTTPS_PROXY',
    ]) {
      expect(r.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
  });

  it('tix help COMMAND is the command help', async () => {
    const r = await tix(['help', 'auth', 'login']);
    expect(r.stdout).toMatch(/^Usage: tix auth login/);
    expect((await tix(['help', 'nonsense'])).code).toBe(2);
  });

  it('tix help --json dumps the whole tree for tools, and the request types when a server answers', async () => {
    const r = await tix(['help', '--json']);
    expect(r.code).toBe(0);
    const tree = r.json();
    expect(tree.version).toBe(VERSION);
    expect(tree.requestTypes).toBeNull();
    expect(tree.globalOptions.map((o: { flags: string }) => o.flags)).toEqual([
      '-v, --version',
      '--profile <name>',
      '--no-input',
      '-h, --help',
    ]);
    const paths = tree.commands.map((c: { path: string }) => c.path);
    expect(paths).toEqual(
      expect.arrayContaining(['auth login', 'ticket', 'ticket list', 'ticket view', 'config set', 'api', 'completion', 'help']),
    );
    expect(paths).not.toContain('__complete');
    expect(tree.commands.find((c: { path: string }) => c.path === 'ticket list')).toMatchObject({
      aliases: ['ls'],
      description: expect.stringMatching(/^List tickets/),
      arguments: [],
      options: expect.arrayContaining([
        {
          flags: '--status <status...>',
          description: expect.any(String),
          choices: ['sent', 'answered', 'open', 'resolved', 'closed', 'new', 'waiting'],
        },
        { flags: '--limit <n>', description: 'at most this many tickets', default: '30' },
      ]),
      examples: expect.arrayContaining(['tix ticket list --status open,answered --mine']),
    });
    expect(tree.commands.find((c: { path: string }) => c.path === 'completion').arguments).toEqual([
      { name: 'shell', description: 'bash, zsh, fish', required: true, variadic: false, choices: ['bash', 'zsh', 'fish'] },
    ]);
    for (const c of tree.commands) expect(c.examples.length, c.path).toBeGreaterThan(0);

    const logged = await tix(['help', '--json', 'tickets', 'ls'], {
      env: isolatedEnv({ TIX_SERVER: s.url, TIX_TOKEN: await s.tokenFor('sarah@demo.test') }),
    });
    expect(logged.json().commands.map((c: { path: string }) => c.path)).toEqual(['ticket list']);
    expect(logged.json().requestTypes.types.find((t: { id: string }) => t.id === 'incident').fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'severity' })]),
    );
  });

  it('tix version --server asks the configured server for its version and API version', async () => {
    const env = isolatedEnv({ TIX_SERVER: s.url });
    const r = await tix(['version', '--server'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`tix version ${VERSION}\nserver ${s.url}: tix ${VERSION}, API v${API_VERSION}\n`);
    expect((await tix(['version', '--server', '--json', 'server'], { env })).json()).toEqual({
      server: { name: 'tix', version: VERSION, apiVersion: API_VERSION, url: s.url },
    });
  });

  it('the real binary prints its version and exits 0', async () => {
    const r = await spawnTix(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const v = await spawnTix(['version']);
    expect(v.stdout).toBe(`tix version ${r.stdout}`);
  });
});
