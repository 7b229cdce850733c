import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { t } from '../../src/dev/messages.ts';
import { isolatedEnv, repoRoot, spawnProgram } from '../helpers/cli.ts';
import { olderNode, olderNodeWanted } from '../helpers/old-node.ts';
import { skipUnless } from '../helpers/strict.ts';

// `npm run demo` (issue 10): on a Node too old for tix it says which Node is needed and how to get one, in the
// reader's language, instead of Node 20's ERR_UNKNOWN_FILE_EXTENSION stack trace; on a supported Node it tells
// its story in French or English.
const launcher = join(repoRoot, 'src', 'dev', 'demo-launcher.mjs');

describe('npm run demo', () => {
  it('runs the launcher', () => {
    expect(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts.demo).toBe('node src/dev/demo-launcher.mjs');
  });

  const old = olderNode();
  it.skipIf(skipUnless(old !== undefined, olderNodeWanted))(
    "on an unsupported Node, says in words which Node is needed and how to get one, in the reader's language (exit 1)",
    () => {
      const engines = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).engines.node;
      expect(engines).toBe('^22.22.0 || >=24.15.0');
      const version = execFileSync(old!, ['--version'], { encoding: 'utf8' }).trim();
      const run = (env: Record<string, string>) =>
        spawnSync(old!, [launcher], { env: isolatedEnv(env), encoding: 'utf8', cwd: repoRoot, timeout: 30_000 });
      const en = run({ LANG: 'C.UTF-8' });
      expect(en.status).toBe(1);
      expect(en.stdout).toBe('');
      expect(en.stderr).toContain(`npm run demo needs Node.js 22.22+ or 24.15+; this is Node.js ${version}.`);
      expect(en.stderr).toMatch(/nvm install 24/);
      expect(en.stderr).toMatch(/https:\/\/nodejs\.org\//);
      expect(en.stderr).not.toMatch(/ERR_UNKNOWN_FILE_EXTENSION|\n\s+at /);
      for (const env of [{ LANG: 'fr_FR.UTF-8' }, { LANG: 'C.UTF-8', TIX_LANG: 'fr' }] as Array<Record<string, string>>) {
        const fr = run(env);
        expect(fr.status).toBe(1);
        expect(fr.stderr).toContain(`npm run demo a besoin de Node.js 22.22+ ou 24.15+ ; celui-ci est Node.js ${version}.`);
        expect(fr.stderr).toMatch(/Installez un Node\.js pris en charge/);
      }
      // Node 20 itself, without the launcher: the stack trace the launcher stands in front of
      const bare = spawnSync(old!, [join(repoRoot, 'src', 'dev', 'demo.ts')], { env: isolatedEnv(), encoding: 'utf8', timeout: 30_000 });
      expect(bare.status).not.toBe(0);
    },
  );

  it('tells its story in French under LANG=fr_FR.UTF-8, every step ending as expected (exit 0)', async () => {
    // dist/ is built by the test setup: the demo itself, without the launcher's build step
    const r = await spawnProgram([process.execPath, join(repoRoot, 'src', 'dev', 'demo.ts')], {
      env: isolatedEnv({ LANG: 'fr_FR.UTF-8', NO_COLOR: '1' }),
      timeoutMs: 170_000,
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const { fr, en } = t.messages;
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      if (!key.startsWith('section.')) continue;
      expect(r.stdout).toContain(`## ${fr[key]}`);
      expect(r.stdout).not.toContain(`## ${en[key]}`);
    }
    expect(r.stdout).toContain(`${fr.finished} ${fr.allGood}`);
    // what tix printed is in French too (the demo passes its language on)
    expect(r.stdout).toMatch(/\(code de sortie 4, comme prévu\)/);
    expect(r.stdout).toMatch(/^erreur : /m);
  }, 180_000);
});
