// Bundles the CLI (and, as lazily loaded chunks, the server and the heavy libraries) into dist/.
// Code splitting keeps `tix --version` from parsing what `tix serve` needs.
// `node src/dev/build.ts` builds dist/; tests import bundle() to build fixtures the same way.
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

// An ES import of a Node built-in builds its whole namespace object, which runs every lazy getter: importing
// node:fs loads fs/promises and readline, node:http loads Node's internal undici (http.WebSocket), node:crypto
// loads WebCrypto. Served as CommonJS through require(), the same imports stay lazy (esbuild's interop reads a
// property only when it is used). This plugin does that for every static import of a built-in, so the source
// keeps plain imports: named, namespace and default imports all read through esbuild's interop object.
//
// Dynamic imports are left alone, on purpose: with code splitting, esbuild turns every dynamic import target
// into a chunk of its own, and a CommonJS chunk exports nothing but `default`, so
// `const { createHash } = await import('node:crypto')` got undefined (`e is not a function` in
// `tix ticket download`). Kept external, `await import('node:…')` is Node's own, with every name; it is
// on a command's path, not start-up's. (A built-in whose namespace is heavy, node:http or node:https, is
// better taken with process.getBuiltinModule(), as src/api/http.ts does.) bundleProblems() below refuses a
// bundle where this could come back.
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
export const lazyBuiltins: Plugin = {
  name: 'lazy-node-builtins',
  setup(b) {
    b.onResolve({ filter: /^[a-z_:/]+$/ }, (args) =>
      // one wrapper per importing file: shared wrappers would each become a tiny chunk of their own, and every
      // chunk is one more module for Node's loader to resolve and link at start-up
      builtins.has(args.path) && (args.kind === 'import-statement' || args.kind === 'require-call')
        ? { path: `${args.path}#${args.importer}`, namespace: 'lazy-builtin' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => {
      const [id, importer] = args.path.split('#') as [string, string];
      // commander takes node:child_process (for executable subcommands, which tix has none of) as it loads: that
      // costs every command ~7 ms. It reads it as `childProcess.spawn(…)` when run, so it gets a stand-in that
      // loads the module on first use.
      if (id === 'node:child_process' && /node_modules[\\/]commander[\\/]/.test(importer))
        return {
          contents: `module.exports = new Proxy({}, { get: (_, name) => process.getBuiltinModule(${JSON.stringify(id)})[name] });`,
          loader: 'js',
        };
      return { contents: `module.exports = process.getBuiltinModule(${JSON.stringify(id)});`, loader: 'js' };
    });
  },
};

/** The build of dist/, for any entry points and output directory (tests build fixtures with it). */
export function bundleOptions(entryPoints: Record<string, string>, outdir: string, absWorkingDir = root): BuildOptions {
  return {
    absWorkingDir,
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    minify: true,
    sourcemap: 'linked',
    chunkNames: 'chunks/[name]-[hash]',
    // the keychain is a native addon: it stays a real package in node_modules
    external: ['@napi-rs/keyring'],
    // A bundled CommonJS library that requires something at run time (an optional package, a native addon) gets
    // a require() relative to its chunk, made on first use: creating one in each of the ~30 chunks a command
    // loads cost start-up time, and built-ins never need it (the plugin above serves them).
    banner: { js: "const require = (id) => process.getBuiltinModule('node:module').createRequire(import.meta.url)(id);" },
    legalComments: 'linked',
    metafile: true,
    plugins: [lazyBuiltins],
    logLevel: 'warning',
  };
}

/**
 * What the bundle must never contain, whatever the source does next: a dynamic import whose target became a
 * CommonJS chunk and is read for a name other than `default`. Such a chunk exports only `default` (esbuild
 * cannot know a CommonJS module's names), so the name is undefined at run time, in the bundle only: the
 * source run by Node or by the tests would work. Returns one message per offending import.
 */
export function bundleProblems(metafile: Metafile, absWorkingDir = root): string[] {
  const problems: string[] = [];
  for (const [output, o] of Object.entries(metafile.outputs)) {
    if (o.entryPoint?.startsWith('lazy-builtin:'))
      problems.push(`${output}: a chunk of its own for the built-in ${o.entryPoint.slice(13).split('#')[0]} (only a default export)`);
  }
  for (const [importer, input] of Object.entries(metafile.inputs)) {
    const specs = new Set<string>();
    for (const imp of input.imports)
      if (imp.kind === 'dynamic-import' && !imp.external && metafile.inputs[imp.path]?.format === 'cjs')
        specs.add(imp.original ?? imp.path);
    for (const spec of specs) {
      const source = readFileSync(join(absWorkingDir, importer), 'utf8');
      // the only safe shapes: `const { default: X } = await import(spec)` and `(await import(spec)).default`
      const quoted = `\\(\\s*['"]${spec.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}['"]\\s*\\)`;
      const all = source.match(new RegExp(`import${quoted}`, 'g'))?.length ?? 0;
      const safe =
        (source.match(new RegExp(`\\{\\s*default\\s*:\\s*\\w+\\s*\\}\\s*=\\s*await\\s+import${quoted}`, 'g'))?.length ?? 0) +
        (source.match(new RegExp(`\\(\\s*await\\s+import${quoted}\\s*\\)\\.default\\b`, 'g'))?.length ?? 0);
      // an import this cannot find written literally cannot be vouched for either
      if (all === 0 || safe < all)
        problems.push(
          `${importer}: import('${spec}') loads a CommonJS module, which the split bundle exposes only as its default export: ` +
            `write \`const { default: X } = await import('${spec}')\` and read names from X`,
        );
    }
  }
  return problems;
}

/**
 * The licences of the packages bundled into dist/, one after the other: their notices must travel with their
 * code, and once bundled no node_modules folder carries them.
 */
export function thirdPartyLicenses(metafile: Metafile, absWorkingDir = root): string {
  const dirs = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    // the last node_modules folder in the path is the package's (skipping this build's virtual modules)
    const m = /^([^:]*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) dirs.add(m[1]!);
  }
  const sections = new Map<string, string>();
  for (const dir of dirs) {
    const path = join(absWorkingDir, dir);
    const pkg = JSON.parse(readFileSync(`${path}/package.json`, 'utf8'));
    const file = readdirSync(path).find((f) => /^licen[cs]e/i.test(f));
    const text = file
      ? readFileSync(`${path}/${file}`, 'utf8').trim()
      : `(no licence file in the package; its package.json says ${pkg.license})`;
    sections.set(`${pkg.name}@${pkg.version}`, `${pkg.name}@${pkg.version} (${pkg.license})\n\n${text}`);
  }
  const sorted = [...sections.keys()].sort().map((k) => sections.get(k)!);
  return `tix bundles these packages into dist/. Their licences follow.\n\n${sorted.join(`\n\n${'-'.repeat(78)}\n\n`)}\n`;
}

/** Builds dist/ and refuses a bundle with bundleProblems(). */
export async function buildDist(): Promise<void> {
  const started = performance.now();
  rmSync(`${root}dist`, { recursive: true, force: true });
  const result = await build(bundleOptions({ cli: 'src/cli/main.ts' }, 'dist'));
  const problems = bundleProblems(result.metafile!);
  if (problems.length > 0) {
    rmSync(`${root}dist`, { recursive: true, force: true });
    throw new Error(`the bundle would break at run time:\n  ${problems.join('\n  ')}`);
  }
  writeFileSync(`${root}dist/THIRD-PARTY-LICENSES.txt`, thirdPartyLicenses(result.metafile!));
  const bytes = Object.entries(result.metafile!.outputs)
    .filter(([f]) => f.endsWith('.js'))
    .reduce((n, [, o]) => n + o.bytes, 0);
  console.error(`built dist/ in ${Math.round(performance.now() - started)} ms (${Math.round(bytes / 1024)} KiB of JavaScript)`);
}

if (import.meta.main) await buildDist();
