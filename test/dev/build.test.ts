import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleOptions, bundleProblems } from '../../src/dev/build.ts';
import { repoRoot, spawnProgram, tempDir } from '../helpers/cli.ts';
import { distProblem } from '../helpers/dist.ts';

// The build's own guarantees, on fixtures built exactly as dist/ is (bundleOptions): every way the source may
// take a Node built-in behaves in the bundle as it does under Node, start-up stays lazy, and a bundle that
// would lose an import's names is refused. (`tix ticket download` once crashed with `e is not a function`:
// `const { createHash } = await import('node:crypto')` had become a chunk exporting only `default`.)
const fixtures = join(repoRoot, 'test', 'dev', 'fixtures');

async function bundleFixture(name: string, plugins?: Plugin[]) {
  const outdir = tempDir('tix-build-');
  const options = bundleOptions({ [name]: join(fixtures, `${name}.ts`) }, outdir);
  const result = await build({ ...options, ...(plugins ? { plugins } : {}), logLevel: 'silent' });
  return { entry: join(outdir, `${name}.js`), metafile: result.metafile! };
}

function run(file: string): any {
  return JSON.parse(execFileSync(process.execPath, [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
}

describe('the bundle and Node built-ins', () => {
  it('every import form of a built-in works in the bundle as it does under Node, and static imports stay lazy', async () => {
    const underNode = run(join(fixtures, 'builtin-imports.ts'));
    const { entry, metafile } = await bundleFixture('builtin-imports');
    expect(bundleProblems(metafile)).toEqual([]);
    const bundled = run(entry);
    expect(bundled.results).toEqual(underNode.results);
    expect(Object.keys(bundled.results)).toHaveLength(11);
    for (const value of Object.values(bundled.results).flat()) expect(value).not.toBe('undefined');
    // the reason the build serves static imports of built-ins through require(): see src/dev/build.ts
    expect(bundled.undiciLoaded, 'a static import of node:http in the bundle loaded undici').toBe(false);
  });

  it('refuses a bundle where a dynamic import of a built-in lost its names (the way it used to be built)', async () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    // the plugin as it was: dynamic imports of built-ins served as CommonJS too
    const oldPlugin: Plugin = {
      name: 'lazy-node-builtins-before',
      setup(b) {
        b.onResolve({ filter: /^[a-z_:/]+$/ }, (args) =>
          builtins.has(args.path) && (args.kind === 'import-statement' || args.kind === 'dynamic-import')
            ? { path: `${args.path}#${args.importer}`, namespace: 'lazy-builtin' }
            : undefined,
        );
        b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
          contents: `module.exports = require(${JSON.stringify(args.path.split('#')[0])});`,
          loader: 'js',
        }));
      },
    };
    const { entry, metafile } = await bundleFixture('builtin-imports', [oldPlugin]);
    const problems = bundleProblems(metafile);
    expect(problems.join('\n')).toMatch(/built-in node:crypto/);
    expect(problems.join('\n')).toMatch(/built-in node:fs\/promises/);
    // and it is the crash the check is there for
    expect(() => run(entry)).toThrow(/is not a function/);
  });

  it('refuses a dynamic import of a CommonJS module read for a name other than default', async () => {
    const { entry, metafile } = await bundleFixture('dynamic-cjs');
    const problems = bundleProblems(metafile);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/dynamic-cjs\.ts: import\('\.\/answer\.cjs'\) loads a CommonJS module.*const \{ default: X \}/);
    // what it prevents: under Node the name is there, in the bundle it is not
    expect(run(join(fixtures, 'dynamic-cjs.ts'))).toEqual({ answer: 42, whole: { answer: 42 } });
    expect(run(entry)).toEqual({ whole: { answer: 42 } });
  });
});

describe('dist/ freshness (the CLI tests run the bundle)', () => {
  it('names a missing or stale dist/ and the command that fixes it', () => {
    const root = tempDir('tix-fresh-');
    mkdirSync(join(root, 'src', 'cli'), { recursive: true });
    writeFileSync(join(root, 'src', 'cli', 'main.ts'), '');
    expect(distProblem(root)).toMatch(/^dist\/cli\.js is missing: .*Run `npm run build`/);
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'dist', 'cli.js'), '');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'src', 'cli', 'main.ts'), later, later);
    expect(distProblem(root)).toMatch(/^dist\/ is stale: src\/cli\/main\.ts changed after the last build\. Run `npm run build`/);
    utimesSync(join(root, 'dist', 'cli.js'), later, new Date(later.getTime() + 1000));
    expect(distProblem(root)).toBeUndefined();
  });

  it('bin/tix.js in a checkout that was never built says to build it', async () => {
    const root = tempDir('tix-unbuilt-');
    mkdirSync(join(root, 'bin'));
    copyFileSync(join(repoRoot, 'bin', 'tix.js'), join(root, 'bin', 'tix.js'));
    copyFileSync(join(repoRoot, 'package.json'), join(root, 'package.json'));
    const r = await spawnProgram([process.execPath, join(root, 'bin', 'tix.js'), 'ticket', 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('tix: dist/cli.js is missing: this is a checkout of tix; build it first with `npm run build`\n');
    // the version needs no bundle: it comes from package.json
    expect((await spawnProgram([process.execPath, join(root, 'bin', 'tix.js'), '--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('what tix serve loads', () => {
  it('on SQLite, never the PostgreSQL driver: pg is reached only through the dynamic import of the PostgreSQL store', async () => {
    const outdir = tempDir('tix-build-');
    const result = await build({ ...bundleOptions({ cli: join(repoRoot, 'src', 'cli', 'main.ts') }, outdir), logLevel: 'silent' });
    const metafile = result.metafile!;
    const outputs = Object.entries(metafile.outputs).filter(([file]) => file.endsWith('.js'));
    const holding = (input: string) =>
      outputs.filter(([, o]) => Object.keys(o.inputs).some((i) => i.includes(input))).map(([file]) => file);
    /** the chunks a chunk loads as soon as it is loaded itself (static imports, transitively) */
    const staticClosure = (start: string) => {
      const seen = new Set([start]);
      for (const file of seen)
        for (const imported of metafile.outputs[file]!.imports)
          if (imported.kind === 'import-statement' && !imported.external) seen.add(imported.path);
      return seen;
    };
    const [serveChunk] = holding('src/server/serve.ts');
    const pgChunks = holding('node_modules/pg/');
    expect(serveChunk).toBeDefined();
    expect(pgChunks.length).toBeGreaterThan(0);
    const loadedWithServe = staticClosure(serveChunk!);
    expect(pgChunks.filter((c) => loadedWithServe.has(c))).toEqual([]);
    // and the CLI's own start-up loads neither the server nor the driver
    const loadedAtStart = staticClosure(holding('src/cli/main.ts')[0]!);
    expect([serveChunk!, ...pgChunks].filter((c) => loadedAtStart.has(c))).toEqual([]);
  });
});
