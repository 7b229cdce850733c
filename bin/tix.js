#!/usr/bin/env node
// The launcher: check the Node version, turn on the compile cache, run the bundle, set the exit code.
// Everything else lives in src/ (bundled to dist/ by `npm run build`).
// Built-ins come from process.getBuiltinModule: an ESM `import` of one builds its ESM facade, which reads every
// lazy export (node:fs's streams, node:http's undici…) and costs start-up time that tix's commands do not need.
const [major, minor] = process.versions.node.split('.').map(Number);
if (!((major === 22 && minor >= 22) || (major === 24 && minor >= 15) || major >= 25)) {
  // said before the bundle loads (an older Node may not even parse it), by a module loaded only then
  const { explainUnsupportedNode } = await import('./unsupported-node.js');
  explainUnsupportedNode('tix');
  process.exit(1);
}
// `tix --version` is the call scripts make in a loop to check for tix: answer from package.json (the one place
// the version lives; the bundle reads it too) before loading anything else.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  const { version } = JSON.parse(process.getBuiltinModule('node:fs').readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  await new Promise((written) => process.stdout.write(`${version}\n`, written));
  process.exit(0);
}
const module = process.getBuiltinModule('node:module');
const { isatty } = process.getBuiltinModule('node:tty');

module.enableCompileCache?.();

const bundle = new URL('../dist/cli.js', import.meta.url);
const { main, createIOStreams } = await import(bundle.href).catch((err) => {
  // a checkout has no dist/ until it is built (the npm package carries it)
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes(decodeURIComponent(bundle.pathname))) throw err;
  process.stderr.write('tix: dist/cli.js is missing: this is a checkout of tix; build it first with `npm run build`\n');
  process.exit(1);
});
const controller = new AbortController();
let interrupted = false;
// Ctrl-C: let the command stop cleanly (servers close, watchers return), then exit 130; a second Ctrl-C
// stops at once. SIGTERM is a request to stop: a clean stop exits with the command's own code.
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  controller.abort();
  setTimeout(() => process.exit(130), 3000).unref();
});
process.on('SIGTERM', () => {
  controller.abort();
  setTimeout(() => process.exit(143), 3000).unref();
});
// A reader that stops early (`tix api … | head -1`) closes the pipe: that is the reader's choice, not an
// error worth a stack trace. Stop quietly, as cat does.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
// stdin is made on first use: most commands never read it, and setting it up costs start-up time
const io = createIOStreams(
  { stdin: () => process.stdin, stdout: process.stdout, stderr: process.stderr, tty: { stdin: isatty(0) } },
  process.env,
);
const code = await main(args, io, process.env, { signal: controller.signal });
process.exitCode = interrupted && code === 0 ? 130 : code;
