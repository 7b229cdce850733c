// Bundles the CLI (and, as lazily loaded chunks, the server and the heavy libraries) into dist/.
// Code splitting keeps `tix --version` from parsing what `tix serve` needs.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
rmSync(`${root}dist`, { recursive: true, force: true });
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
  logLevel: 'warning',
});
const bytes = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.js')).reduce((n, [, o]) => n + o.bytes, 0);
console.error(`built dist/ in ${Math.round(performance.now() - started)} ms (${Math.round(bytes / 1024)} KiB of JavaScript)`);
