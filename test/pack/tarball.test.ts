import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.ts';
import { distProblem } from '../helpers/dist.ts';
import { npmEnv } from './installed.ts';

// What `npm pack` puts in the tarball is what users get: the built bundle and what runs it, the completions,
// the README and the licences; never the sources, the tests or the source maps.
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

async function packedFiles(): Promise<string[]> {
  const problem = distProblem();
  if (problem) throw new Error(problem);
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: repoRoot,
    env: npmEnv(),
    maxBuffer: 16 * 1024 * 1024,
  });
  return (JSON.parse(stdout)[0].files as Array<{ path: string }>).map((f) => f.path).sort();
}

describe('the npm package', () => {
  it('carries dist/, bin/, completions/, README.md and LICENSE, and nothing else', async () => {
    const files = await packedFiles();
    expect(files).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'package.json',
        'bin/tix.js',
        'bin/unsupported-node.js',
        'dist/cli.js',
        'dist/THIRD-PARTY-LICENSES.txt',
        'completions/tix.bash',
        'completions/tix.zsh',
        'completions/tix.fish',
      ]),
    );
    const unexpected = files.filter(
      (f) =>
        !/^(LICENSE|README\.md|package\.json|bin\/(tix|unsupported-node)\.js|completions\/tix\.(bash|zsh|fish)|dist\/(cli\.js|THIRD-PARTY-LICENSES\.txt|chunks\/[\w.-]+\.js(\.LEGAL\.txt)?))$/.test(
          f,
        ),
    );
    expect(unexpected, 'files that have no business in the package (sources, tests, source maps…)').toEqual([]);
    // every module of the bundle is there: a chunk left out would fail only when its command runs
    const built = readdirSync(join(repoRoot, 'dist'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.js'))
      .map((e) => relative(repoRoot, join(e.parentPath, e.name)));
    expect(files).toEqual(expect.arrayContaining(built));
  });

  it('runs no script when installed, and says MIT with the licence text', () => {
    // npm runs these on install (prepare: on installs from git and folders); tix ships built
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[script], script).toBeUndefined();
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(repoRoot, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n[\s\S]*Permission is hereby granted, free of charge/);
  });
});
