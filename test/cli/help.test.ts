import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createFactory } from '../../src/cli/factory.ts';
import { buildProgram } from '../../src/cli/program.ts';
import { createIOStreams } from '../../src/io/iostreams.ts';
import { PassThrough } from 'node:stream';
import { spawnTix, tix } from '../helpers/cli.ts';

function walk(cmd: Command, path: string[] = []): string[][] {
  return [path, ...cmd.commands.flatMap((c) => walk(c, [...path, c.name()]))];
}

const io = createIOStreams({ stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() }, {});
const paths = walk(buildProgram(createFactory(io, {})));

describe('help', () => {
  it.each(paths.map((p) => [p.join(' ') || '(root)', p]))('%s --help has a description and examples', async (_name, path) => {
    const r = await tix([...(path as string[]), '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: tix/);
    expect(r.stdout).toMatch(/\nExamples:\n  \$ tix /);
  });

  it('suggests the command you meant (exit 2)', async () => {
    const r = await tix(['establishment', 'lis']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'lis'\n\(Did you mean (one of )?list/);
    expect(r.errorJson()).toMatchObject({ code: 'unknown_command', exitCode: 2 });
  });

  it('tix help environment lists every variable tix reads', async () => {
    const r = await tix(['help', 'environment']);
    for (const name of ['TIX_SERVER', 'TIX_TOKEN', 'TIX_PROFILE', 'TIX_CONFIG_DIR', 'TIX_NO_INPUT', 'TIX_DEBUG', 'NO_COLOR', 'CLICOLOR_FORCE', 'TIX_PAGER', 'EDITOR', 'HTTPS_PROXY']) {
      expect(r.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
  });

  it('tix help COMMAND is the command help', async () => {
    const r = await tix(['help', 'auth', 'login']);
    expect(r.stdout).toMatch(/^Usage: tix auth login/);
    expect((await tix(['help', 'nonsense'])).code).toBe(2);
  });

  it('the real binary prints its version and exits 0', async () => {
    const r = await spawnTix(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const v = await spawnTix(['version']);
    expect(v.stdout).toBe(`tix version ${r.stdout}`);
  });
});
