import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { distProblem } from './dist.ts';
import { startKeyring, type Keyring } from './keyring.ts';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.ts';

// Before any test file: make sure dist/ is the current sources (the CLI tests run the bundle; `npm test` has
// just built it, a lone `vitest run FILE` may not have), start a private D-Bus session with GNOME Keyring for
// the keychain tests, and a PostgreSQL for the postgres project: the one named by TIX_TEST_POSTGRES (a superuser
// URL), or else a private cluster in a temporary directory (initdb), with a template database that has tix's
// schema. TIX_TEST_STRICT=1 (CI) turns a missing keyring or PostgreSQL into a failure instead of skipped tests.
// Runs once, for the root project; what it provides reaches every project (sqlite, postgres).
let keyring: Keyring | undefined;
let cluster: PostgresCluster | undefined;
let runTemp: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  const problem = distProblem();
  if (problem) {
    process.stderr.write(`${problem.split(':')[0]}: building it\n`);
    execFileSync(process.execPath, ['src/dev/build.ts'], { stdio: 'inherit' });
  }
  // the cluster's directory is made before TMPDIR moves below: the postgres user must reach it
  await Promise.all([startKeyringFor(project), startPostgresFor(project)]);
  // Every temporary file of this run (config dirs, databases, installs) under one directory, removed at the end:
  // test files are forked after this, so they inherit TMPDIR and os.tmpdir() points inside it.
  runTemp = mkdtempSync(join(tmpdir(), 'tix-run-'));
  process.env.TMPDIR = runTemp;
}

async function startKeyringFor(project: TestProject): Promise<void> {
  try {
    keyring = await startKeyring();
    project.provide('dbusAddress', keyring.address);
  } catch (err) {
    if (process.env.TIX_TEST_STRICT === '1') throw new Error(`TIX_TEST_STRICT=1 but the keyring cannot start: ${(err as Error).message}`);
    process.stderr.write(`! keychain tests will be skipped: ${(err as Error).message}\n`);
    project.provide('dbusAddress', '');
  }
}

async function startPostgresFor(project: TestProject): Promise<void> {
  let url = process.env.TIX_TEST_POSTGRES ?? '';
  let problem = '';
  try {
    if (!url) {
      cluster = await startPostgresCluster();
      url = cluster.url;
    }
    const { prepareTemplate } = await import('./postgres-template.ts');
    await prepareTemplate(url);
  } catch (err) {
    problem = (err as Error).message.split('\n')[0]!;
    if (process.env.TIX_TEST_STRICT === '1') throw new Error(`TIX_TEST_STRICT=1 but PostgreSQL cannot be used: ${(err as Error).message}`);
    process.stderr.write(`! PostgreSQL tests will be skipped: ${(err as Error).message}\n`);
    await cluster?.stop();
    cluster = undefined;
    url = '';
  }
  project.provide('postgresUrl', url);
  project.provide('postgresProblem', problem);
}

export async function teardown(): Promise<void> {
  await Promise.all([keyring?.stop(), cluster?.stop()]);
  if (runTemp) rmSync(runTemp, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    dbusAddress: string;
    postgresUrl: string;
    postgresProblem: string;
  }
}
