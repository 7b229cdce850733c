// bin/tix.js, the launcher every installed tix runs: it answers `--version` from package.json before loading the
// bundle, and on a Node older than the supported ones it says which Node tix needs and how to get one, in the
// reader's language, instead of a stack trace.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolatedEnv, repoRoot, spawnProgram, spawnTix, tixBin } from '../helpers/cli.ts';
import { olderNode, olderNodeWanted } from '../helpers/old-node.ts';
import { skipUnless } from '../helpers/strict.ts';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

describe('tix --version', () => {
  it('answers from package.json, the same version the bundle reports, with -v too', async () => {
    for (const flag of ['--version', '-v']) {
      const r = await spawnTix([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${pkg.version}\n`);
      expect(r.stderr).toBe('');
    }
    expect((await spawnTix(['version'])).stdout).toBe(`tix version ${pkg.version}\n`);
  });

  it('still reaches the command tree when --version comes with other words', async () => {
    const r = await spawnTix(['ticket', '--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${pkg.version}\n`);
  });
});

const old = olderNode();

describe.skipIf(skipUnless(old !== undefined, olderNodeWanted))('on an unsupported Node', () => {
  it('says which Node tix needs and how to get one, in English or French, and exits 1 with nothing on stdout', async () => {
    for (const [env, expected] of [
      [
        { LANG: 'C.UTF-8' },
        /^tix needs Node\.js 22\.22\+ or 24\.15\+; this is Node\.js v\d+\.\d+\.\d+\.\nInstall a supported Node\.js, then run tix again with that Node first on your PATH:\n.*nvm install 24.*\n.*https:\/\/nodejs\.org\/en\/download/,
      ],
      [
        { LANG: 'fr_FR.UTF-8' },
        /^tix a besoin de Node\.js 22\.22\+ ou 24\.15\+ ; celui-ci est Node\.js v\d+\.\d+\.\d+\.\nInstallez un Node\.js pris en charge, puis relancez tix avec ce Node en tête du PATH :\n.*nvm install 24.*\n.*https:\/\/nodejs\.org\/fr\/download/,
      ],
      [{ LANG: 'fr_FR.UTF-8', LC_ALL: 'C' }, /^tix needs Node\.js/],
      [{ LANG: 'C.UTF-8', TIX_LANG: 'fr' }, /^tix a besoin de Node\.js/],
    ] as const) {
      for (const args of [['--version'], ['ticket', 'list']]) {
        const r = await spawnProgram([old!, tixBin, ...args], { env: isolatedEnv(env) });
        expect(r.code, JSON.stringify(env)).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(expected);
        expect(r.stderr).not.toMatch(/at .*\.js:\d+|ERR_/);
      }
    }
  });
});
