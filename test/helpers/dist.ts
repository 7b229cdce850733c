import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// The CLI tests run the built bundle (dist/), the code users install, not src/. `npm test` builds it first, and
// the test setup rebuilds it when it is missing or older than the sources; a test that still finds it so (a
// source edited during a run, a watch session) stops with this message instead of testing yesterday's code.
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const distEntry = join(repoRoot, 'dist', 'cli.js');

/** Why dist/ cannot be trusted to be the current sources, or undefined when it can. */
export function distProblem(root = repoRoot): string | undefined {
  const entry = join(root, 'dist', 'cli.js');
  if (!existsSync(entry)) return 'dist/cli.js is missing: the CLI tests run the built bundle. Run `npm run build` (npm test builds first).';
  const built = statSync(entry).mtimeMs;
  const newer = newestSource(root);
  if (newer && newer.mtimeMs > built)
    return `dist/ is stale: ${newer.path} changed after the last build. Run \`npm run build\` (npm test builds first).`;
  return undefined;
}

/** The most recently changed file the bundle is built from: the sources and the installed dependencies. */
function newestSource(root: string): { path: string; mtimeMs: number } | undefined {
  let newest: { path: string; mtimeMs: number } | undefined;
  const consider = (path: string) => {
    const mtimeMs = statSync(join(root, path)).mtimeMs;
    if (!newest || mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
  };
  for (const entry of readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true }))
    if (entry.isFile()) consider(relative(root, join(entry.parentPath, entry.name)));
  for (const path of ['package.json', 'node_modules/.package-lock.json']) if (existsSync(join(root, path))) consider(path);
  return newest;
}
