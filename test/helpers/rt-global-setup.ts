import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { RT_SCRIPT, RT_STATE_DIR } from './rt.ts';

// Request Tracker starts lazily, in the first test file that needs it (test/helpers/rt.ts), leased to this
// process; at the end of the run the lease ends, which stops RT if this run started it and no other run uses it.
export function setup(project: TestProject): void {
  project.provide('rtLeasePid', process.pid);
}

export function teardown(): void {
  if (!existsSync(join(RT_STATE_DIR, 'leases', String(process.pid)))) return;
  execFileSync('bash', [RT_SCRIPT, 'release', String(process.pid)], { stdio: 'inherit', timeout: 120_000 });
}
