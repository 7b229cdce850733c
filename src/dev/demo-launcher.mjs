// `npm run demo` starts here, in plain JavaScript that any Node can parse: on a Node too old for tix (Node 20
// cannot load .ts files and stops with ERR_UNKNOWN_FILE_EXTENSION), it says in words which Node is needed and
// how to get one, in the reader's language, and exits 1. On a supported Node it builds dist/ and runs the demo
// (src/dev/build.ts, then src/dev/demo.ts), passing their exit codes on.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { explainUnsupportedNode, supportedNode } from '../../bin/unsupported-node.js';

if (!supportedNode()) {
  explainUnsupportedNode('demo');
  process.exitCode = 1;
} else {
  for (const script of ['build.ts', 'demo.ts']) {
    const r = spawnSync(process.execPath, [fileURLToPath(new URL(script, import.meta.url))], { stdio: 'inherit' });
    if (r.status !== 0) {
      process.exitCode = r.status ?? 1;
      break;
    }
  }
}
