import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir, tix } from '../helpers/cli.ts';
import { freshPostgresDatabase, skipWithoutPostgres } from '../helpers/database.ts';
import { formatStress, runStress, type Runner } from '../helpers/load.ts';

// Several stateless `tix serve` processes over one PostgreSQL database, the way a load balancer runs them: the
// stress harness spread across three of them with idempotency keys, one killed with SIGKILL while it handles a
// write, its workers moving to the others and re-running their unknown outcomes with the same keys; resolved
// tickets closing by themselves (after 3 s here) through the servers' background work. The database is then
// checked against the log of acknowledged operations.

const skip = skipWithoutPostgres();
const inProcess: Runner = (args, env) => tix(args, { env });
const cleanup: Array<() => unknown> = [];
afterAll(async () => {
  for (const c of cleanup.splice(0)) await c();
});

describe.skipIf(skip)('several instances over one database', () => {
  it('three tix serve, one killed mid-load: no acknowledged write lost, none twice, every resolved ticket auto-closed exactly once', {
    timeout: 600_000,
  }, async () => {
    const database = await freshPostgresDatabase({ empty: true });
    cleanup.push(database.drop);
    const dir = tempDir('tix-instances-');
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const r = await runStress({
      workers: 6,
      ops: 20,
      seed: 7,
      runner: inProcess,
      dir,
      database: database.url,
      instances: 3,
      crashAt: 0.4,
      autoCloseAfter: '3s',
      // more status changes than the default mix: resolved tickets for the servers to close
      mix: { status: 0.3 },
    });
    console.log(formatStress(r, { workers: 6, ops: 20, what: 'in-process tix commands, 3 servers, kill -9 of one at 40%' }));
    expect(r.problems).toEqual([]);
    expect(r.ledger).toMatchObject({ lost: [], duplicated: [], halfWritten: [], phantom: [], inconsistent: [], integrity: 'ok' });
    expect(r.ledger.creates).toBeGreaterThan(0);
    expect(r.ledger.replies).toBeGreaterThan(0);
    expect(r.crash).toBeDefined();
    expect(r.crash!.acknowledgedBefore).toBeGreaterThan(0);
    expect(r.crash!.afterRestart).toMatchObject({ lost: [], duplicated: [], halfWritten: [], integrity: 'ok' });
    expect(r.autoClose).toMatchObject({ closedTwice: [], loggedNotClosed: [], stillResolved: [] });
    expect(r.autoClose!.autoClosed).toBeGreaterThan(0);
    expect([...r.server.byStatus.keys()].filter((s) => s >= 500)).toEqual([]);
    expect(r.ok).toBe(true);
  });
});
