// Bundles the CLI (and, as lazily loaded chunks, the server and the heavy libraries) into dist/.
// Code splitting keeps `tix --version` from parsing what `tix serve` needs.
import { build, type Plugin } from 'esbuild';
import { rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
rmSync(`${root}dist`, { recursive: true, force: true });
// An ES import of a Node built-in builds its whole namespace object, which runs every lazy getter: importing
// node:fs loads fs/promises and readline, node:http loads Node's internal undici (http.WebSocket), node:crypto
// loads WebCrypto. Served as CommonJS through require(), the same imports stay lazy (esbuild's interop reads a
// property only when it is used). This plugin does that for every built-in, so the source keeps plain imports.
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const lazyBuiltins: Plugin = {
  name: 'lazy-node-builtins',
  setup(b) {
    b.onResolve({ filter: /^[a-z_:/]+$/ }, (args) =>
      // one wrapper per importing file: shared wrappers would each become a tiny chunk of their own, and every
      // chunk is one more module for Node's loader to resolve and link at start-up
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

const started = performance.now();
const result = await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
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
  // bundled CommonJS libraries call require(); give them one in each ESM chunk
  banner: { js: "import { createRequire as __tixRequire } from 'node:module'; const require = __tixRequire(import.meta.url);" },
  legalComments: 'linked',
  metafile: true,
  plugins: [lazyBuiltins],
  logLevel: 'warning',
});
const bytes = Object.entries(result.metafile.outputs)
  .filter(([f]) => f.endsWith('.js'))
  .reduce((n, [, o]) => n + o.bytes, 0);
console.error(`built dist/ in ${Math.round(performance.now() - started)} ms (${Math.round(bytes / 1024)} KiB of JavaScript)`);
