import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { Env } from '../../src/io/iostreams.ts';
import { repoRoot } from '../helpers/cli.ts';
import { distProblem } from '../helpers/dist.ts';

const run = promisify(execFile);

// The pack tier installs tix the way a user does: `npm pack`, then `npm install -g` of the tarball into an
// empty prefix. npm runs with the developer's own settings (cache, registry) but none of the npm_* variables
// of an enclosing `npm test`, which would change what a nested npm does.
export function npmEnv(extra: Env = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) || /^npm_config_(cache|registry|userconfig|nodedir)$/i.test(k)),
  );
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...extra };
}

/** `npm pack` of the working tree into `dir`, without building (the tarball carries the dist/ under test). */
export async function pack(dir: string): Promise<{ tarball: string; files: string[] }> {
  const problem = distProblem();
  if (problem) throw new Error(problem);
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
    cwd: repoRoot,
    env: npmEnv(),
    maxBuffer: 16 * 1024 * 1024,
  });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  return { tarball: join(dir, packed!.filename), files: packed!.files.map((f) => f.path) };
}

export interface Installation {
  /** the installed `tix` (a link to the package's bin/tix.js, run through its shebang) */
  bin: string;
  /** the installed package's folder */
  packageDir: string;
  /** what npm printed while installing */
  log: string;
  /** PATH with the installation's bin folder and this Node first */
  path: string;
}

/** `npm install -g --prefix PREFIX TARBALL`, offline when the npm cache has what it needs (after `npm ci`). */
export async function installGlobally(tarball: string, prefix: string): Promise<Installation> {
  const { stdout, stderr } = await run(
    'npm',
    ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'warn', tarball],
    // from outside the project, as a user would: the project's .npmrc is not theirs
    { cwd: dirname(tarball), env: npmEnv(), timeout: 180_000 },
  );
  const bin = join(prefix, 'bin', 'tix');
  return {
    bin,
    packageDir: dirname(dirname(realpathSync(bin))),
    log: stdout + stderr,
    path: [join(prefix, 'bin'), dirname(process.execPath), process.env.PATH].join(delimiter),
  };
}
