import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { distProblem } from './dist.ts';
import { startKeyring, type Keyring } from './keyring.ts';

// Before any test file: make sure dist/ is the current sources (the CLI tests run the bundle; `npm test` has
// just built it, a lone `vitest run FILE` may not have) and start a private D-Bus session with GNOME Keyring
// for the keychain tests. TIX_TEST_STRICT=1 (CI) turns a missing keyring into a failure instead of a skip.
let keyring: Keyring | undefined;
let runTemp: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  const problem = distProblem();
  if (problem) {
    process.stderr.write(`${problem.split(':')[0]}: building it\n`);
    execFileSync(process.execPath, ['src/dev/build.ts'], { stdio: 'inherit' });
  }
  try {
    keyring = await startKeyring();
    project.provide('dbusAddress', keyring.address);
  } catch (err) {
    if (process.env.TIX_TEST_STRICT === '1') throw new Error(`TIX_TEST_STRICT=1 but the keyring cannot start: ${(err as Error).message}`);
    process.stderr.write(`! keychain tests will be skipped: ${(err as Error).message}\n`);
    project.provide('dbusAddress', '');
  }
  // Every temporary file of this run (config dirs, databases, installs) under one directory, removed at the end:
  // test files are forked after this, so they inherit TMPDIR and os.tmpdir() points inside it.
  runTemp = mkdtempSync(join(tmpdir(), 'tix-run-'));
  process.env.TMPDIR = runTemp;
}

export async function teardown(): Promise<void> {
  await keyring?.stop();
  if (runTemp) rmSync(runTemp, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    dbusAddress: string;
  }
}
