import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * A Node older than tix supports, for the tests of what a newcomer with such a Node sees (the launcher, the demo):
 * TIX_TEST_OLD_NODE (.ci/run fetches Node 20 when the machine has none), else the system's own Node (Debian's 20).
 */
export function olderNode(): string | undefined {
  for (const candidate of [process.env.TIX_TEST_OLD_NODE, '/usr/bin/node', '/usr/local/bin/node']) {
    if (!candidate || !existsSync(candidate)) continue;
    const version = execFileSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
    const [major, minor] = version.split('.').map(Number) as [number, number];
    if (major < 22 || (major === 22 && minor < 22) || (major > 22 && major < 24) || (major === 24 && minor < 15)) return candidate;
  }
  return undefined;
}

export const olderNodeWanted = 'a Node older than 22.22 (TIX_TEST_OLD_NODE or the system /usr/bin/node)';
